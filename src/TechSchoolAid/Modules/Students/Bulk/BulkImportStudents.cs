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

namespace TechSchoolAid.Modules.Students.Bulk;

/// <summary>How bulk-imported records land (docs/adr/0010-bulk-student-import.md).</summary>
public enum BulkLanding
{
    /// <summary>The national load: records already approved in the provincial systems land approved, with a 学籍号.</summary>
    Approved = 1,

    /// <summary>A school's new intake: records land collected, inside the registration window, as the screen import does.</summary>
    Collected = 2,
}

public sealed class BulkImportOptions
{
    public int BatchSize { get; init; } = 10_000;

    public BulkLanding Landing { get; init; } = BulkLanding.Approved;

    /// <summary>The school of every file; by default each file is named after its school code (44011001.csv).</summary>
    public string? SchoolCode { get; init; }

    /// <summary>Test hook: runs inside a batch's transaction after its rows are written and before the commit.</summary>
    public Func<int, Task>? BeforeCommit { get; init; }

    /// <summary>
    /// School files imported at once on PostgreSQL, each by its own worker on its own connection (default: one per core).
    /// While one worker's rows go through COPY and the indexes in the server, another checks and encrypts its next file.
    /// SQLite has one writer at a time: one worker there.
    /// </summary>
    public int? Workers { get; init; }
}

public sealed record BulkProgress(long BytesDone, long BytesTotal, long Rows, long Imported);

public sealed record BulkFileReport(
    string File,
    string SchoolCode,
    string Sha256,
    int Rows,
    int Imported,
    int Unchanged,
    int BatchesWritten,
    int BatchesSkipped,
    int BatchesRefused,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<ImportError> Errors)
{
    public bool Complete => FileErrors.Count == 0 && BatchesRefused == 0;
}

public sealed record BulkImportReport(IReadOnlyList<BulkFileReport> Files)
{
    public IReadOnlyDictionary<string, long> PhaseMilliseconds { get; init; } = new Dictionary<string, long>();

    public long Rows => Files.Sum(f => (long)f.Rows);

    public long Imported => Files.Sum(f => (long)f.Imported);

    public long Unchanged => Files.Sum(f => (long)f.Unchanged);

    public bool Complete => Files.All(f => f.Complete);
}

