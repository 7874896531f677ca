using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>
/// FND-2, 建档备查: a school's yearly work file as one ZIP — the hardship applications and panel records, the publications
/// and the approved lists (from Aid), a payment list per batch with each line's bank result, the return-file results, the
/// vouchers — and 清单.csv, the manifest: each file's name, SHA-256, size and what it is. Written to a temporary file
/// (deleted when closed) and streamed from it, so a large school's year never sits in memory; audited.
/// </summary>
public sealed class DownloadWorkFile(TsaDbContext db, IAidWorkFile aid, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/work-file/{schoolCode}/{fiscalYear:int}", async (string schoolCode, int fiscalYear, DownloadWorkFile f, CancellationToken ct) =>
        {
            var (stream, name) = await f.HandleAsync(schoolCode, fiscalYear, ct);
            return TypedResults.Stream(stream, "application/zip", name);
        }).RequireAccess(FundsAccess.Export)
            .WithSummary("下载学校年度资助工作档案（ZIP：认定与评议、公示、审批名单、发放名单、银行回盘、凭证，附 SHA-256 清单）")
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<(Stream Zip, string FileName)> HandleAsync(string schoolCode, int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Export);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var school = await db.Organizations().FirstOrDefaultAsync(o => o.Code == schoolCode && o.Level == OrgLevel.School, ct) ?? throw AppException.NotFound("学校");
        db.Actor.Demand(FundsAccess.Export, school.ScopePath);

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"tsa-workfile-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var manifest = new List<string?[]>();
            var files = 0;
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
            {
                async Task AddAsync(string path, string description, byte[] content)
                {
                    var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                    await using (var s = entry.Open())
                    {
                        await s.WriteAsync(content, ct);
                    }

                    manifest.Add([path, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length.ToString(CultureInfo.InvariantCulture), description]);
                    files++;
                }

                foreach (var doc in await aid.DocumentsAsync(school.Id, fiscalYear, ct))
                {
                    await AddAsync("资助认定与审批/" + doc.FileName, doc.Description, Utf8(doc.Csv));
                }

                var batches = await db.Set<PaymentBatch>().AsNoTracking().Where(b => b.SchoolId == school.Id && b.FiscalYear == fiscalYear)
                    .OrderBy(b => b.PeriodStart).ThenBy(b => b.BuiltAtUtc).ToListAsync(ct);
                var returns = new List<string?[]>();
                var n = 0;
                foreach (var b in batches)
                {
                    n++;
                    var lines = await db.Set<PaymentLine>().AsNoTracking().Where(l => l.BatchId == b.Id).OrderBy(l => l.Reference)
                        .Select(l => new { l.Reference, l.StudentName, l.CardMasked, l.HolderName, l.AmountFen, l.State, l.BankReason, l.SettledOn, l.Basis }).ToListAsync(ct);
                    var csv = Csv(["流水号", "姓名", "卡号（脱敏）", "持卡人", "金额（元）", "发放结果", "银行反馈原因", "回盘日期", "发放依据"],
                        lines.Select(l => new[]
                        {
                            l.Reference, l.StudentName, l.CardMasked, l.HolderName, Yuan(l.AmountFen), l.State.ToChinese(), l.BankReason,
                            l.SettledOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Basis,
                        }));
                    var label = $"{n:00}-{(b.Item == AidItem.Grant ? "助学金" : "免学费")}-{b.PeriodLabel}{(b.IsRepayment ? "-重新发放" : "")}";
                    await AddAsync($"发放名单/{label}.csv", $"{b.PeriodLabel} 发放名单（{lines.Count} 笔，含每笔银行回盘结果）", Utf8(csv));
                    returns.Add([label, b.State.ToChinese(), b.LineCount.ToString(CultureInfo.InvariantCulture), Yuan(b.TotalFen), b.PaidCount.ToString(CultureInfo.InvariantCulture),
                        Yuan(b.PaidFen), b.FailedCount.ToString(CultureInfo.InvariantCulture), Yuan(b.FailedFen), b.ReturnImportedBy, ChinaTime.Format(b.ReturnImportedAtUtc)]);
                }

                await AddAsync("银行回盘结果.csv", "各批次银行回盘汇总（成功、失败笔数与金额，导入人与时间）", Utf8(Csv(
                    ["批次", "状态", "笔数", "金额（元）", "成功笔数", "成功金额（元）", "失败笔数", "失败金额（元）", "回盘导入人", "回盘导入时间"], returns)));

                var vouchers = await db.Set<FundsVoucher>().AsNoTracking().Where(v => v.SchoolId == school.Id && v.FiscalYear == fiscalYear).OrderBy(v => v.UploadedAtUtc)
                    .Select(v => new { v.Id, v.Kind, v.FileName, v.Content, v.Note }).ToListAsync(ct);
                var k = 0;
                foreach (var v in vouchers)
                {
                    k++;
                    await AddAsync($"凭证/{k:000}-{v.Kind.ToChinese()}-{v.FileName}", $"{v.Kind.ToChinese()}{(v.Note is null ? "" : "：" + v.Note)}", v.Content);
                }

                var listing = Utf8(Csv(["文件名", "SHA-256", "大小（字节）", "内容说明"], manifest));
                var m = zip.CreateEntry("清单.csv", CompressionLevel.Fastest);
                await using (var s = m.Open())
                {
                    await s.WriteAsync(listing, ct);
                }
            }

            db.Record(FundsAuditActions.WorkFileDownloaded, school.Code, school.ScopePath, null, new { fiscalYear, files }, clock);
            await db.SaveChangesAsync(ct);
            file.Position = 0;
            return (file, $"{school.Code}-{fiscalYear}年度资助工作档案.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static byte[] Utf8(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Csv(string[] header, IEnumerable<string?[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Cell(string? value)
    {
        var v = value ?? "";
        v = v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '|' ? "'" + v : v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
