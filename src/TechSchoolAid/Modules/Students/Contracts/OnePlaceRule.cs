using Microsoft.EntityFrameworkCore;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// ENR-4 as the database holds it: a unique filtered index on the blind index of records that hold a full-time place.
/// Every writer that can give a person a place (registration, import, correction, transfer in, undo) recognises the
/// index's refusal with this one test.
/// </summary>
public static class OnePlaceRule
{
    public static bool IsViolation(DbUpdateException ex) =>
        ex.InnerException?.Message.Contains("ux_student_records_one_place", StringComparison.Ordinal) == true
        || ex.InnerException?.Message.Contains("student_records.IdNumberHash", StringComparison.Ordinal) == true; // SQLite names the column
}
