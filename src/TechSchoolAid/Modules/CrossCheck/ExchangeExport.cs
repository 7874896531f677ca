using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.CrossCheck;

/// <summary>
/// Our side of the exchange: this system's approved grants and waivers of a term, in the exchange format, for the ministry
/// of education. The file carries ID numbers in clear (the other side matches on them), so it is for the ministry and
/// provinces holding <see cref="Permission.RevealPersonalData"/>, streamed row by row, and audited with its row count.
/// </summary>
public sealed class ExchangeExport(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public static void Require(Actor actor)
    {
        if (actor.Level is not (OrgLevel.Ministry or OrgLevel.Province) || !actor.Can(Permission.RevealPersonalData) || !actor.Can(Permission.ExportData))
        {
            throw AppException.Forbidden("只有部级、省级管理员可以导出交换名单（含完整证件号码）");
        }
    }

    /// <summary>"2026-autumn" / "2026-spring" (school year 2026-2027).</summary>
    public static AidTerm ParseTerm(string? text)
    {
        var parts = (text ?? "").Trim().ToLowerInvariant().Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            && parts[1] is "autumn" or "spring")
        {
            return new AidTerm(y, parts[1] == "autumn" ? Semester.Autumn : Semester.Spring);
        }

        throw AppException.Invalid("term", "学期格式应为 学年-autumn 或 学年-spring（如 2026-autumn 表示 2026-2027 学年秋季学期）");
    }

    /// <summary>Writes the CSV to <paramref name="output"/>; returns the number of rows.</summary>
    public async Task<int> WriteAsync(AidTerm term, bool gbk, Stream output, CancellationToken ct)
    {
        Require(db.Actor);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = gbk ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(true);
        var rows = from e in db.Set<AidEntry>().AsNoTracking()
                   join r in db.Set<AidRound>().AsNoTracking() on e.RoundId equals r.Id
                   join s in db.StudentIdCiphersInScope() on e.StudentId equals s.Id
                   where e.State == AidEntryState.Approved && s.DocumentType == IdDocumentType.ResidentIdCard && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester
                   orderby r.SchoolCode, e.Item, e.StudentName
                   select new { e.Item, e.StudentName, r.SchoolName, s.IdNumberCipher };
        var count = 0;
        await using (var writer = new StreamWriter(output, encoding, 1 << 16, leaveOpen: true) { NewLine = "\r\n" })
        {
            await writer.WriteLineAsync(string.Join(",", ExchangeFormat.Columns));
            var year = ExchangeFormat.SchoolYearText(term.SchoolYear);
            var semester = ExchangeFormat.SemesterText(term.Semester);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                var id = protector.Decrypt(r.IdNumberCipher);
                await writer.WriteLineAsync(string.Join(",", Csv(id), Csv(r.StudentName), ExchangeFormat.ItemText(r.Item), year, semester, Csv(r.SchoolName)));
                count++;
            }
        }

        db.Record("crosscheck.exchange_exported", MonthlyCrossCheck.Subject, term.ToString(), db.ScopePath, null,
            new { term = term.ToString(), rows = count, encoding = gbk ? "GBK" : "UTF-8" }, clock);
        await db.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>Quotes a field with a comma or quote; a leading formula character is neutralised for spreadsheet users.</summary>
    private static string Csv(string value)
    {
        var v = Kernel.Files.SafeExcel.Neutralize(value) ?? "";
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
