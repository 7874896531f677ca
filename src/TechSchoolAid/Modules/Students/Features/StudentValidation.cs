using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>A validated input: the domain data, the protected personal fields and the normalised ID number.</summary>
public sealed record ValidatedStudent(StudentData Data, PersonalFields Personal, string NormalizedIdNumber);

/// <summary>
/// The one validation of a new student, used by the form, the API and every import row, so that a rule cannot differ
/// between them. Errors are keyed by the JSON field name.
/// </summary>
public static partial class StudentValidation
{
    public static ValidatedStudent? Validate(StudentInput i, DateOnly today, PersonalDataProtector protector, MajorCatalogueView majors, out Dictionary<string, List<string>> errors)
    {
        var e = new Dictionary<string, List<string>>();
        errors = e;
        void Add(string field, string message)
        {
            if (!e.TryGetValue(field, out var list))
            {
                e[field] = list = [];
            }

            list.Add(message);
        }

        var name = Clean(i.Name);
        if (name is null)
        {
            Add("name", "姓名不能为空");
        }
        else if (name.Length > 50)
        {
            Add("name", "姓名不能超过 50 个字");
        }
        else if (!NamePattern().IsMatch(name))
        {
            // Also refuses "=cmd|…" and "<script>": a name is letters, the middle dot and spaces, nothing else.
            Add("name", "姓名只能包含汉字、字母、间隔号“·”和空格");
        }

        var docType = i.DocumentType ?? IdDocumentType.ResidentIdCard;
        var idRaw = Clean(i.IdNumber);
        IdDocumentCheck? id = null;
        if (idRaw is null)
        {
            Add("idNumber", "证件号码不能为空");
        }
        else if (idRaw.Length > 30)
        {
            Add("idNumber", "证件号码过长");
        }
        else
        {
            id = IdDocument.Check(docType, idRaw, today, Divisions.IdProvinceCodes);
            if (!id.IsValid)
            {
                Add("idNumber", id.Error ?? "证件号码无效");
                id = null;
            }
        }

        // When a number that carries the birth date and sex is given but invalid, its own error says enough.
        var numberWouldGiveBirthAndSex = idRaw is not null && id is null
            && docType is IdDocumentType.ResidentIdCard or IdDocumentType.HkMacaoTaiwanResidencePermit;
        var birth = i.BirthDate ?? id?.BirthDate;
        if (birth is null)
        {
            if (!numberWouldGiveBirthAndSex)
            {
                Add("birthDate", "出生日期不能为空");
            }
        }
        else if (id?.BirthDate is { } fromId && i.BirthDate is { } entered && entered != fromId)
        {
            Add("birthDate", $"出生日期与证件号码不一致（证件号码中为 {fromId.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）");
        }
        else if (birth > today)
        {
            Add("birthDate", "出生日期不能晚于今天");
        }
        else if (Age(birth.Value, today) is var age && (age < 12 || age > 60))
        {
            Add("birthDate", $"按出生日期计算年龄为 {age} 岁，不在 12–60 岁的合理范围内");
        }

        var sex = i.Sex ?? id?.Sex;
        if (sex is null)
        {
            if (!numberWouldGiveBirthAndSex)
            {
                Add("sex", "性别不能为空");
            }
        }
        else if (id?.Sex is { } sexFromId && i.Sex is { } enteredSex && enteredSex != sexFromId)
        {
            Add("sex", $"性别与证件号码不一致（证件号码中为{sexFromId.ToChinese()}）");
        }

        var ethnicity = Clean(i.Ethnicity);
        if (ethnicity is null)
        {
            Add("ethnicity", "民族不能为空");
        }
        else if (!StudentText.Ethnicities.Contains(ethnicity))
        {
            Add("ethnicity", $"民族“{Shorten(ethnicity)}”不在国家标准民族名称中");
        }

        if (i.Household is null)
        {
            Add("household", "户籍性质（农村/县镇/城市）不能为空");
        }

        var county = Clean(i.HouseholdCountyCode);
        if (county is null)
        {
            Add("householdCountyCode", "户籍所在县区代码不能为空");
        }
        else if (!Divisions.IsCounty(county))
        {
            Add("householdCountyCode", $"户籍所在县区代码 {Shorten(county)} 不是有效的 6 位县级行政区划代码");
        }

        var entry = ResolveMajor(i, majors, Add);

        if (i.TrainingLevel is null)
        {
            Add("trainingLevel", "培养层次不能为空");
        }

        if (i.EntryEducation is null)
        {
            Add("entryEducation", "入学前学历不能为空");
        }

        if (i.SchoolingYears is not { } years)
        {
            Add("schoolingYears", "学制不能为空");
        }
        else if (years is < 1 or > 6)
        {
            Add("schoolingYears", "学制应为 1–6 年");
        }

        if (i.IsFullTime is null)
        {
            Add("isFullTime", "请填写是否全日制");
        }

        if (i.IntakeYear is not { } intakeYear || intakeYear < 2000 || intakeYear > today.Year)
        {
            Add("intakeYear", "招生年份无效");
        }

        if (i.IntakeSeason is null)
        {
            Add("intakeSeason", "招生季（春季/秋季）不能为空");
        }

        if (i.EnrolmentDate is not { } enrolment)
        {
            Add("enrolmentDate", "入学日期不能为空");
        }
        else if (enrolment > today)
        {
            Add("enrolmentDate", "入学日期不能晚于今天");
        }
        else if (i.IntakeYear is { } y && i.IntakeSeason is { } season && !InIntake(enrolment, y, season))
        {
            Add("enrolmentDate", $"入学日期应在{StudentText.Intake(y, season)}招生期内（{(season == IntakeSeason.Spring ? "1–6 月" : "7–12 月")}）");
        }
        else if (birth is { } b && enrolment < b)
        {
            Add("enrolmentDate", "入学日期早于出生日期");
        }

        var className = Clean(i.ClassName);
        if (className is null)
        {
            Add("className", "班级不能为空");
        }
        else if (className.Length > 50 || !FreeTextPattern().IsMatch(className))
        {
            Add("className", "班级名称过长或含有不允许的字符");
        }

        if (i.MajorArts is { } arts && !Enum.IsDefined(arts))
        {
            Add("majorArts", "表演艺术类专业应为：否、艺术类表演专业或戏曲表演专业");
        }
        else if (entry is not null && i.MajorArts is { } given && given != entry.Arts)
        {
            Add("majorArts", $"表演艺术类别由专业目录决定：{entry.Display}在目录中为“{entry.Arts.ToChinese()}”，不能填写为“{given.ToChinese()}”");
        }

        if (entry is not null && i.MajorIsAgricultural is { } agricultural && agricultural != entry.IsAgricultural)
        {
            Add("majorIsAgricultural", $"是否涉农专业由专业目录决定：{entry.Display}在目录中{(entry.IsAgricultural ? "是" : "不是")}涉农专业");
        }

        var phone = Clean(i.Phone);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            Add("phone", "联系电话应为 11 位手机号或带区号的固定电话");
        }

