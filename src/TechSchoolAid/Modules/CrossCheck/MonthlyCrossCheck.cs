using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Kernel.Telemetry;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck;

public sealed record RejectedRowDto(long RowNumber, string Reason, string? Value);

public sealed record CrossCheckRunResult(
    Guid RunId, string Month, string? FileName, string? Encoding, long TotalRows, long ValidRows, long MalformedRows, int Matches, int NewCases,
    DateOnly DueDate, IReadOnlyList<RejectedRowDto> Rejected);

/// <summary>
/// CHK-1: loads the ministry of education's grant and waiver list for a month and turns every person found on both sides
/// (same person, item and term as an approved line here) into a case for the school of the line, due in
/// <see cref="CrossCheckPolicy.ClearanceWorkingDays"/> working days. Built for the national file (≈13 M rows): the file
/// is read as a stream, ID numbers normalised and blind-indexed in parallel batches and looked up in the approved lines'
/// keys of each term the file names (held in memory); only those candidates go to a temporary staging table (binary COPY
/// on PostgreSQL, prepared inserts on SQLite), where one set-based join on the full key finds the matches.
/// The ministry's file is not ours to fix: malformed rows are set aside with their row number and reason. All in one
/// transaction: a refusal (future month, same file again, empty file, wrong columns, too large, mixed encodings) writes
/// nothing, and a month run again creates no second case for a line.
/// </summary>
public sealed class MonthlyCrossCheck(TsaDbContext db, PersonalDataProtector protector, WorkingDays workingDays, TimeProvider clock)
{
    public const string Subject = "CrossCheck";

    /// <summary>1.5 GiB: the national file (13 M rows) is about 1.2 GB in UTF-8; a 2 GB file is refused (413).</summary>
    public const long MaxFileBytes = 1536L * 1024 * 1024;

