using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// CHK-1: loads the ministry of education's grant and waiver list for a month and turns every person found on both sides
/// (same person, item and term as an approved line here) into a case for the school of the line, due in
/// the working days of the clearance deadline in force that day (<see cref="ClearanceDeadlines"/>). Built for the national file (≈13 M rows): the file
/// is read as a stream, ID numbers normalised and blind-indexed in parallel batches and looked up in the approved lines'
/// keys of each term the file names (held in memory); only those candidates go to a temporary staging table (binary COPY
/// on PostgreSQL, prepared inserts on SQLite), where one set-based join on the full key (Aid's
/// <see cref="IApprovedAidLines.MatchStagedAsync"/>) finds the matches.
/// The ministry's file is not ours to fix: malformed rows are set aside with their row number and reason. All in one
/// transaction: a refusal (future month, same file again, empty file, wrong columns, too large, mixed encodings) writes
/// nothing, and a month run again creates no second case for a line.
/// </summary>
public sealed class MonthlyCrossCheck(TsaDbContext db, IApprovedAidLines aidLines, PersonalDataProtector protector, ClearanceDeadlines deadlines, TimeProvider clock)
{
    public const string Subject = CrossCheckAuditActions.Subject;

    /// <summary>1.5 GiB: the national file (13 M rows) is about 1.2 GB in UTF-8; a 2 GB file is refused (413).</summary>
    public const long MaxFileBytes = 1536L * 1024 * 1024;

    /// <summary>Rejected rows kept with the run (all are counted).</summary>
    public const int RejectedKept = 10_000;

