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
/// One batch of a file: the checks that need the database (duplicates in the file, the registration window, ENR-4
/// nationwide), then the records written with the ledger row and the audit event in one transaction, or nothing.
/// </summary>
public sealed partial class BulkImportStudents
{
    private async Task ApplyBatchAsync(int batchNumber, List<SheetRow> batch, (List<ImportError> Errors, ValidatedStudent? Student)[] checkedRows, BulkImportOptions options,
        BulkFileState state, BulkRunState run, CancellationToken ct)
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
            state.Errors.AddRange(ImportError.WithNames(errors, batch));
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
                _writer ??= BulkWriter<StudentRecord>.For(db);
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
    private BulkWriter<StudentRecord>? _writer;

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
        // The same numbering as the supervisor's approval (ApproveRegistrations): intake year + school code + sequence.
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{year}{school.Code}");
        var last = await db.Unscoped<StudentRecord>("ID numbers and student numbers are unique across the country")
            .Where(s => s.SchoolId == school.Id && s.StatusNumber != null && s.StatusNumber.StartsWith(prefix))
            .MaxAsync(s => s.StatusNumber, ct);
        return last is null ? 1 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
    }
}