    /// <summary>Rejected rows kept with the run (all are counted).</summary>
    public const int RejectedKept = 10_000;

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
        Require(db.Actor);
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
        var due = workingDays.AddWorkingDays(today, CrossCheckPolicy.ClearanceWorkingDays);
        var run = new CrossCheckRun(Guid.CreateVersion7(), CrossCheckKind.MinistryMatch, month.Key, safeName, sha, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var reader = new ExchangeReader();
            var approved = new ApprovedKeys(db);
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
            // one join on the full key decides.
            await using (var staging = await Staging.CreateAsync(db, ct))
            {
                foreach (var k in matched)
                {
                    await staging.AddAsync(k, ct);
                }

                await staging.CompleteAsync(ct);
                var lines = await MatchAsync(month, ct);
                var cases = lines.Select(l => new CrossCheckCase(Guid.CreateVersion7(), CrossCheckKind.MinistryMatch, month.Key, run.Id, l.Line,
                    string.IsNullOrWhiteSpace(l.OtherSchool) ? $"教育部{month}名单" : $"教育部{month}名单（{l.OtherSchool.Trim()}）", today, due)).ToList();
                run.Completed(reader.EncodingName, total, valid, malformed, await FileMatchesAsync(ct), cases.Count);
                db.Add(run);
                db.Record("crosscheck.month_loaded", Subject, run.Id.ToString(), "/", null, new
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

    public static void Require(Actor actor)
    {
        if (actor.Level != OrgLevel.Ministry || !actor.Can(Permission.RunCrossCheck))
        {
            throw AppException.Forbidden("只有部级管理员可以导入教育部比对名单");
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

    /// <summary>
    /// One reader worker's share of the file: each row checked (ID number, item, school year, semester — the first fault
    /// named), blind-indexed (the protector keeps an HMAC state per thread), and kept as a candidate only when its person, item and
    /// term meet an approved line here (the approved lines' keys of each term the file names are held in memory, 16 bytes
    /// of the blind index each), so the ministry's 13 million rows are never copied across and the SQL join still decides
    /// on the full key.
    /// </summary>
    private sealed class RowStager(PersonalDataProtector protector, ApprovedKeys approved)
    {
        public long Total { get; private set; }

        public long Valid { get; private set; }

        public long Malformed { get; private set; }

        public List<RejectedRowDto> Rejected { get; } = [];

        public List<StagedKey> Candidates { get; } = [];

        public void Add(in ExchangeFields row)
        {
            Total++;
            Span<char> id = stackalloc char[ExchangeFormat.IdLength];
            if (Check(row, id, out var item, out var year, out var semester) is { } error)
            {
                Malformed++;
                if (Rejected.Count < RejectedKept)
                {
                    Rejected.Add(new RejectedRowDto(row.RowNumber, error, ExchangeFormat.SafeValue(row.IdNumber.ToString())));
                }

                return;
            }

            Valid++;
            var keys = approved.Of(year, semester, item);
            if (keys.Count == 0)
            {
                return; // nothing approved here for that item and term: no need for the hash
            }

            // A resident ID card's index key is the normalised number itself (StudentValidation.IndexKey).
            Span<byte> key = stackalloc byte[32];
            protector.BlindIndex(id, key);
            if (keys.Contains(BinaryPrimitives.ReadUInt128LittleEndian(key)))
            {
                var school = row.SchoolName.Trim();
                Candidates.Add(new StagedKey(Convert.ToHexStringLower(key), item, year, semester,
                    school.IsEmpty ? null : school[..Math.Min(school.Length, 100)].ToString()));
            }
        }

        /// <summary>The row's fault (the first one, in column order), or null with its item, school year and semester.</summary>
        private static string? Check(in ExchangeFields row, Span<char> id, out int item, out int year, out int semester)
        {
            (item, year, semester) = (0, 0, 0);
            if (!ExchangeFormat.TryNormalizeId(row.IdNumber, id, out var error))
            {
                return error;
            }

            if (ExchangeFormat.ParseItem(row.Item) is not { } parsedItem)
            {
                return $"资助项目“{Cut(row.Item)}”无法识别（应为 助学金 或 免学费）";
            }

            if (ExchangeFormat.ParseSchoolYear(row.SchoolYear) is not { } parsedYear)
            {
                return $"学年“{Cut(row.SchoolYear)}”无法识别（应为 2026-2027 这样的格式）";
            }

            if (ExchangeFormat.ParseSemester(row.Semester) is not { } parsedSemester)
            {
                return $"学期“{Cut(row.Semester)}”无法识别（应为 秋季学期 或 春季学期）";
            }

            (item, year, semester) = ((int)parsedItem, parsedYear, (int)parsedSemester);
            return null;
        }
    }

    private static string Cut(ReadOnlySpan<char> s) => s.Length > 20 ? string.Concat(s[..20], "…") : s.ToString();

    private async Task<List<(ApprovedLine Line, string? OtherSchool)>> MatchAsync(CheckMonth month, CancellationToken ct)
    {
        // One join of the whole staging table with the approved lines, grouped per line (a person may appear more than once
        // in the ministry's file): the planner hashes one side once. A correlated subquery per matched line would scan
        // the unindexed staging table once per match.
        const string sql = """
            SELECT e."Id", e."SchoolId", r."SchoolCode", r."SchoolName", e."ScopePath", e."PersonKey", e."Item", e."SchoolYear", e."Semester",
                   e."StudentName", e."IdNumberMasked", MIN(s.school_name)
            FROM crosscheck_staging s
            JOIN aid_entries e ON e."PersonKey" = s.person_key AND e."Item" = s.item AND e."SchoolYear" = s.school_year AND e."Semester" = s.semester
            JOIN aid_rounds r ON r."Id" = e."RoundId"
            WHERE e."State" = 2
              AND NOT EXISTS (SELECT 1 FROM crosscheck_cases c WHERE c."Kind" = 1 AND c."Month" = @month AND c."EntryId" = e."Id")
            GROUP BY e."Id", e."SchoolId", r."SchoolCode", r."SchoolName", e."ScopePath", e."PersonKey", e."Item", e."SchoolYear", e."Semester",
                     e."StudentName", e."IdNumberMasked"
            """;
        return await ReadLinesAsync(db, sql, month.Key, r => r.IsDBNull(11) ? null : r.GetString(11), ct);
    }

    /// <summary>The approved lines this file names (whether or not a case exists already for the month).</summary>
    private async Task<int> FileMatchesAsync(CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = 600;
        cmd.CommandText = """
            SELECT COUNT(DISTINCT e."Id") FROM crosscheck_staging s
            JOIN aid_entries e ON e."PersonKey" = s.person_key AND e."Item" = s.item AND e."SchoolYear" = s.school_year AND e."Semester" = s.semester
            WHERE e."State" = 2
            """;
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a match query in the current transaction; its first 11 columns are an <see cref="ApprovedLine"/>.</summary>
    internal static async Task<List<(ApprovedLine Line, string? Extra)>> ReadLinesAsync(TsaDbContext db, string sql, int month,
        Func<DbDataReader, string?> extra, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = 600;
        var p = cmd.CreateParameter();
        p.ParameterName = "@month";
        p.Value = month;
        cmd.Parameters.Add(p);
        var lines = new List<(ApprovedLine, string?)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add((new ApprovedLine(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                (AidItem)reader.GetInt32(6), reader.GetInt32(7), (Semester)reader.GetInt32(8), reader.GetString(9), reader.GetString(10)), extra(reader)));
        }

        return lines;
    }

    private sealed record StagedKey(string PersonKey, int Item, int SchoolYear, int Semester, string? SchoolName);

    /// <summary>
    /// The approved lines' keys per term and item, loaded once each by whichever reader worker meets the term first: the
    /// first 16 bytes of the blind index, about 40 bytes a line in memory — some 230 MB for a national term of 5.35 million
    /// lines. Loading is serialised (one connection); the sets are only read once published.
    /// </summary>
    private sealed class ApprovedKeys(TsaDbContext db)
    {
        private readonly ConcurrentDictionary<(int Year, int Semester), Dictionary<int, HashSet<UInt128>>> _terms = [];
        private readonly Lock _load = new();
        private static readonly HashSet<UInt128> None = [];

        public HashSet<UInt128> Of(int year, int semester, int item)
        {
            if (!_terms.TryGetValue((year, semester), out var items))
            {
                lock (_load)
                {
                    if (!_terms.TryGetValue((year, semester), out items))
                    {
                        items = Load(year, semester);
                        _terms[(year, semester)] = items;
                    }
                }
            }

            return items.TryGetValue(item, out var set) ? set : None;
        }

        private Dictionary<int, HashSet<UInt128>> Load(int year, int semester)
        {
            var items = new Dictionary<int, HashSet<UInt128>>();
            using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandTimeout = 600;

            // PostgreSQL decodes the hex itself, so millions of keys arrive as 16 bytes each instead of 64-character strings.
            var prefix = db.IsPostgres ? "decode(left(\"PersonKey\", 32), 'hex')" : "\"PersonKey\"";
            cmd.CommandText = $"SELECT {prefix}, \"Item\" FROM aid_entries WHERE \"State\" = 2 AND \"SchoolYear\" = @y AND \"Semester\" = @s";
            foreach (var (name, value) in new[] { ("@y", year), ("@s", semester) })
            {
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                cmd.Parameters.Add(p);
            }

            using var reader = cmd.ExecuteReader();
            var bytes = new byte[16];
            while (reader.Read())
            {
                if (db.IsPostgres)
                {
                    if (reader.GetBytes(0, 0, bytes, 0, 16) != 16)
                    {
                        continue;
                    }
                }
                else
                {
                    var hex = reader.GetString(0);
                    if (hex.Length < 32 || Convert.FromHexString(hex.AsSpan(0, 32), bytes, out _, out _) != System.Buffers.OperationStatus.Done)
                    {
                        continue;
                    }
                }

                var item = reader.GetInt32(1);
                if (!items.TryGetValue(item, out var set))
                {
                    items[item] = set = [];
                }

                set.Add(BinaryPrimitives.ReadUInt128LittleEndian(bytes));
            }

            return items;
        }
    }

    /// <summary>The temporary table of the ministry's keys: binary COPY on PostgreSQL, prepared inserts on SQLite.</summary>
    private sealed class Staging : IAsyncDisposable
    {
        private readonly TsaDbContext _db;
        private NpgsqlBinaryImporter? _copy;
        private DbCommand? _insert;

        private Staging(TsaDbContext db) => _db = db;

        public static async Task<Staging> CreateAsync(TsaDbContext db, CancellationToken ct)
        {
            var s = new Staging(db);
            var tx = db.Database.CurrentTransaction!.GetDbTransaction();
            var connection = db.Database.GetDbConnection();
            await using (var create = connection.CreateCommand())
            {
                create.Transaction = tx;
                create.CommandText = db.IsPostgres
                    ? "CREATE TEMP TABLE crosscheck_staging (person_key text NOT NULL, item integer NOT NULL, school_year integer NOT NULL, semester integer NOT NULL, school_name text) ON COMMIT DROP"
                    : "CREATE TEMP TABLE crosscheck_staging (person_key TEXT NOT NULL, item INTEGER NOT NULL, school_year INTEGER NOT NULL, semester INTEGER NOT NULL, school_name TEXT)";
                await create.ExecuteNonQueryAsync(ct);
            }

            if (db.IsPostgres)
            {
                s._copy = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                    "COPY crosscheck_staging (person_key, item, school_year, semester, school_name) FROM STDIN (FORMAT BINARY)", ct);
            }
            else
            {
                var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO crosscheck_staging (person_key, item, school_year, semester, school_name) VALUES ($k, $i, $y, $s, $n)";
                foreach (var name in new[] { "$k", "$i", "$y", "$s", "$n" })
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = name;
                    insert.Parameters.Add(p);
                }

                insert.Prepare();
                s._insert = insert;
            }

            return s;
        }

        public async Task AddAsync(StagedKey k, CancellationToken ct)
        {
            if (_copy is not null)
            {
                // Synchronous writes: the importer buffers and flushes by itself; an await per value costs more than the
                // value at 13 million rows.
                _copy.StartRow();
                _copy.Write(k.PersonKey, NpgsqlTypes.NpgsqlDbType.Text);
                _copy.Write(k.Item, NpgsqlTypes.NpgsqlDbType.Integer);
                _copy.Write(k.SchoolYear, NpgsqlTypes.NpgsqlDbType.Integer);
                _copy.Write(k.Semester, NpgsqlTypes.NpgsqlDbType.Integer);
                if (k.SchoolName is null)
                {
                    _copy.WriteNull();
                }
                else
                {
                    _copy.Write(k.SchoolName, NpgsqlTypes.NpgsqlDbType.Text);
                }

                return;
            }

            var ps = _insert!.Parameters;
            ps[0].Value = k.PersonKey;
            ps[1].Value = k.Item;
            ps[2].Value = k.SchoolYear;
            ps[3].Value = k.Semester;
            ps[4].Value = (object?)k.SchoolName ?? DBNull.Value;
            await _insert.ExecuteNonQueryAsync(ct);
        }

        /// <summary>Ends the COPY and gives the planner the table's size; on SQLite an index for the join.</summary>
        public async Task CompleteAsync(CancellationToken ct)
        {
            var connection = _db.Database.GetDbConnection();
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = _db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandTimeout = 600;
            if (_copy is not null)
            {
                await _copy.CompleteAsync(ct);
                await _copy.DisposeAsync();
                _copy = null;
                cmd.CommandText = "ANALYZE crosscheck_staging";
            }
            else
            {
                cmd.CommandText = "CREATE INDEX temp.ix_crosscheck_staging ON crosscheck_staging (person_key, item, school_year, semester)";
            }

            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async Task DropAsync(CancellationToken ct)
        {
            if (_db.IsPostgres)
            {
                return; // ON COMMIT DROP
            }

            await using var cmd = _db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = _db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandText = "DROP TABLE temp.crosscheck_staging";
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (_copy is not null)
            {
                await _copy.DisposeAsync();
            }

            if (_insert is not null)
            {
                await _insert.DisposeAsync();
            }
        }
    }
}
