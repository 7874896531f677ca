using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>
/// The bank's 代发 file of a batch, xlsx or CSV (UTF-8 with BOM), columns 姓名, 卡号 (in full: the bank pays to it), 金额
/// (yuan, 2 decimals), 摘要, 流水号. Only the paying school's finance staff export it; every export is audited, and the
/// response is not to be stored by any cache.
/// </summary>
public sealed class ExportBankFile(TsaDbContext db, PersonalDataProtector protector, FundsYearGuard years, TimeProvider clock)
{
    public const string CsvType = "text/csv";

    public static readonly string[] Columns = ["姓名", "卡号", "金额", "摘要", "流水号"];

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/payment-batches/{id:guid}/bank-file", async (Guid id, string? format, ExportBankFile export, HttpContext http, CancellationToken ct) =>
        {
            var (bytes, type, name) = await export.HandleAsync(id, format, ct);
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(bytes, type, name);
        }).RequireAccess(FundsAccess.View)
            // The batch is looked up before the rule is demanded, so a batch outside scope is 404 for every role.
            .WithSummary("导出银行代发文件（format=xlsx 或 csv；含完整卡号，记入审计，不缓存；只有本校财务人员可以导出）")
            .ProducesFile(FileResponses.Xlsx, CsvType).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<(byte[] Bytes, string ContentType, string FileName)> HandleAsync(Guid id, string? format, CancellationToken ct)
    {
        var csv = format is null || format.Length == 0 || format.Equals("xlsx", StringComparison.OrdinalIgnoreCase) ? false
            : format.Equals("csv", StringComparison.OrdinalIgnoreCase) ? true
            : throw AppException.Invalid("format", "文件格式只能是 xlsx 或 csv");
        var batch = await PaymentRows.BatchAsync(db, id, ct);
        db.Actor.Demand(FundsAccess.Pay, batch.ScopePath);
        await years.EnsureOpenAsync(batch.ScopePath, batch.FiscalYear, ct);
        var lines = await (from l in db.Set<PaymentLine>().AsNoTracking().Where(l => l.BatchId == id)
                           join c in db.Set<BankCard>().AsNoTracking() on l.CardId equals c.Id
                           orderby l.Reference
                           select new { l.StudentName, c.NumberCipher, l.AmountFen, l.Reference }).ToListAsync(ct);
        batch.MarkExported(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(FundsAuditActions.BankFileExported, batch.Id.ToString(), batch.ScopePath, null,
            new { format = csv ? "csv" : "xlsx", lines = lines.Count, totalYuan = PaymentRows.Yuan(batch.TotalFen) }, clock);
        await PaymentRows.SaveAsync(db, "该批次刚被他人处理，请刷新后重试", ct);
        var summary = $"{batch.PeriodLabel}国家助学金";
        var rows = lines.Select(l => new[] { l.StudentName, protector.Decrypt(l.NumberCipher), PaymentRows.Yuan(l.AmountFen), summary, l.Reference });
        var name = $"{batch.SchoolCode}-{batch.PeriodLabel}{(batch.IsRepayment ? "-重新发放" : "")}-代发";
        if (csv)
        {
            return (Csv(rows), CsvType + "; charset=utf-8", name + ".csv");
        }

        var bytes = SafeExcel.Write(rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["姓名"] = r[0], ["卡号"] = r[1], ["金额"] = r[2], ["摘要"] = r[3], ["流水号"] = r[4],
        }), "代发");
        return (bytes, FileResponses.Xlsx, name + ".xlsx");
    }

    /// <summary>UTF-8 with BOM (what spreadsheet programs and bank systems expect of Chinese CSV), quoted where needed.</summary>
    public static byte[] Csv(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append("\r\n");
        foreach (var r in rows)
        {
            sb.Append(string.Join(',', r.Select(Quote))).Append("\r\n");
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        return [.. preamble, .. body];
    }

    private static string Quote(string raw)
    {
        var value = SafeExcel.Neutralize(raw) ?? "";
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
