using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// Our side of the exchange: this system's approved grants and waivers of a term, in the exchange format, for the ministry
/// of education. The file carries ID numbers in clear (the other side matches on them), so it is for the ministry and
/// provinces holding <see cref="Permission.RevealPersonalData"/>, streamed row by row, and audited with its row count.
/// </summary>
public sealed class ExchangeExport(TsaDbContext db, IApprovedAidLines aidLines, PersonalDataProtector protector, TimeProvider clock)
{
    /// <summary>GET /crosscheck/exchange-export.</summary>
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/exchange-export", async (string? term, string? encoding, ExchangeExport export, CancellationToken ct) =>
        {
            var t = ParseTerm(term);
            var gbk = string.Equals(encoding, "gbk", StringComparison.OrdinalIgnoreCase);
            var ms = new MemoryStream();
            var rows = await export.WriteAsync(t, gbk, ms, ct);
            ms.Position = 0;
            return TypedResults.File(ms, $"text/csv; charset={(gbk ? "gb18030" : "utf-8")}", $"aid-exchange-{term}-{rows}.csv");
        }).ProducesFile("text/csv").WithSummary("导出本系统某学期审核通过的助学金、免学费名单（交换格式 CSV，UTF-8 或 GBK；部级、省级管理员）")
            .RequireAccess(CrossCheckAccess.ExchangeReveal).RequireAccess(CrossCheckAccess.ExchangeExport).ProducesProblem(400).ProducesProblem(403);

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
        db.Actor.Demand(CrossCheckAccess.ExchangeReveal);
        db.Actor.Demand(CrossCheckAccess.ExchangeExport);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = gbk ? Encoding.GetEncoding("GB18030") : new UTF8Encoding(true);
        var count = 0;
        await using (var writer = new StreamWriter(output, encoding, 1 << 16, leaveOpen: true) { NewLine = "\r\n" })
        {
            await writer.WriteLineAsync(string.Join(",", ExchangeFormat.Columns));
            var year = ExchangeFormat.SchoolYearText(term.SchoolYear);
            var semester = ExchangeFormat.SemesterText(term.Semester);
            await foreach (var r in aidLines.ExchangeLinesAsync(term, ct))
            {
                var id = protector.Decrypt(r.IdNumberCipher);
                await writer.WriteLineAsync(string.Join(",", Csv(id), Csv(r.StudentName), ExchangeFormat.ItemText(r.Item), year, semester, Csv(r.SchoolName)));
                count++;
            }
        }

        db.Record(CrossCheckAuditActions.ExchangeExported, term.ToString(), db.ScopePath, null,
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
