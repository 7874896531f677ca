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

/// <summary>One problem of an import row: its spreadsheet row number, the student's name as written there, the column.</summary>
public sealed record ImportError(int Row, string Column, string Message)
{
    /// <summary>The row's 姓名 cell (shortened), so that a clerk finds the student without counting rows; null when blank.</summary>
    public string? Name { get; init; }

    /// <summary>The errors with the name of the student of each row.</summary>
    public static List<ImportError> WithNames(IEnumerable<ImportError> errors, IEnumerable<SheetRow> rows)
    {
        var names = new Dictionary<int, string>();
        foreach (var row in rows)
        {
            if (row.Cells.TryGetValue("姓名", out var name) && !string.IsNullOrWhiteSpace(name))
            {
                var n = name.Trim();
                names[row.RowNumber] = n.Length > 20 ? n[..20] + "…" : n;
            }
        }

        return errors.Select(e => e.Name is null && names.TryGetValue(e.Row, out var n) ? e with { Name = n } : e).ToList();
    }
}

/// <summary>The answer to an import: accepted whole, or refused with every problem by row and column (IMP-1).</summary>
public sealed record ImportReport(
    string FileName,
    string FileSha256,
    int TotalRows,
    int Imported,
    int Unchanged,
    bool Accepted,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<ImportError> Errors)
{
    /// <summary>The template's example row(s) left in the file, skipped (not counted in <see cref="TotalRows"/>).</summary>
    public int ExampleRowsSkipped { get; init; }
}