/// <summary>
/// `tsa import students FILE|DIR`: millions of rows in the screen import's template with the screen import's checks
/// (<see cref="ImportStudents.HeaderErrors"/>, <see cref="ImportStudents.ToInput"/>, <see cref="StudentValidation"/>,
/// duplicates in the file and nationwide through <see cref="PlaceHolders"/>), streamed in batches. Each batch is checked
/// whole and written in one transaction with its ledger row and one audit event, or not at all; a batch with a wrong row
/// is reported row by row and nothing of it is written. A run after an interruption skips the batches in the ledger.
/// </summary>
public sealed class BulkImportStudents(
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
        if (options.Landing == BulkLanding.Approved && db.Actor.Role != Role.SystemJob)
        {
            throw AppException.Forbidden("只有系统批处理（tsa 命令行）可以导入已审核通过的学籍");
        }

        if (options.Landing == BulkLanding.Collected)
        {
            RegisterStudent.RequireRegistrar(db.Actor);
        }

        var run = new RunState(new Tally(files.Sum(f => new FileInfo(f).Length), progress));
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

    private async Task<BulkFileReport> ImportFileAsync(string path, BulkImportOptions options, RunState run, CancellationToken ct)
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
        }
        catch (AppException ex)
        {
            return Refused($"{ex.Message}（文件名应为学校代码，如 44011001.csv）");
        }

        var committed = (await db.Unscoped<StudentImportBatch>("ID numbers and student numbers are unique across the country")
            .Where(b => b.FileSha256 == sha && b.SchoolCode == school.Code)
            .Select(b => new { b.FirstRow, b.LastRow }).ToListAsync(ct)).Select(b => (b.FirstRow, b.LastRow)).ToHashSet();

        var state = new FileState(school, sha, fileName);
        var rowNumber = 1;
        var batchNumber = 0;
        var rows = 0;
        var today = clock.Today();
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

                batch.Add(new SheetRow(rowNumber, cells));
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
                var checking = Task.Run(() => Check(batch, today, run, ct), ct);
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
            state.Errors.OrderBy(e => e.Row).ThenBy(e => ColumnOrder(e.Column)).ToList());
    }

    /// <summary>The expensive part (cell parsing, validation, encryption, blind index) on every core; results keep row order.</summary>
    private (List<ImportError> Errors, ValidatedStudent? Student)[] Check(List<SheetRow> batch, DateOnly today, RunState run, CancellationToken ct)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var checkedRows = new (List<ImportError> Errors, ValidatedStudent? Student)[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var row = batch[i];
            var rowErrors = new List<ImportError>();
            var input = ImportStudents.ToInput(row, rowErrors);
            var student = StudentValidation.Validate(input, today, protector, out var fieldErrors);
            foreach (var (field, messages) in fieldErrors)
            {
                var column = ImportStudents.HeaderOf(field);
                if (!rowErrors.Exists(e => e.Column == column))
                {
                    rowErrors.AddRange(messages.Select(m => new ImportError(row.RowNumber, column, m)));
                }
            }

            checkedRows[i] = (rowErrors, student);
        });

        run.AddPhase("validate (overlapped)", sw.ElapsedMilliseconds);
        return checkedRows;
    }

    private async Task ApplyBatchAsync(int batchNumber, List<SheetRow> batch, (List<ImportError> Errors, ValidatedStudent? Student)[] checkedRows, BulkImportOptions options,
        FileState state, RunState run, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        void T(string what)
        {
            run.AddPhase(what, sw.ElapsedMilliseconds);
            sw.Restart();
        }

        var valid = new List<(SheetRow Row, ValidatedStudent Student)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (rowErrors, student) = checkedRows[i];
            errors.AddRange(rowErrors);
            if (student is null)
            {
                continue;
            }

            var key = BitConverter.ToUInt128(Convert.FromHexString(student.Personal.IdNumberHash.AsSpan(0, 32)));
            if (state.FirstRowOfPerson.TryGetValue(key, out var first))
            {
                errors.Add(new ImportError(batch[i].RowNumber, "证件号码", $"与第 {first} 行是同一人，文件中不能重复"));
                continue;
            }

            state.FirstRowOfPerson[key] = batch[i].RowNumber;
            valid.Add((batch[i], student));
        }

        if (options.Landing == BulkLanding.Collected)
        {
            foreach (var intake in valid.Select(v => (v.Student.Data.IntakeYear, v.Student.Data.IntakeSeason)).Distinct())
            {
                var intakeWindow = await window.StateAsync(state.School.Id, intake.IntakeYear, intake.IntakeSeason, ct);
                if (!intakeWindow.IsOpen)
                {
                    errors.AddRange(valid.Where(v => v.Student.Data.IntakeYear == intake.IntakeYear && v.Student.Data.IntakeSeason == intake.IntakeSeason)
                        .Select(v => new ImportError(v.Row.RowNumber, "招生季", intakeWindow.Describe())));
                }
            }
        }

        // Look-ups of every record of these people, a thousand at a time (a national load mostly finds none), then ENR-4 through
        // PlaceHolders for those that hold a place: the same rule and words as the screen import.
        var fingerprints = new Dictionary<string, string>();
        var placeHashes = new List<string>();
        foreach (var chunk in valid.Select(v => v.Student.Personal.IdNumberHash).Chunk(LookUpChunk))
        {
            var found = await LookUpAsync(chunk, state.School.Id, ct);
            foreach (var f in found.OrderBy(f => f.HoldsPlace))
            {
                if (f.HoldsPlace)
                {
                    placeHashes.Add(f.IdNumberHash);
                }

                // This school's own records of these people, part-time ones included (they hold no place, and must not
                // be imported twice either).
                if (f.SchoolId == state.School.Id)
                {
                    fingerprints[f.IdNumberHash] = f.InputFingerprint;
                }
            }
        }

        var holders = placeHashes.Count == 0 ? [] : await PlaceHolders.FindAsync(db, placeHashes, ct);

        T("holders");
        var toInsert = new List<ValidatedStudent>(valid.Count);
        var unchanged = 0;
        foreach (var (row, student) in valid)
        {
            var hash = student.Personal.IdNumberHash;
            var holder = holders.GetValueOrDefault(hash);
            if (fingerprints.TryGetValue(hash, out var fp) && (holder is null || holder.SchoolId == state.School.Id))
            {
                if (fp == student.Personal.Fingerprint)
                {
                    unchanged++;
                }
                else
                {
                    errors.Add(new ImportError(row.RowNumber, "证件号码", "该学生已在本校登记但信息与文件不同，请在学生详情中修改"));
                }
            }
            else if (holder is null)
            {
                toInsert.Add(student);
            }
            else
            {
                errors.Add(new ImportError(row.RowNumber, "证件号码", PlaceHolders.Message(holder, state.School.Id)));
            }
        }

        if (errors.Count > 0)
        {
            state.Refused++;
            state.Errors.AddRange(errors);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = db.Actor.UserName;
        var records = new List<StudentRecord>(toInsert.Count);
        var nextNumbers = new Dictionary<int, int>();
        foreach (var s in toInsert)
        {
            var record = new StudentRecord(Guid.CreateVersion7(), state.School.Id, state.School.Code, state.School.ScopePath, s.Data, s.Personal, by, now);
            if (options.Landing == BulkLanding.Approved)
            {
                var year = s.Data.IntakeYear;
                if (!nextNumbers.TryGetValue(year, out var next) && !state.NextNumber.TryGetValue(year, out next))
                {
                    next = await NextStatusNumberAsync(state.School, year, ct);
                }

                nextNumbers[year] = next + 1;
                record.Verify(by, now, VerificationMethod);
                record.Submit(state.BatchGuid, by, now);
                record.Approve(string.Create(CultureInfo.InvariantCulture, $"{year}{state.School.Code}{next:D5}"), by, now);
            }

            records.Add(record);
        }

        T("records");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                _writer ??= StudentBulkWriter.For(db);
                await _writer.WriteAsync(db, records, ct);
                T("write");
                db.Add(new StudentImportBatch(Guid.CreateVersion7(), state.Sha256, state.FileName, batchNumber, state.School.Id, state.School.Code, state.School.ScopePath,
                    batch[0].RowNumber, batch[^1].RowNumber, records.Count, unchanged, by, now));
                db.Record(StudentAuditActions.BulkImported, state.School.Code, state.School.ScopePath, null, new
                {
                    file = state.FileName,
                    sha256 = state.Sha256,
                    batch = batchNumber,
                    rows = $"{batch[0].RowNumber}-{batch[^1].RowNumber}",
                    imported = records.Count,
                    unchanged,
                    landing = options.Landing.ToString(),
                }, clock);
                await db.SaveChangesAsync(ct);
                if (options.BeforeCommit is { } hook)
                {
                    await hook(batchNumber);
                }

                await tx.CommitAsync(ct);
                T("commit");
            }
            catch (Exception ex) when (OnePlaceRule.IsViolation(ex))
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                state.Refused++;
                state.Errors.Add(new ImportError(batch[0].RowNumber, "证件号码", $"导入期间有学生被其他用户登记，第 {batch[0].RowNumber}–{batch[^1].RowNumber} 行这一批未导入，请重新运行导入"));
                return;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        state.Written++;
        state.Imported += records.Count;
        if (run.Written(records.Count) && db.IsPostgres)
        {
            // The look-up above matches thousands of blind indexes at once; without fresh statistics on a table that
            // grows under it, PostgreSQL scans the table for it. Re-analysed each time this run has doubled it.
            await db.Database.ExecuteSqlRawAsync("ANALYZE student_records", ct);
            T("analyze");
        }

        state.Unchanged += unchanged;
        foreach (var (year, next) in nextNumbers)
        {
            state.NextNumber[year] = next;
        }
    }

    /// <summary>Built once per importer: it compiles a writer per column from the EF model.</summary>
    private StudentBulkWriter? _writer;

    /// <summary>Hashes per look-up: each is one probe of an index, a few thousand bytes of parameters per query.</summary>
    public const int LookUpChunk = 1_000;

    /// <summary>
    /// The records of these people that matter: nationwide those holding a place (through the unique filtered index of
    /// ENR-4), and at this school the part-time ones too (they hold no place; the school's own rows are few).
    /// </summary>
    private async Task<List<ExistingRecord>> LookUpAsync(string[] hashes, int schoolId, CancellationToken ct)
    {
        // Two queries on purpose: the first matches ENR-4's partial unique index exactly, so it stays an index probe even
        // on a table that grew since its last ANALYZE; one query with "HoldsPlace OR (part-time here)" was planned as a
        // scan of the growing table and made the look-ups 4–7 times slower in a 200,000-row load.
        var records = db.Unscoped<StudentRecord>("ID numbers and student numbers are unique across the country");
        var found = await records
            .Where(s => s.HoldsPlace && hashes.Contains(s.IdNumberHash))
            .Select(s => new ExistingRecord { IdNumberHash = s.IdNumberHash, SchoolId = s.SchoolId, InputFingerprint = s.InputFingerprint, HoldsPlace = true })
            .ToListAsync(ct);
        found.AddRange(await records
            .Where(s => s.SchoolId == schoolId && !s.IsFullTime && hashes.Contains(s.IdNumberHash))
            .Select(s => new ExistingRecord { IdNumberHash = s.IdNumberHash, SchoolId = s.SchoolId, InputFingerprint = s.InputFingerprint, HoldsPlace = false })
            .ToListAsync(ct));
        return found;
    }

    private sealed class ExistingRecord
    {
        public string IdNumberHash { get; init; } = "";

        public int SchoolId { get; init; }

        public string InputFingerprint { get; init; } = "";

        public bool HoldsPlace { get; init; }
    }

    private async Task<int> NextStatusNumberAsync(SchoolRef school, int year, CancellationToken ct)
    {
        // The same numbering as the supervisor's approval (ReviewRegistrations): intake year + school code + sequence.
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{year}{school.Code}");
        var last = await db.Unscoped<StudentRecord>("ID numbers and student numbers are unique across the country")
            .Where(s => s.SchoolId == school.Id && s.StatusNumber != null && s.StatusNumber.StartsWith(prefix))
            .MaxAsync(s => s.StatusNumber, ct);
        return last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
    }

    private static int ColumnOrder(string column)
    {
        for (var i = 0; i < ImportStudents.Columns.Count; i++)
        {
            if (ImportStudents.Columns[i].Header == column)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private sealed class FileState(SchoolRef school, string sha256, string fileName)
    {
        public SchoolRef School { get; } = school;

        public string Sha256 { get; } = sha256;

        public string FileName { get; } = fileName;

        /// <summary>The registration batch the approved records name (one per file and run).</summary>
        public Guid BatchGuid { get; } = Guid.CreateVersion7();

        /// <summary>First 16 bytes of each person's blind index → first row, for "the same person twice in this file".</summary>
        public Dictionary<UInt128, int> FirstRowOfPerson { get; } = [];

        public Dictionary<int, int> NextNumber { get; } = [];

        public List<ImportError> Errors { get; } = [];

        public int Imported { get; set; }

        public int Unchanged { get; set; }

        public int Written { get; set; }

        public int Skipped { get; set; }

        public int Refused { get; set; }
    }

    /// <summary>What the workers of one run share: progress, the imported count (for re-analysing), the phase timings.</summary>
    private sealed class RunState(Tally tally)
    {
        private readonly Dictionary<string, long> _phases = [];
        private long _imported;
        private long _analyzeAt = 200_000;

        public Tally Tally { get; } = tally;

        public long Imported
        {
            get
            {
                lock (_phases)
                {
                    return _imported;
                }
            }
        }

        /// <summary>Counts a written batch; true for the one worker whose batch doubled the run's rows since the last ANALYZE.</summary>
        public bool Written(int rows)
        {
            lock (_phases)
            {
                _imported += rows;
                if (_imported < _analyzeAt)
                {
                    return false;
                }

                _analyzeAt = _imported * 2;
                return true;
            }
        }

        /// <summary>Milliseconds per phase of the run's batches (validate, holders, records, write, commit), for the benchmark.</summary>
        public void AddPhase(string what, long milliseconds)
        {
            lock (_phases)
            {
                _phases[what] = _phases.GetValueOrDefault(what) + milliseconds;
            }
        }

        public Dictionary<string, long> Phases()
        {
            lock (_phases)
            {
                return new Dictionary<string, long>(_phases);
            }
        }
    }

    /// <summary>Progress over every file of the run, whichever worker reads it.</summary>
    private sealed class Tally(long bytesTotal, IProgress<BulkProgress>? progress)
    {
        private readonly Dictionary<string, long> _positions = [];
        private long _bytesDone;
        private long _rows;
        private long _imported;

        public void Advance(string file, long positionInFile, int rows, int importedInFile)
        {
            BulkProgress now;
            lock (_positions)
            {
                _rows += rows;
                _positions[file] = positionInFile;
                now = new BulkProgress(_bytesDone + _positions.Values.Sum(), bytesTotal, _rows, _imported + importedInFile);
            }

            progress?.Report(now);
        }

        public void FileDone(string file, long length, int imported)
        {
            BulkProgress now;
            lock (_positions)
            {
                _positions.Remove(file);
                _bytesDone += length;
                _imported += imported;
                now = new BulkProgress(_bytesDone, bytesTotal, _rows, _imported);
            }

            progress?.Report(now);
        }
    }
}
