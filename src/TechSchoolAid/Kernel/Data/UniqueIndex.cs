using Microsoft.Data.Sqlite;
using Npgsql;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// The one way to recognise a unique index's refusal, on either database: every rule the database enforces with a unique
/// index (one place per person, one list per school and term, one case per line…) turns it into a Chinese 409 through
/// this test, never a 500. PostgreSQL names the index; SQLite names the table and columns instead ("UNIQUE constraint
/// failed: student_records.IdNumberHash"), so a rule gives both.
/// </summary>
public static class UniqueIndex
{
    /// <summary>Whether <paramref name="ex"/> (as EF wraps it, or straight from the provider for COPY and bulk inserts) is this index's refusal.</summary>
    /// <param name="indexName">The index's name on PostgreSQL.</param>
    /// <param name="sqliteColumns">The "table.column" SQLite names in its message, any one of which identifies the index.</param>
    public static bool IsViolation(Exception ex, string indexName, params string[] sqliteColumns)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p when p.ConstraintName == indexName:
                    return true;
                case SqliteException { SqliteErrorCode: 19 } s
                    when sqliteColumns.Any(c => s.Message.Contains(c, StringComparison.Ordinal)) || s.Message.Contains(indexName, StringComparison.Ordinal):
                    return true;
                default:
                    // Binary COPY reports the index only in its message.
                    if (e is not SqliteException && e.Message.Contains(indexName, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }
}