/// <summary>
/// Imports new students from the template (.xlsx or CSV, UTF-8 or GBK). The file is checked whole first — every row
/// with the same validation as the entry form, duplicates inside the file and nationwide — and written in one
/// transaction only when nothing is wrong. A row already registered at this school with the same data is "unchanged",
/// so importing the same file twice changes nothing.
/// </summary>
public sealed partial class ImportStudents(
    TsaDbContext db,
    SchoolDirectory schools,
    RegistrationWindow window,
    PersonalDataProtector protector,
    TimeProvider clock)
{
    /// <summary>What the importer answers for an ID number Excel stored as a number (once per row, nothing derived from it).</summary>
    public const string IdStoredAsNumber = "身份证号被 Excel 存成了数字，请把该列设为文本后重新填写";

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
        students.MapGet("/import-template", async (TimeProvider clock, IMajorCatalogue catalogue, CancellationToken ct) =>
        {
            // The majors of the catalogue edition in force become the 专业 column's drop-down ("code name", as the validator reads it).
            var majors = await catalogue.CurrentEntriesAsync(ct);
            var choices = majors.Count == 0 ? null : new Dictionary<string, IReadOnlyList<string>> { ["major"] = majors.Select(m => m.Display).ToList() };
            return TypedResults.File(ImportTemplate.Build(clock.Today(), choices), FileResponses.Xlsx, "新生导入模板.xlsx");
        })
            .WithSummary("下载导入模板（证件号码等代码列为文本格式，编码列带下拉选项，含示例行和填写说明）").ProducesFile(FileResponses.Xlsx).RequireAccess(StudentAccess.Register);
    }

    /// <summary>The template's columns (header → JSON field), defined once in <see cref="ImportTemplate.Columns"/>.</summary>
    public static IReadOnlyList<ImportColumn> Columns => ImportTemplate.Columns;

    private static readonly Dictionary<string, string> HeaderOfField = ImportTemplate.Columns.ToDictionary(c => c.Field, c => c.Header);

    public static string HeaderOf(string field) => HeaderOfField.TryGetValue(field, out var h) ? h : field;

    public async Task<ImportReport> HandleAsync(string schoolCode, byte[] content, string fileName, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Register);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Register, school.ScopePath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var safeName = Path.GetFileName(fileName);
        var sheet = TabularFile.Read(content, safeName);
        var rows = sheet.Rows.Where(r => !ImportTemplate.IsExampleRow(r)).ToList();
        var examples = sheet.Rows.Count - rows.Count;

        var fileErrors = HeaderErrors(sheet.Headers);
        if (fileErrors.Count == 0 && rows.Count == 0)
        {
            fileErrors.Add(examples > 0 ? "文件中只有模板的示例行，没有学生数据行" : "文件中没有学生数据行");
        }

        if (fileErrors.Count > 0)
        {
            return new ImportReport(safeName, sha, rows.Count, 0, 0, false, fileErrors, []) { ExampleRowsSkipped = examples };
        }

        var today = clock.Today();
        var majors = await Majors.MajorCatalogues.InForceAsync(db, today, ct);
        var errors = new List<ImportError>();
        var valid = new List<(SheetRow Row, ValidatedStudent Student)>();
        var firstRowOfPerson = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var (rowErrors, student) = CheckRow(row, today, protector, majors);
            errors.AddRange(rowErrors);
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
            var ordered = ImportError.WithNames(errors.OrderBy(e => e.Row).ThenBy(e => ColumnOrder(e.Column)), rows);
            return new ImportReport(safeName, sha, rows.Count, 0, unchanged, false, [], ordered) { ExampleRowsSkipped = examples };
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var records = toInsert.Select(s => new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, s.Data, s.Personal, db.Actor.UserName, now)).ToList();
        db.AddRange(records);
        foreach (var r in records)
        {
            db.Record(StudentAuditActions.Registered, r.Id.ToString(), r.ScopePath, null, new { r.Name, idNumber = r.IdNumberMasked, school = school.Code, source = "import", file = sha[..12] }, clock);
        }

        db.Record(StudentAuditActions.Imported, school.Code, school.ScopePath, null, new { file = safeName, sha256 = sha, rows = rows.Count, imported = records.Count, unchanged }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (OnePlaceRule.IsViolation(ex))
        {
            throw AppException.Conflict("导入期间有学生被其他用户登记，整个文件未导入，请重新导入");
        }

        TsaMetrics.Imported("screen", "accepted", records.Count);
        return new ImportReport(safeName, sha, rows.Count, records.Count, unchanged, true, [], []) { ExampleRowsSkipped = examples };
    }

    /// <summary>A column's place in the template, to order a report's errors as the clerk reads the row.</summary>
    internal static int ColumnOrder(string column)
    {
        for (var i = 0; i < ImportTemplate.Columns.Count; i++)
        {
            if (ImportTemplate.Columns[i].Header == column)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>
    /// One row, read and validated as the entry form validates (shared with the bulk import). A cell that cannot be read
    /// is its column's only error; an ID number Excel stored as a number is the row's only complaint about the number and
    /// what it would give (birth date, sex).
    /// </summary>
    internal static (List<ImportError> Errors, ValidatedStudent? Student) CheckRow(SheetRow row, DateOnly today, PersonalDataProtector protector, MajorCatalogueView majors)
    {
        var errors = new List<ImportError>();
        var input = ToInput(row, errors);
        var student = StudentValidation.Validate(input, today, protector, majors, out var fieldErrors);
        var idAsNumber = errors.Exists(e => e.Message == IdStoredAsNumber);
        foreach (var (field, messages) in fieldErrors)
        {
            var column = HeaderOf(field);
            if (errors.Exists(e => e.Column == column))
            {
                continue; // the cell could not be read at all; that error says enough
            }

            if (idAsNumber && ((field == "birthDate" && input.BirthDate is null) || (field == "sex" && input.Sex is null)))
            {
                continue; // would have come from the number
            }

            errors.AddRange(messages.Select(m => new ImportError(row.RowNumber, column, m)));
        }

        return (errors, student);
    }

    /// <summary>
    /// An ID number that went through Excel as a number: in scientific notation (4.40103E+17), from a number cell with more
    /// than 15 digits, or 18 digits ending in 000 whose check digit fails (Excel keeps 15 significant digits and zeroes the rest).
    /// </summary>
    internal static bool LooksStoredAsNumber(string id, bool numberCell)
    {
        var t = id.Trim();
        if (t.Length is > 3 and < 40 && ScientificPattern().IsMatch(t))
        {
            return true;
        }

        var digitsOnly = t.Length > 0 && t.All(char.IsAsciiDigit);
        if (numberCell && digitsOnly && t.Length > 15)
        {
            return true;
        }

        return digitsOnly && t.Length == 18 && t.EndsWith("000", StringComparison.Ordinal) && IdDocument.ComputeCheckChar(t.AsSpan(0, 17)) != '0';
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(\.\d+)?[eE]\+?\d+$")]
    private static partial System.Text.RegularExpressions.Regex ScientificPattern();

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
        if (id is not null && LooksStoredAsNumber(id, row.NumberCells.Contains("证件号码")))
        {
            Bad("证件号码", IdStoredAsNumber);
            id = null;
        }

        // The template's drop-down gives “440103 广州市荔湾区”: the code is what counts; a name that belongs to another
        // county is a mistake worth a word.
        var county = Cell("户籍所在县区代码");
        if (county is { Length: > 6 } && county[6] is ' ' or '\u3000' && county[..6].All(char.IsAsciiDigit))
        {
            var label = ImportTemplate.CountyLabel(county[..6]);
            var written = county[6..].Trim();
            if (label is not null && written.Length > 0 && !label.EndsWith(written, StringComparison.Ordinal))
            {
                Bad("户籍所在县区代码", $"代码 {county[..6]} 是“{label[7..]}”，与所填名称“{Shorten(written)}”不符，请从下拉列表重新选择");
            }

            county = county[..6];
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
            HouseholdCountyCode = county,
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

    public static byte[] ErrorReport(ImportReport report)
    {
        var rows = report.FileErrors.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?> { ["行号"] = null, ["姓名"] = null, ["列"] = "整个文件", ["问题"] = e })
            .Concat(report.Errors.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?> { ["行号"] = e.Row, ["姓名"] = e.Name, ["列"] = e.Column, ["问题"] = e.Message }));
        return SafeExcel.Write(rows, "错误报告");
    }
}