    /// <summary>The content type of the Excel downloads.</summary>
    internal const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>POST /crosscheck/runs (the upload is buffered to a temporary file: the check reads it twice, hash then rows).</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/runs", async (IFormFile? file, [FromForm] string? month, MonthlyCrossCheck check, TsaDbContext db, CancellationToken ct) =>
        {
            db.Actor.Demand(CrossCheckAccess.Run);
            if (file is null || file.Length == 0)
            {
                throw AppException.Invalid("file", "请选择教育部比对名单文件（CSV 或 .xlsx），文件不能为空");
            }

            if (file.Length > MaxFileBytes)
            {
                throw new AppException(ErrorKind.TooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB 的上限，请拆分后上传");
            }

            var temp = Path.Combine(Path.GetTempPath(), $"tsa-crosscheck-{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    await file.CopyToAsync(target, ct);
                }

                await using var stream = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                var result = await check.RunAsync(stream, file.FileName, month, ct);
                return TypedResults.Created($"/api/v1/crosscheck/runs/{result.RunId}", result);
            }
            finally
            {
                File.Delete(temp);
            }
        }).WithSummary("导入教育部某月国家助学金、免学费名单并比对（CSV UTF-8/GBK 或 .xlsx；仅部级管理员；同一文件不重复导入）")
            .RequireAccess(CrossCheckAccess.Run)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes + (1 << 20)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxFileBytes + (1 << 20) })
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);
    }

    /// <summary>Loads the file at <paramref name="path"/> for <paramref name="month"/> (YYYY-MM).</summary>
    public async Task<CrossCheckRunResult> RunFileAsync(string path, string month, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw AppException.Invalid("file", $"文件不存在：{Path.GetFileName(path)}");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await RunAsync(stream, Path.GetFileName(path), month, ct);
    }

    /// <summary>Loads a seekable stream (an upload buffered to disk, a file) for <paramref name="monthText"/> (YYYY-MM).</summary>
    public async Task<CrossCheckRunResult> RunAsync(Stream stream, string fileName, string? monthText, CancellationToken ct)
    {
        db.Actor.Demand(CrossCheckAccess.Run);
        var month = ParseMonth(monthText, clock);
        if (!stream.CanSeek)
        {
            throw new InvalidOperationException("The cross-check reads the file twice (hash, then rows): pass a seekable stream.");
        }

        if (stream.Length == 0)
        {
            throw AppException.Invalid("file", "文件是空的");
        }

        if (stream.Length > MaxFileBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB 的上限，请按月、按资助项目拆分后上传");
        }

        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        stream.Seek(0, SeekOrigin.Begin);
        var earlier = await db.Set<CrossCheckRun>().AsNoTracking().Where(r => r.FileSha256 == sha)
            .Select(r => new { r.Month, r.RunAtUtc, r.FileName }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            throw AppException.Conflict($"该文件已导入过（{CheckMonth.FromKey(earlier.Month)} 月比对，{ChinaTime.Format(earlier.RunAtUtc)}，文件名 {earlier.FileName}），未重复处理");
        }

        var safeName = Path.GetFileName(fileName.Replace('\\', '/'));
        safeName = safeName.Length > 200 ? safeName[^200..] : safeName;
        var today = clock.Today();
        var due = await deadlines.DueDateAsync(today, ct);
        var run = new CrossCheckRun(Guid.CreateVersion7(), CrossCheckKind.MinistryMatch, month.Key, safeName, sha, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var reader = new ExchangeReader(MaxFileBytes);
            var approved = new ApprovedKeys(aidLines);
            var workers = await reader.ReadAsync(stream, safeName, () => new RowStager(protector, approved),
                static (in ExchangeFields row, RowStager stager) => stager.Add(row), ct);
            long total = 0, valid = 0, malformed = 0;
            var matched = new List<StagedKey>();
            var rejected = new List<RejectedRowDto>();
            foreach (var w in workers)
            {
                total += w.Total;
                valid += w.Valid;
                malformed += w.Malformed;
                matched.AddRange(w.Candidates);
                rejected.AddRange(w.Rejected);
            }

            rejected = [.. rejected.OrderBy(r => r.RowNumber).Take(RejectedKept)];
            if (total == 0)
            {
                throw AppException.Invalid("file", "文件中没有数据行（只有表头）");
            }

            // The candidates (rows whose key prefix, item and term meet an approved line) go to the staging table, where
            // one join on the full key decides; a line already raised for the month is not raised again.
            await using (var staging = await Staging.CreateAsync(db, ct))
            {
                foreach (var k in matched)
                {
                    await staging.AddAsync(k, ct);
                }

                await staging.CompleteAsync(ct);
                var found = await aidLines.MatchStagedAsync(Staging.Table, ct);
                var raised = (await db.Set<CrossCheckCase>().AsNoTracking().Where(c => c.Kind == CrossCheckKind.MinistryMatch && c.Month == month.Key)
                    .Select(c => c.EntryId).ToListAsync(ct)).ToHashSet();
                var cases = found.Where(m => !raised.Contains(m.Line.EntryId))
                    .Select(m => new CrossCheckCase(Guid.CreateVersion7(), CrossCheckKind.MinistryMatch, month.Key, run.Id, m.Line,
                        string.IsNullOrWhiteSpace(m.OtherSide) ? $"教育部{month}名单" : $"教育部{month}名单（{m.OtherSide.Trim()}）", today, due)).ToList();
                run.Completed(reader.EncodingName, total, valid, malformed, found.Count, cases.Count);
                db.Add(run);
                db.Record(CrossCheckAuditActions.MonthLoaded, run.Id.ToString(), "/", null, new
                {
                    month = month.ToString(), file = safeName, sha256 = sha, encoding = reader.EncodingName, rows = total, valid, malformed,
                    newCases = cases.Count, due = ChinaTime.Iso(due),
                }, clock);
                await db.SaveChangesAsync(ct);
                await db.InsertManyAsync(cases, ct);
                await db.InsertManyAsync(rejected.Select(r => new CrossCheckRejectedRow(Guid.CreateVersion7(), run.Id, r.RowNumber, r.Reason, r.Value)).ToList(), ct);
                await staging.DropAsync(ct);
            }

            await tx.CommitAsync(ct);
            TsaMetrics.CrossCheckRead("valid", valid);
            TsaMetrics.CrossCheckRead("malformed", malformed);
            TsaMetrics.CrossCheckRead("matched", run.Matches);
            return new CrossCheckRunResult(run.Id, month.ToString(), safeName, run.Encoding, total, valid, malformed, run.Matches, run.NewCases, due,
                rejected.Take(200).ToList());
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    public static CheckMonth ParseMonth(string? text, TimeProvider clock)
    {
        if (!CheckMonth.TryParse(text, out var month))
        {
            throw AppException.Invalid("month", "请填写比对月份，格式为 YYYY-MM（如 2026-10）");
        }

        var today = clock.Today();
        if (month.FirstDay > new DateOnly(today.Year, today.Month, 1))
        {
            throw AppException.Invalid("month", $"{month} 尚未到来，不能比对未来月份的名单");
        }

        return month;
    }
}