        var guardian = Clean(i.GuardianName);
        if (guardian is not null && (guardian.Length > 50 || !NamePattern().IsMatch(guardian)))
        {
            Add("guardianName", "监护人姓名只能包含汉字、字母、间隔号“·”和空格");
        }

        var guardianPhone = Clean(i.GuardianPhone);
        if (guardianPhone is not null && !PhonePattern().IsMatch(guardianPhone))
        {
            Add("guardianPhone", "监护人电话应为 11 位手机号或带区号的固定电话");
        }

        if (e.Count > 0)
        {
            return null;
        }

        var normalized = id!.Normalized!;
        var data = new StudentData(
            name!, docType, birth!.Value, sex!.Value, ethnicity!, i.Household!.Value, county!, entry!.Name, entry.IsAgricultural,
            i.TrainingLevel!.Value, i.EntryEducation!.Value, i.SchoolingYears!.Value, i.IsFullTime!.Value, i.IntakeYear!.Value,
            i.IntakeSeason!.Value, i.EnrolmentDate!.Value, className!, guardian, i.PaperFileMade ?? false, entry.Arts, entry.Code);
        var fingerprint = Fingerprint(data, normalized, phone, guardianPhone);
        var personal = new PersonalFields(
            protector.Encrypt(normalized),
            Convert.ToHexStringLower(protector.BlindIndex(IndexKey(docType, normalized))),
            IdDocument.Mask(normalized),
            phone is null ? null : protector.Encrypt(phone),
            phone is null ? null : MaskPhone(phone),
            guardianPhone is null ? null : protector.Encrypt(guardianPhone),
            guardianPhone is null ? null : MaskPhone(guardianPhone),
            fingerprint);
        return new ValidatedStudent(data, personal, normalized);
    }

    /// <summary>
    /// The catalogue entry the input names (ADR 0025): <see cref="StudentInput.MajorCode"/>, or without it
    /// <see cref="StudentInput.Major"/> as the catalogue's exact name or "code name". The entry, not the clerk, sets the
    /// major's name and its 涉农 / 表演艺术 flags.
    /// </summary>
    private static MajorCatalogueEntryInfo? ResolveMajor(StudentInput i, MajorCatalogueView majors, Action<string, string> add)
    {
        var code = Clean(i.MajorCode);
        var name = Clean(i.Major);
        var field = code is null ? "major" : "majorCode";
        var key = code ?? name;
        if (key is null)
        {
            add("major", "专业不能为空，请从专业目录中选择");
            return null;
        }

        if (key.Length > 80 || !FreeTextPattern().IsMatch(key))
        {
            add(field, "专业过长或含有不允许的字符");
            return null;
        }

        if (majors.EditionName is null)
        {
            add(field, "尚未导入专业目录，请联系部级管理员导入后再登记专业");
            return null;
        }

        var entry = majors.Find(key);
        if (entry is null)
        {
            add(field, code is null
                ? $"专业“{Shorten(key)}”不在现行专业目录（{majors.EditionName}）中，请从目录中选择或填写目录中的专业代码"
                : $"专业代码 {Shorten(key)} 不在现行专业目录（{majors.EditionName}）中");
            return null;
        }

        if (code is not null && name is not null && name != entry.Name && majors.Find(name) != entry)
        {
            add("major", $"专业名称“{Shorten(name)}”与专业代码 {entry.Code}（{entry.Name}）不一致");
            return null;
        }

        return entry;
    }

    /// <summary>The blind-index input: the document type is part of it so that a passport never collides with an ID card.</summary>
    public static string IndexKey(IdDocumentType type, string normalized) =>
        type == IdDocumentType.ResidentIdCard ? normalized : $"{(int)type}:{normalized}";

    public static string MaskPhone(string phone) =>
        phone.Length >= 7 ? string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4)) : new string('*', phone.Length);

    public static bool InIntake(DateOnly enrolment, int year, IntakeSeason season) =>
        enrolment.Year == year && (season == IntakeSeason.Spring ? enrolment.Month <= 6 : enrolment.Month >= 7);

    private static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth > today.AddYears(-age) ? age - 1 : age;
    }

    private static string? Clean(string? s)
    {
        if (s is null)
        {
            return null;
        }

        var t = s.Trim().Replace('\u3000', ' ');
        return t.Length == 0 ? null : t;
    }

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;

    private static string Fingerprint(StudentData d, string idNumber, string? phone, string? guardianPhone)
    {
        var text = string.Join('\u001f', JsonSerializer.Serialize(d), idNumber, phone ?? "", guardianPhone ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M}·•． .'-]*$")]
    private static partial Regex NamePattern();

    // Free text such as majors and classes: no markup, no spreadsheet formula prefix.
    [GeneratedRegex(@"^[^=+\-@<>\t\r\n][^<>\t\r\n]*$")]
    private static partial Regex FreeTextPattern();

    [GeneratedRegex(@"^(1\d{10}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}
