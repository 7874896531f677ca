using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

public sealed record ImportError(int Row, string Column, string Message);

/// <summary>The answer to an import: accepted whole, or refused with every problem by row and column (IMP-1).</summary>
public sealed record ImportReport(
    string FileName,
    string FileSha256,
    int TotalRows,
    int Imported,
    int Unchanged,
    bool Accepted,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<ImportError> Errors);

/// <summary>
/// Imports new students from the template (.xlsx or CSV, UTF-8 or GBK). The file is checked whole first — every row
/// with the same validation as the entry form, duplicates inside the file and nationwide — and written in one
/// transaction only when nothing is wrong. A row already registered at this school with the same data is "unchanged",
/// so importing the same file twice changes nothing.
/// </summary>
public sealed class ImportStudents(
    TsaDbContext db,
    SchoolDirectory schools,
    RegistrationWindow window,
    PersonalDataProtector protector,
    TimeProvider clock)
{
    /// <summary>The screen import's endpoint (whole file checked, all rows or none) and the template's.</summary>
    public static void Map(RouteGroupBuilder schools, RouteGroupBuilder students)
    {
        schools.MapPost("/students/import", async (string schoolCode, IFormFile file, ImportStudents handler, CancellationToken ct) =>
        {
            if (file.Length > TabularFile.MaxBytes)
            {
                throw new AppException(ErrorKind.TooLarge, $"文件不能超过 {TabularFile.MaxBytes / 1024 / 1024} MB，请分批导入");
            }

            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var report = await handler.HandleAsync(schoolCode, ms.ToArray(), file.FileName, ct);
            return report.Accepted ? Results.Ok(report) : Results.UnprocessableEntity(report);
        }).WithSummary("从 Excel/CSV 导入新生（整体校验，全部成功或全部不导入）").RequireAccess(StudentAccess.Register).DisableAntiforgery()
          .Produces<ImportReport>(200).Produces<ImportReport>(422);
        students.MapGet("/import-template", () => TypedResults.File(Template(), FileResponses.Xlsx, "新生导入模板.xlsx"))
            .WithSummary("下载导入模板").ProducesFile(FileResponses.Xlsx).RequireAccess(StudentAccess.Register);
    }

    /// <summary>Template columns: header text → JSON field. A trailing * in the template marks a required column.</summary>
    public static readonly IReadOnlyList<(string Header, string Field, bool Required, string Hint)> Columns =
    [
        ("姓名", "name", true, "张三"),
        ("证件类型", "documentType", false, "居民身份证（默认）/港澳台居民居住证/外国人永久居留身份证/护照"),
        ("证件号码", "idNumber", true, "18 位身份证号码，单元格请设为文本格式"),
        ("出生日期", "birthDate", false, "yyyy-MM-dd；身份证可不填，填写时须与号码一致"),
        ("性别", "sex", false, "男/女；身份证可不填"),
        ("民族", "ethnicity", true, "汉族"),
        ("户籍性质", "household", true, "农村/县镇/城市（县镇：县城和建制镇的城镇户籍，免学费按农村，国家助学金的特定地区政策不含县城）"),
        ("户籍所在县区代码", "householdCountyCode", true, "6 位行政区划代码，如 440305"),
        ("专业", "major", true, "数控加工"),
        ("是否涉农专业", "majorIsAgricultural", false, "是/否，默认否"),
        ("培养层次", "trainingLevel", true, "中级工/高级工/预备技师"),
        ("入学前学历", "entryEducation", true, "初中/高中"),
        ("学制", "schoolingYears", true, "3"),
        ("是否全日制", "isFullTime", true, "是/否"),
        ("招生年份", "intakeYear", true, "2026"),
        ("招生季", "intakeSeason", true, "春季/秋季"),
        ("入学日期", "enrolmentDate", true, "yyyy-MM-dd"),
        ("班级", "className", true, "2026级数控1班"),
        ("联系电话", "phone", false, "11 位手机号"),
        ("监护人姓名", "guardianName", false, ""),
        ("监护人电话", "guardianPhone", false, ""),
        ("纸质档案已建立", "paperFileMade", false, "是/否"),
        ("表演艺术类专业", "majorArts", false, "否/艺术类表演/戏曲表演，默认否（艺术类表演专业不享受免学费，戏曲表演除外）"),
    ];

    private static readonly Dictionary<string, string> HeaderOfField = Columns.ToDictionary(c => c.Field, c => c.Header);

    public static string HeaderOf(string field) => HeaderOfField.TryGetValue(field, out var h) ? h : field;

    public async Task<ImportReport> HandleAsync(string schoolCode, byte[] content, string fileName, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Register);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Register, school.ScopePath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var safeName = Path.GetFileName(fileName);
        var sheet = TabularFile.Read(content, safeName);

        var fileErrors = HeaderErrors(sheet.Headers);
        if (fileErrors.Count == 0 && sheet.Rows.Count == 0)
        {
            fileErrors.Add("文件中没有学生数据行");
        }

        if (fileErrors.Count > 0)
        {
            return new ImportReport(safeName, sha, sheet.Rows.Count, 0, 0, false, fileErrors, []);
        }

        var today = clock.Today();
        var majors = await Majors.MajorCatalogues.InForceAsync(db, today, ct);
        var errors = new List<ImportError>();
        var valid = new List<(SheetRow Row, ValidatedStudent Student)>();
        var firstRowOfPerson = new Dictionary<string, int>();
        foreach (var row in sheet.Rows)
        {
            var input = ToInput(row, errors);
            var student = StudentValidation.Validate(input, today, protector, majors, out var rowErrors);
            foreach (var (field, messages) in rowErrors)
            {
                if (errors.Any(e => e.Row == row.RowNumber && e.Column == HeaderOf(field)))
                {
                    continue; // the cell could not be read at all; that error says enough
                }

                errors.AddRange(messages.Select(m => new ImportError(row.RowNumber, HeaderOf(field), m)));
            }

            if (student is null)
            {
                continue;
            }

            if (firstRowOfPerson.TryGetValue(student.Personal.IdNumberHash, out var first))
            {
                errors.Add(new ImportError(row.RowNumber, "证件号码", $"与第 {first} 行是同一人，文件中不能重复"));
                continue;
            }

            firstRowOfPerson[student.Personal.IdNumberHash] = row.RowNumber;
            valid.Add((row, student));
        }

        foreach (var intake in valid.Select(v => (v.Student.Data.IntakeYear, v.Student.Data.IntakeSeason)).Distinct())
        {
            var state = await window.StateAsync(school.Id, intake.IntakeYear, intake.IntakeSeason, ct);
            if (!state.IsOpen)
            {
                foreach (var v in valid.Where(v => v.Student.Data.IntakeYear == intake.IntakeYear && v.Student.Data.IntakeSeason == intake.IntakeSeason))
                {
                    errors.Add(new ImportError(v.Row.RowNumber, "招生季", state.Describe()));
                }
            }
        }

        var holders = await PlaceHolders.FindAsync(db, valid.Select(v => v.Student.Personal.IdNumberHash).ToList(), ct);
        // This school's open records of the same persons, full-time or not: a part-time student holds no place, so the
        // place holders alone would let the same file register him twice.
        // In chunks like the place holders: EF sends a list as one SQL variable per item, and SQLite refuses more than
        // 32,766 of them in one statement (a 45,000-row file answered 500).
        var existing = new List<(string IdNumberHash, string InputFingerprint)>();
        foreach (var hashes in valid.Select(v => v.Student.Personal.IdNumberHash).Chunk(500))
        {
            existing.AddRange((await db.Unscoped<StudentRecord>("ID numbers are unique across the country")
                    .Where(s => s.SchoolId == school.Id && hashes.Contains(s.IdNumberHash)
                                && (s.Status == EnrolmentStatus.Pending || s.Status == EnrolmentStatus.Active
                                    || s.Status == EnrolmentStatus.Suspended || s.Status == EnrolmentStatus.Reserved))
                    .Select(s => new { s.IdNumberHash, s.InputFingerprint }).ToListAsync(ct))
                .Select(s => (s.IdNumberHash, s.InputFingerprint)));
        }

        var existingFingerprints = existing.GroupBy(s => s.IdNumberHash).ToDictionary(g => g.Key, g => g.Select(s => s.InputFingerprint).ToList());
        var toInsert = new List<ValidatedStudent>();
        var unchanged = 0;
        foreach (var (row, student) in valid)
        {
            var hash = student.Personal.IdNumberHash;
            if (holders.TryGetValue(hash, out var holder) && holder.SchoolId != school.Id)
            {
                errors.Add(new ImportError(row.RowNumber, "证件号码", PlaceHolders.Message(holder, school.Id)));
            }
            else if (existingFingerprints.TryGetValue(hash, out var fps) && fps.Contains(student.Personal.Fingerprint))
            {
                unchanged++;
            }
            else if (existingFingerprints.ContainsKey(hash) || holder is not null)
            {
                errors.Add(new ImportError(row.RowNumber, "证件号码", "该学生已在本校登记但信息与文件不同，请在学生详情中修改"));
            }
            else
            {
                toInsert.Add(student);
            }
        }

        if (errors.Count > 0)
        {
            var ordered = errors.OrderBy(e => e.Row).ThenBy(e => Columns.ToList().FindIndex(c => c.Header == e.Column)).ToList();
            return new ImportReport(safeName, sha, sheet.Rows.Count, 0, unchanged, false, [], ordered);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var records = toInsert.Select(s => new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, s.Data, s.Personal, db.Actor.UserName, now)).ToList();
        db.AddRange(records);
        foreach (var r in records)
        {
            db.Record(StudentAuditActions.Registered, r.Id.ToString(), r.ScopePath, null, new { r.Name, idNumber = r.IdNumberMasked, school = school.Code, source = "import", file = sha[..12] }, clock);
        }

        db.Record(StudentAuditActions.Imported, school.Code, school.ScopePath, null, new { file = safeName, sha256 = sha, rows = sheet.Rows.Count, imported = records.Count, unchanged }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("导入期间有学生被其他用户登记，整个文件未导入，请重新导入");
        }

        TsaMetrics.Imported("screen", "accepted", records.Count);
        return new ImportReport(safeName, sha, sheet.Rows.Count, records.Count, unchanged, true, [], []);
    }

    /// <summary>The file-level check of the header row, shared with the bulk import (`tsa import students`).</summary>
    internal static List<string> HeaderErrors(IReadOnlyCollection<string> headers)
    {
        var missing = Columns.Where(c => c.Required && !headers.Contains(c.Header)).Select(c => c.Header).ToList();
        var unknown = headers.Where(h => h.Length > 0 && Columns.All(c => c.Header != h)).ToList();
        var fileErrors = new List<string>();
        if (missing.Count > 0)
        {
            fileErrors.Add($"缺少必填列：{string.Join("、", missing)}（请使用下载的模板）");
        }

        if (unknown.Count > 0)
        {
            fileErrors.Add($"无法识别的列：{string.Join("、", unknown.Take(10))}");
        }

        return fileErrors;
    }

    /// <summary>Reads one row's cells into the shared input; a cell that cannot be read is reported against its column.</summary>
    internal static StudentInput ToInput(SheetRow row, List<ImportError> errors)
    {
        string? Cell(string header) => row.Cells.TryGetValue(header, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        void Bad(string header, string message) => errors.Add(new ImportError(row.RowNumber, header, message));

        T? Parse<T>(string header, Func<string, T?> parse, string expected)
            where T : struct
        {
            var text = Cell(header);
            if (text is null)
            {
                return null;
            }

            var value = parse(text);
            if (value is null)
            {
                Bad(header, $"无法识别“{Shorten(text)}”，应为{expected}");
            }

            return value;
        }

        var id = Cell("证件号码");
        if (id?.StartsWith("#NUMBER:", StringComparison.Ordinal) == true)
        {
            Bad("证件号码", "证件号码被 Excel 存成了数字，末几位已丢失；请将该列设为文本格式后重新填写");
            id = null;
        }

        return new StudentInput
        {
            Name = Cell("姓名"),
            DocumentType = Parse("证件类型", t => IdDocumentTypeExtensions.TryParseChinese(t, out var d) ? d : (IdDocumentType?)null, "居民身份证、港澳台居民居住证、外国人永久居留身份证或护照"),
            IdNumber = id,
            BirthDate = Parse("出生日期", ParseDate, "日期（如 2008-09-01）"),
            Sex = Parse("性别", t => SexExtensions.TryParseChinese(t, out var s) ? s : (Sex?)null, "男或女"),
            Ethnicity = Cell("民族"),
            Household = Parse("户籍性质", t => t switch { "农村" or "农业" => Household.Rural, "县镇" => Household.CountyTown, "城市" or "城镇" or "非农业" => Household.Urban, _ => (Household?)null }, "农村、县镇或城市"),
            HouseholdCountyCode = Cell("户籍所在县区代码"),
            Major = Cell("专业"),
            MajorIsAgricultural = Parse("是否涉农专业", ParseBool, "是或否"),
            MajorArts = Parse("表演艺术类专业", t => t switch
            {
                "否" or "无" => MajorArts.None,
                "艺术类表演" or "艺术类表演专业" or "表演" => MajorArts.PerformingArts,
                "戏曲表演" or "戏曲表演专业" or "戏曲" => MajorArts.TraditionalOpera,
                _ => (MajorArts?)null,
            }, "否、艺术类表演或戏曲表演"),
            TrainingLevel = Parse("培养层次", t => t switch { "中级工" => TrainingLevel.Intermediate, "高级工" => TrainingLevel.Senior, "预备技师" or "技师" => TrainingLevel.PreTechnician, _ => (TrainingLevel?)null }, "中级工、高级工或预备技师"),
            EntryEducation = Parse("入学前学历", t => t switch { "初中" => EntryEducation.JuniorMiddle, "高中" or "高中及以上" => EntryEducation.SeniorMiddle, _ => (EntryEducation?)null }, "初中或高中"),
            SchoolingYears = Parse("学制", t => int.TryParse(t.TrimEnd('年'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null, "整数年数"),
            IsFullTime = Parse("是否全日制", ParseBool, "是或否"),
            IntakeYear = Parse("招生年份", t => int.TryParse(t.TrimEnd('年'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : (int?)null, "四位年份"),
            IntakeSeason = Parse("招生季", t => t switch { "春季" or "春" => IntakeSeason.Spring, "秋季" or "秋" => IntakeSeason.Autumn, _ => (IntakeSeason?)null }, "春季或秋季"),
            EnrolmentDate = Parse("入学日期", ParseDate, "日期（如 2026-09-01）"),
            ClassName = Cell("班级"),
            Phone = Cell("联系电话"),
            GuardianName = Cell("监护人姓名"),
            GuardianPhone = Cell("监护人电话"),
            PaperFileMade = Parse("纸质档案已建立", ParseBool, "是或否"),
        };
    }

    private static DateOnly? ParseDate(string text)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.MM.dd", "yyyy年M月d日"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        // A date cell written by some spreadsheet programs as its serial number.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000
            ? DateOnly.FromDateTime(DateTime.FromOADate(serial))
            : null;
    }

    private static bool? ParseBool(string text) => text switch
    {
        "是" or "Y" or "y" or "1" or "true" or "TRUE" => true,
        "否" or "N" or "n" or "0" or "false" or "FALSE" => false,
        _ => null,
    };

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;

    /// <summary>The downloadable template: the columns in the first sheet, and how to fill them in the second.</summary>
    public static byte[] Template()
    {
        var header = new Dictionary<string, object?>();
        foreach (var c in Columns)
        {
            header[c.Required ? c.Header + "*" : c.Header] = null;
        }

        var help = Columns.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["列"] = c.Header,
            ["是否必填"] = c.Required ? "必填" : "选填",
            ["填写说明"] = c.Hint,
        });
        return SafeExcel.WriteSheets(new Dictionary<string, IEnumerable<IDictionary<string, object?>>>
        {
            ["新生名单"] = [header],
            ["填写说明"] = help,
        });
    }

    public static byte[] ErrorReport(ImportReport report)
    {
        var rows = report.FileErrors.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?> { ["行号"] = null, ["列"] = "整个文件", ["问题"] = e })
            .Concat(report.Errors.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?> { ["行号"] = e.Row, ["列"] = e.Column, ["问题"] = e.Message }));
        return SafeExcel.Write(rows, "错误报告");
    }
}
