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
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>
/// The bank's return file (回盘) of an exported batch, xlsx or CSV with the columns 流水号, 姓名, 卡号, 金额, 结果 (成功/失败),
/// 失败原因: all or nothing. Every row is checked against the batch — an unknown or repeated 流水号, a name, card or amount
/// that differs from what was sent, a missing line, a result that is neither 成功 nor 失败 — and any problem refuses the
/// whole file with a report per row, in Chinese, nothing written. Accepted, the lines are settled in two set updates, the
/// batch reconciled and the file kept with its SHA-256.
/// </summary>
public sealed class ImportReturnFile(TsaDbContext db, FundsYearGuard years, TimeProvider clock)
{
    public static readonly string[] Columns = ["流水号", "姓名", "卡号", "金额", "结果", "失败原因"];

    private const int MaxReported = 200;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/payment-batches/{id:guid}/return-file", async (Guid id, IFormFile file, ImportReturnFile import, CancellationToken ct) =>
        {
            if (file.Length > TabularFile.MaxBytes)
            {
                throw new AppException(ErrorKind.TooLarge, $"文件不能超过 {TabularFile.MaxBytes / 1024 / 1024} MB");
            }

            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var report = await import.HandleAsync(id, ms.ToArray(), file.FileName, ct);
            return report.Accepted ? Results.Ok(report) : Results.UnprocessableEntity(report);
        }).RequireAccess(FundsAccess.Pay).DisableAntiforgery()
            .WithSummary("导入银行回盘文件（xlsx 或 csv：流水号、姓名、卡号、金额、结果、失败原因；整体校验，有任何问题则全部不导入并逐行说明）")
            .Produces<ReturnFileReport>(200).Produces<ReturnFileReport>(422).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    private sealed record SentLine(string Reference, string StudentName, string CardMasked, long AmountFen);

    private sealed record Outcome(string Reference, bool Paid, string? Reason);

    public async Task<ReturnFileReport> HandleAsync(Guid id, byte[] content, string fileName, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        var batch = await PaymentRows.BatchAsync(db, id, ct);
        db.Actor.Demand(FundsAccess.Pay, batch.ScopePath);
        if (batch.State != PaymentBatchState.Exported)
        {
            throw AppException.Conflict(batch.State == PaymentBatchState.Built ? "请先导出银行代发文件，再导入回盘" : "该批次的银行回盘已导入");
        }

        await years.EnsureOpenAsync(batch.ScopePath, batch.FiscalYear, ct);
        var safeName = Path.GetFileName(fileName);
        if (safeName.Length is 0 or > 200 || InputGuard.TextProblem(safeName, 200) is not null)
        {
            throw AppException.Invalid("file", "文件名无效（不能为空、超过 200 个字符或含控制字符）");
        }

        var sheet = TabularFile.Read(content, safeName);
        var problems = new List<ReturnFileProblem>();
        var headers = sheet.Headers.Select(h => h.Trim()).ToList();
        foreach (var missing in Columns.Where(c => !headers.Contains(c)))
        {
            problems.Add(new ReturnFileProblem(1, missing, $"缺少列“{missing}”（回盘文件应有：{string.Join("、", Columns)}）"));
        }

        foreach (var extra in headers.Where(h => h.Length > 0 && !Columns.Contains(h)))
        {
            problems.Add(new ReturnFileProblem(1, Shorten(extra), $"多余的列“{Shorten(extra)}”：回盘文件只应有 {string.Join("、", Columns)}"));
        }

        if (problems.Count > 0)
        {
            return new ReturnFileReport(false, sheet.Rows.Count, 0, 0, null, problems);
        }

        var sent = await db.Set<PaymentLine>().AsNoTracking().Where(l => l.BatchId == id && l.State == PaymentLineState.Pending)
            .Select(l => new SentLine(l.Reference, l.StudentName, l.CardMasked, l.AmountFen)).ToDictionaryAsync(l => l.Reference, StringComparer.Ordinal, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = Check(sheet, sent, problems, seen);
        var missingLines = sent.Keys.Where(k => !seen.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (missingLines.Count > 0)
        {
            problems.Add(new ReturnFileProblem(0, "流水号",
                $"回盘缺少本批次的 {missingLines.Count.ToString(CultureInfo.InvariantCulture)} 条记录：{string.Join("、", missingLines.Take(10))}{(missingLines.Count > 10 ? "等" : "")}"));
        }

        if (problems.Count > 0)
        {
            return new ReturnFileReport(false, sheet.Rows.Count, 0, 0, null, problems.Take(MaxReported).ToList());
        }

        var paid = outcomes.Where(o => o.Paid).ToList();
        var failed = outcomes.Where(o => !o.Paid).ToList();
        var paidFen = paid.Sum(o => sent[o.Reference].AmountFen);
        var failedFen = failed.Sum(o => sent[o.Reference].AmountFen);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        batch.Reconcile(paid.Count, paidFen, failed.Count, failedFen, db.Actor.UserName, now);
        db.Add(new PaymentReturnFile(Guid.CreateVersion7(), batch, safeName, content, sha, paid.Count, failed.Count, db.Actor.UserName, now));
        db.Record(FundsAuditActions.ReturnFileImported, batch.Id.ToString(), batch.ScopePath, new { state = PaymentBatchState.Exported },
            new { file = safeName, sha256 = sha, paid = paid.Count, paidYuan = PaymentRows.Yuan(paidFen), failed = failed.Count, failedYuan = PaymentRows.Yuan(failedFen) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该批次的银行回盘刚由他人导入，请刷新后查看");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_funds_payment_return_files_batch", "funds_payment_return_files.BatchId"))
        {
            throw AppException.Conflict("该批次的银行回盘刚由他人导入，请刷新后查看");
        }

        await SettleAsync(db, id, failed, today, ct);
        await tx.CommitAsync(ct);
        return new ReturnFileReport(true, sheet.Rows.Count, paid.Count, failed.Count, sha, []);
    }

    /// <summary>
    /// The set work of a matched return file: every waiting line of the batch not named as failed is paid (one UPDATE), the
    /// failed ones are marked with the bank's reason (one UPDATE per distinct reason, a handful in practice).
    /// </summary>
    private static async Task SettleAsync(TsaDbContext db, Guid batchId, List<Outcome> failed, DateOnly today, CancellationToken ct)
    {
        var failedRefs = failed.Select(f => f.Reference).ToList();
        var lines = db.Set<PaymentLine>().Where(l => l.BatchId == batchId && l.State == PaymentLineState.Pending);
        foreach (var group in failed.GroupBy(f => f.Reason ?? "", StringComparer.Ordinal))
        {
            var refs = group.Select(f => f.Reference).ToList();
            var reason = group.Key;
            await lines.Where(l => refs.Contains(l.Reference)).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.State, PaymentLineState.Failed).SetProperty(l => l.BankReason, reason)
                .SetProperty(l => l.SettledOn, today).SetProperty(l => l.Version, l => l.Version + 1), ct);
        }

        await lines.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.State, PaymentLineState.Paid).SetProperty(l => l.SettledOn, today).SetProperty(l => l.Version, l => l.Version + 1), ct);
    }

    private static List<Outcome> Check(Sheet sheet, Dictionary<string, SentLine> sent, List<ReturnFileProblem> problems, Dictionary<string, int> seen)
    {
        var outcomes = new List<Outcome>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            string Cell(string column) => (row.Cells.TryGetValue(column, out var v) ? v : null)?.Trim() ?? "";
            void Problem(string field, string message)
            {
                if (problems.Count < MaxReported)
                {
                    problems.Add(new ReturnFileProblem(row.RowNumber, field, message));
                }
            }

            var bad = false;
            foreach (var column in Columns)
            {
                if (InputGuard.TextProblem(Cell(column), 200) is { } textProblem)
                {
                    Problem(column, $"“{column}”{textProblem}");
                    bad = true;
                }
            }

            if (bad)
            {
                continue;
            }

            var reference = Cell("流水号");
            if (reference.Length == 0)
            {
                Problem("流水号", "流水号为空");
                continue;
            }

            if (seen.TryGetValue(reference, out var firstRow))
            {
                Problem("流水号", $"流水号 {Shorten(reference)} 重复（第 {firstRow.ToString(CultureInfo.InvariantCulture)} 行已有）");
                continue;
            }

            seen[reference] = row.RowNumber;
            if (!sent.TryGetValue(reference, out var line))
            {
                Problem("流水号", $"流水号 {Shorten(reference)} 不是本批次的待回盘记录（未知流水号）");
                continue;
            }

            if (!string.Equals(Cell("姓名"), line.StudentName, StringComparison.Ordinal))
            {
                Problem("姓名", $"姓名“{Shorten(Cell("姓名"))}”与代发文件中的“{line.StudentName}”不一致");
                bad = true;
            }

            var card = Cell("卡号").Replace(" ", "", StringComparison.Ordinal);
            if (card.Length < 4 || !card.EndsWith(line.CardMasked[^4..], StringComparison.Ordinal))
            {
                Problem("卡号", $"卡号与代发文件不一致（代发卡号尾号 {line.CardMasked[^4..]}）");
                bad = true;
            }

            if (!decimal.TryParse(Cell("金额"), NumberStyles.Number, CultureInfo.InvariantCulture, out var yuan) || yuan <= 0 || yuan > 1_000_000m || decimal.Round(yuan, 2) != yuan)
            {
                Problem("金额", $"金额“{Shorten(Cell("金额"))}”无效：应为大于 0 的元金额，最多两位小数");
                bad = true;
            }
            else if ((long)(yuan * 100) != line.AmountFen)
            {
                Problem("金额", $"金额 {yuan.ToString("0.00", CultureInfo.InvariantCulture)} 元与本批次的 {PaymentRows.Yuan(line.AmountFen)} 元不一致");
                bad = true;
            }

            var result = Cell("结果");
            var reason = Cell("失败原因");
            if (result is not ("成功" or "失败"))
            {
                Problem("结果", $"结果“{Shorten(result)}”无效：只能是“成功”或“失败”");
                bad = true;
            }
            else if (result == "失败" && reason.Length == 0)
            {
                Problem("失败原因", "发放失败的记录须填写失败原因");
                bad = true;
            }

            if (!bad)
            {
                outcomes.Add(new Outcome(reference, result == "成功", result == "失败" ? reason : null));
            }
        }

        return outcomes;
    }

    private static string Shorten(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
