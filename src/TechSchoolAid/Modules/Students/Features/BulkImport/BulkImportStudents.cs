using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// `tsa import students FILE|DIR`: millions of rows in the screen import's template with the screen import's checks
/// (<see cref="ImportStudents.HeaderErrors"/>, <see cref="ImportStudents.ToInput"/>, <see cref="StudentValidation"/>,
/// duplicates in the file and nationwide through <see cref="PlaceHolders"/>), streamed in batches. Each batch is checked
/// whole and written in one transaction with its ledger row and one audit event, or not at all; a batch with a wrong row
/// is reported row by row and nothing of it is written. A run after an interruption skips the batches in the ledger.
/// </summary>
public sealed partial class BulkImportStudents(
    TsaDbContext db,
    SchoolDirectory schools,
    RegistrationWindow window,
    PersonalDataProtector protector,
    TimeProvider clock,
    IServiceScopeFactory scopes)
{
    public const string VerificationMethod = "原系统已核验（全国数据导入）";

    /// <summary>The CSV files a path names: the file itself, or every .csv under a directory except schools.csv, in name order.</summary>
    public static IReadOnlyList<string> FilesOf(string path) =>
        File.Exists(path)
            ? [path]
            : Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories)
                    .Where(f => !string.Equals(Path.GetFileName(f), "schools.csv", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList()
                : [];

    public async Task<BulkImportReport> ImportAsync(IReadOnlyList<string> files, BulkImportOptions options, IProgress<BulkProgress>? progress, CancellationToken ct)
    {
        db.Actor.Demand(options.Landing == BulkLanding.Approved ? StudentAccess.ImportApproved : StudentAccess.Register);

        var run = new BulkRunState(new BulkTally(files.Sum(f => new FileInfo(f).Length), progress));
        var reports = new BulkFileReport[files.Count];
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, files.Count));
        var count = db.IsPostgres ? Math.Clamp(options.Workers ?? Environment.ProcessorCount, 1, Math.Max(1, files.Count)) : 1;

        // Each extra worker has its own scope: its own DbContext and connection, the same actor.
        var helpers = new List<AsyncServiceScope>();
        try
        {
            var importers = new List<BulkImportStudents> { this };
            for (var i = 1; i < count; i++)
            {
                var scope = scopes.CreateAsyncScope();
                helpers.Add(scope);
                scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = db.Actor;
                importers.Add(ActivatorUtilities.CreateInstance<BulkImportStudents>(scope.ServiceProvider));
            }

            await Task.WhenAll(importers.Select(importer => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var index))
                {
                    ct.ThrowIfCancellationRequested();
                    var report = await importer.ImportFileAsync(files[index], options, run, ct);
                    reports[index] = report;
                    run.Tally.FileDone(files[index], new FileInfo(files[index]).Length, report.Imported);
                }
            }, ct)));
        }
        finally
        {
            foreach (var scope in helpers)
            {
                await scope.DisposeAsync();
            }
        }

        if (db.IsPostgres && run.Imported > 0)
        {
            // Fresh statistics after the load, so the lists' plans see the new size at once.
            await db.Database.ExecuteSqlRawAsync("ANALYZE student_records", ct);
        }

        return new BulkImportReport(reports) { PhaseMilliseconds = run.Phases() };
    }

    private async Task<BulkFileReport> ImportFileAsync(string path, BulkImportOptions options, BulkRunState run, CancellationToken ct)
    {
        var fileName = Path.GetFileName(path);
        var code = options.SchoolCode ?? Path.GetFileNameWithoutExtension(path);
        var sha = await HashAsync(path, ct);
        BulkFileReport Refused(string error) => new(fileName, code, sha, 0, 0, 0, 0, 0, 0, [error], []);

        using var reader = new CsvStreamReader(path);
        var header = reader.Length == 0 ? null : reader.ReadRecord();
        if (header is null)
        {
            return Refused("文件是空的");
        }

        var headers = header.Select(h => h.Trim().TrimStart('\uFEFF').TrimEnd('*', '＊').Trim()).ToList();
        var headerErrors = ImportStudents.HeaderErrors(headers);
        if (headerErrors.Count > 0)
        {
            return new BulkFileReport(fileName, code, sha, 0, 0, 0, 0, 0, 0, headerErrors, []);
        }

        SchoolRef school;
        try
        {
            school = await schools.ForWriteAsync(code, ct);
            db.Actor.Demand(options.Landing == BulkLanding.Approved ? StudentAccess.ImportApproved : StudentAccess.Register, school.ScopePath);
        }
        catch (AppException ex)
        {
            return Refused($"{ex.Message}（文件名应为学校代码，如 44011001.csv）");
        }

        var committed = (await db.Unscoped<StudentImportBatch>("ID numbers and student numbers are unique across the country")
            .Where(b => b.FileSha256 == sha && b.SchoolCode == school.Code)
            .Select(b => new { b.FirstRow, b.LastRow }).ToListAsync(ct)).Select(b => (b.FirstRow, b.LastRow)).ToHashSet();

        var state = new BulkFileState(school, sha, fileName);
        var rowNumber = 1;
        var batchNumber = 0;
        var rows = 0;
        var today = clock.Today();
        var majors = await Majors.MajorCatalogues.InForceAsync(db, today, ct);
        // A pipeline of two: batch N+1 is read and validated on the thread pool while batch N is looked up and written,
        // so the client's CPU work and the database's overlap. Batches are still applied strictly in order.
        Task? pending = null;
        while (true)
        {
            var batch = new List<SheetRow>(options.BatchSize);
            while (batch.Count < options.BatchSize && reader.ReadRecord() is { } fields)
            {
                rowNumber++;
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                var cells = new Dictionary<string, string?>(headers.Count);
                for (var c = 0; c < headers.Count; c++)
                {
                    cells[headers[c]] = c < fields.Count ? fields[c] : null;
                }

                var row = new SheetRow(rowNumber, cells);
                if (!ImportTemplate.IsExampleRow(row))
                {
                    batch.Add(row);
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            batchNumber++;
            rows += batch.Count;
            // A batch is the same batch only with the same rows of the same file: a run with another batch size re-checks.
            if (committed.Contains((batch[0].RowNumber, batch[^1].RowNumber)))
            {
                state.Skipped++;
            }
            else
            {
                var number = batchNumber;
                var checking = Task.Run(() => Check(batch, today, majors, run, ct), ct);
                var previous = pending;
                pending = Task.Run(async () =>
                {
                    if (previous is not null)
                    {
                        await previous;
                    }

                    await ApplyBatchAsync(number, batch, await checking, options, state, run, ct);
                }, ct);
                if (previous is not null)
                {
                    await previous;
                }
            }

            run.Tally.Advance(path, reader.Position, batch.Count, state.Imported);
        }

        if (pending is not null)
        {
            await pending;
        }

        if (rows == 0)
        {
            return Refused("文件中没有学生数据行");
        }

        TsaMetrics.Imported("bulk", "accepted", state.Imported);
        TsaMetrics.Imported("bulk", "refused", state.Refused);
        return new BulkFileReport(fileName, school.Code, sha, rows, state.Imported, state.Unchanged, state.Written, state.Skipped, state.Refused, [],
            state.Errors.OrderBy(e => e.Row).ThenBy(e => ImportStudents.ColumnOrder(e.Column)).ToList());
    }

    /// <summary>The expensive part (cell parsing, validation, encryption, blind index) on every core; results keep row order.</summary>
    private (List<ImportError> Errors, ValidatedStudent? Student)[] Check(List<SheetRow> batch, DateOnly today, MajorCatalogueView majors, BulkRunState run, CancellationToken ct)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var checkedRows = new (List<ImportError> Errors, ValidatedStudent? Student)[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            checkedRows[i] = ImportStudents.CheckRow(batch[i], today, protector, majors);
        });

        run.AddPhase("validate (overlapped)", sw.ElapsedMilliseconds);
        return checkedRows;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
