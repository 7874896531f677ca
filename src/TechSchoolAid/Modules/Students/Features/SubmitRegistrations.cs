using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>ENR-3: the school submits its verified students to the supervising authority as one numbered batch.</summary>
public sealed class SubmitRegistrations(TsaDbContext db, SchoolDirectory schools, RegistrationWindow window, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/registration-batches", (string schoolCode, StudentIdsRequest r, SubmitRegistrations h, CancellationToken ct) =>
            h.HandleAsync(schoolCode, r.StudentIds ?? [], ct)).WithSummary("报送一批新生").RequireAccess(StudentAccess.Submit);

    public async Task<BatchResult> HandleAsync(string schoolCode, IReadOnlyCollection<Guid> studentIds, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.Submit);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StudentAccess.Submit, school.ScopePath);
        var students = await RegistrationReview.LoadAsync(db, school.Id, studentIds, ct);
        await RegistrationReview.EnsureSchoolStepsOpenAsync(window, school.Id, students, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var count = await db.Unscoped<RegistrationBatch>("batch and student numbers are numbered across the country").CountAsync(b => b.SchoolId == school.Id, ct);
        var batch = new RegistrationBatch(Guid.CreateVersion7(), school.Id, school.ScopePath, string.Create(CultureInfo.InvariantCulture, $"{school.Code}-{today:yyyyMMdd}-{count + 1:D3}"), students.Count, db.Actor.UserName, now);
        db.Add(batch);
        foreach (var s in students)
        {
            s.Submit(batch.Id, db.Actor.UserName, now);
            db.Record(StudentAuditActions.Submitted, s.Id.ToString(), s.ScopePath, null, new { batch = batch.Number }, clock);
        }

        db.Record(StudentAuditActions.BatchSubmitted, batch.Id.ToString(), school.ScopePath, null, new { batch.Number, students = students.Count }, clock);
        await db.SaveChangesAsync(ct);
        return new BatchResult(batch.Id, batch.Number, students.Count, []);
    }
}
