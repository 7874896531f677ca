using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>Direct look-ups for the status-change tests (as the system actor, outside any user's scope).</summary>
public static class StatusChangeData
{
    /// <summary>A 市管 school in 四川 (city 5101 成都), supervised by city-5101; not the demo transfer's receiving school 51010004.</summary>
    public const string ReceivingSchool = "51010007";

    public const string ReceivingSchoolUser = "school-" + ReceivingSchool;
    public const string ReceivingCityReviewer = "city-5101";

    /// <summary>
    /// A full-time student of the school whose registration is approved, who is 在籍 and has no status change at all
    /// (so neither the demo's changes nor another test's touch it). The tests of one collection run one after another, so
    /// a student taken by one test is never offered to the next.
    /// </summary>
    public static Task<StudentRecord> FreeActiveStudentAsync(this AppServer app, string schoolCode) =>
        app.WithDbAsync(async db =>
        {
            var changed = db.Set<StatusChange>().IgnoreQueryFilters().Select(c => c.StudentId);
            return await db.Set<StudentRecord>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.SchoolCode == schoolCode && s.RegistrationState == RegistrationState.Approved && s.Status == EnrolmentStatus.Active
                            && s.IsFullTime && s.StatusNumber != null && !changed.Contains(s.Id))
                .OrderBy(s => s.StatusNumber)
                .FirstOrDefaultAsync()
                ?? throw new InvalidOperationException($"The demo data has no approved, active student without status changes left at {schoolCode}.");
        });

    public static Task<StatusChange?> GetStatusChangeAsync(this AppServer app, Guid id) =>
        app.WithDbAsync(db => db.Set<StatusChange>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    /// <summary>Every record of one person (same ID number hash), across schools.</summary>
    public static Task<List<StudentRecord>> RecordsOfPersonAsync(this AppServer app, Guid anyRecordId) =>
        app.WithDbAsync(async db =>
        {
            var hash = await db.Set<StudentRecord>().IgnoreQueryFilters().Where(s => s.Id == anyRecordId).Select(s => s.IdNumberHash).FirstAsync();
            return await db.Set<StudentRecord>().IgnoreQueryFilters().AsNoTracking().Where(s => s.IdNumberHash == hash).ToListAsync();
        });
}
