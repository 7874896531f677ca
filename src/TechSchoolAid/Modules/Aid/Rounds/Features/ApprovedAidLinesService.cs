using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>The approved lines as <see cref="IApprovedAidLines"/> offers them to the cross-check and the exchange.</summary>
public sealed partial class ApprovedAidLinesService(TsaDbContext db, RevokeApprovedAidEntry revoke) : IApprovedAidLines
{
    /// <summary>The line columns of a match query; the 12th column is the other side.</summary>
    private const string LineColumns = """
        e."Id", e."SchoolId", r."SchoolCode", r."SchoolName", e."ScopePath", e."PersonKey", e."Item", e."SchoolYear", e."Semester",
        e."StudentName", e."IdNumberMasked"
        """;

    public void ReadKeyPrefixes(int schoolYear, Semester semester, Action<AidItem, UInt128> add)
    {
        using var cmd = Command();

        // PostgreSQL decodes the hex itself, so millions of keys arrive as 16 bytes each instead of 64-character strings.
        var prefix = db.IsPostgres ? "decode(left(\"PersonKey\", 32), 'hex')" : "\"PersonKey\"";
        cmd.CommandText = $"SELECT {prefix}, \"Item\" FROM aid_entries WHERE \"State\" = 2 AND \"SchoolYear\" = @y AND \"Semester\" = @s";
        Parameter(cmd, "@y", schoolYear);
        Parameter(cmd, "@s", (int)semester);
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
                if (hex.Length < 32 || Convert.FromHexString(hex.AsSpan(0, 32), bytes, out _, out _) != OperationStatus.Done)
                {
                    continue;
                }
            }

            add((AidItem)reader.GetInt32(1), BinaryPrimitives.ReadUInt128LittleEndian(bytes));
        }
    }

    public Task<IReadOnlyList<ApprovedAidLineMatch>> MatchStagedAsync(string stagingTable, CancellationToken ct)
    {
        if (!TableName().IsMatch(stagingTable))
        {
            throw new ArgumentException("Not a table name.", nameof(stagingTable));
        }

        // One join of the whole staging table with the approved lines, grouped per line (a person may appear more than once
        // in the ministry's file): the planner hashes one side once.
        var sql = $"""
            SELECT {LineColumns}, MIN(s.school_name)
            FROM {stagingTable} s
            JOIN aid_entries e ON e."PersonKey" = s.person_key AND e."Item" = s.item AND e."SchoolYear" = s.school_year AND e."Semester" = s.semester
            JOIN aid_rounds r ON r."Id" = e."RoundId"
            WHERE e."State" = 2
            GROUP BY {LineColumns}
            """;
        return ReadLinesAsync(sql, ct);
    }

    public Task<IReadOnlyList<ApprovedAidLineMatch>> DuplicatedAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT {LineColumns}, MIN(ro."SchoolName" || '|' || CAST(o."Item" AS TEXT))
            FROM aid_entries e
            JOIN aid_rounds r ON r."Id" = e."RoundId"
            JOIN aid_entries o ON o."PersonKey" = e."PersonKey" AND o."SchoolYear" = e."SchoolYear" AND o."Semester" = e."Semester"
                              AND o."State" = 2 AND o."Id" <> e."Id" AND (o."SchoolId" <> e."SchoolId" OR o."Item" = e."Item")
            JOIN aid_rounds ro ON ro."Id" = o."RoundId"
            WHERE e."State" = 2
            GROUP BY {LineColumns}
            """;
        return ReadLinesAsync(sql, ct);
    }

    public async IAsyncEnumerable<ApprovedAidExchangeLine> ExchangeLinesAsync(AidTerm term, [EnumeratorCancellation] CancellationToken ct)
    {
        var rows = from e in db.Set<AidEntry>().AsNoTracking()
                   join r in db.Set<AidRound>().AsNoTracking() on e.RoundId equals r.Id
                   join s in db.StudentIdCiphersInScope() on e.StudentId equals s.Id
                   where e.State == AidEntryState.Approved && s.DocumentType == IdDocumentType.ResidentIdCard && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester
                   orderby r.SchoolCode, e.Item, e.StudentName
                   select new ApprovedAidExchangeLine(e.Item, e.StudentName, r.SchoolName, s.IdNumberCipher);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <inheritdoc cref="RevokeApprovedAidEntry"/>
    public async Task RevokeAsync(Guid entryId, string reason, CancellationToken ct) => await revoke.HandleAsync(entryId, reason, ct);

    private DbCommand Command()
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = 600;
        return cmd;
    }

    private static void Parameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private async Task<IReadOnlyList<ApprovedAidLineMatch>> ReadLinesAsync(string sql, CancellationToken ct)
    {
        await using var cmd = Command();
        cmd.CommandText = sql;
        var lines = new List<ApprovedAidLineMatch>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new ApprovedAidLineMatch(
                new ApprovedAidLine(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    (AidItem)reader.GetInt32(6), reader.GetInt32(7), (Semester)reader.GetInt32(8), reader.GetString(9), reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11)));
        }

        return lines;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_.]*$")]
    private static partial Regex TableName();
}
