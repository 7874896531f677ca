using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;


/// <summary>
/// One reader worker's share of the file: each row checked (ID number, item, school year, semester — the first fault
/// named), blind-indexed (the protector keeps an HMAC state per thread), and kept as a candidate only when its person, item and
/// term meet an approved line here (the approved lines' keys of each term the file names are held in memory, 16 bytes
/// of the blind index each), so the ministry's 13 million rows are never copied across and the SQL join still decides
/// on the full key.
/// </summary>
internal sealed class RowStager(PersonalDataProtector protector, ApprovedKeys approved)
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
            if (Rejected.Count < MonthlyCrossCheck.RejectedKept)
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

private static string Cut(ReadOnlySpan<char> s) => s.Length > 20 ? string.Concat(s[..20], "…") : s.ToString();
}

internal sealed record StagedKey(string PersonKey, int Item, int SchoolYear, int Semester, string? SchoolName);

/// <summary>
/// The approved lines' keys per term and item, loaded once each (through Aid's contract) by whichever reader worker meets
/// the term first: the first 16 bytes of the blind index, about 40 bytes a line in memory — some 230 MB for a national term
/// of 5.35 million lines. Loading is serialised (one connection); the sets are only read once published.
/// </summary>
internal sealed class ApprovedKeys(IApprovedAidLines lines)
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
        lines.ReadKeyPrefixes(year, (Semester)semester, (item, key) =>
        {
            if (!items.TryGetValue((int)item, out var set))
            {
                items[(int)item] = set = [];
            }

            set.Add(key);
        });
        return items;
    }
}


/// <summary>The temporary table of the ministry's keys: binary COPY on PostgreSQL, prepared inserts on SQLite.</summary>
internal sealed class Staging : IAsyncDisposable
{
    private readonly TsaDbContext _db;
    private NpgsqlBinaryImporter? _copy;
    private DbCommand? _insert;

    private Staging(TsaDbContext db) => _db = db;

    /// <summary>The temporary table's name, for the join in Aid's contract.</summary>
    public const string Table = "crosscheck_staging";

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
