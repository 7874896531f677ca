using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// ENR-4 as the database holds it: a unique filtered index on the blind index of records that hold a full-time place.
/// Every writer that can give a person a place (registration, import, correction, transfer in, undo) recognises the
/// index's refusal with this one test.
/// </summary>
public static class OnePlaceRule
{
    /// <summary>The index's name on PostgreSQL; SQLite names the column instead.</summary>
    public const string IndexName = "ux_student_records_one_place";

    public static bool IsViolation(DbUpdateException ex) => IsViolation((Exception)ex);

    /// <summary>The refusal, whether it comes wrapped by EF (tracked writes) or straight from the provider (COPY, bulk inserts).</summary>
    public static bool IsViolation(Exception ex) => UniqueIndex.IsViolation(ex, IndexName, "student_records.IdNumberHash");
}
