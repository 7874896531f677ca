using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>ENR-3: the school records the on-site verification of its selected students.</summary>
public sealed class VerifyRegistration(TsaDbContext db, SchoolDirectory schools, RegistrationWindow window, TimeProvider clock)
{
    public const string OnSite = "现场点名";

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/students/verify", (string schoolCode, StudentIdsRequest r, VerifyRegistration h, CancellationToken ct) =>
            h.HandleAsync(schoolCode, r.StudentIds ?? [], r.Method, ct)).WithSummary("记录现场核验").RequireAccess(StudentAccess.Verify);

    public async Task<int> HandleAsync(string schoolCode, IReadOnlyCollection<Guid> studentIds, string? method, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Verify);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Verify, school.ScopePath);
        var students = await RegistrationReview.LoadAsync(db, school.Id, studentIds, ct);
        await RegistrationReview.EnsureSchoolStepsOpenAsync(window, school.Id, students, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var how = string.IsNullOrWhiteSpace(method) ? OnSite : method.Trim();
        foreach (var s in students)
        {
            s.Verify(db.Actor.UserName, now, how);
            db.Record(StudentAuditActions.Verified, s.Id.ToString(), s.ScopePath, null, new { method = how }, clock);
        }

        await db.SaveChangesAsync(ct);
        return students.Count;
    }
}
