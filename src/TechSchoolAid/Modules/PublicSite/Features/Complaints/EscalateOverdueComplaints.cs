using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>
/// The daily escalation (PUB-1): every open complaint past the deadline of whoever has it goes to the level above
/// (school → its supervising authority → province → ministry) with a new deadline of the same number of working days.
/// Idempotent: an escalated complaint's deadline lies in the future, so a second run the same day changes nothing.
/// Each escalation is audited; the run itself too.
/// </summary>
public sealed class EscalateOverdueComplaints(TsaDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    public async Task<int> HandleAsync(CancellationToken ct)
    {
        db.Actor.Demand(ComplaintAccess.Escalate);
        var today = clock.Today();
        var overdue = await db.Set<Complaint>().Where(c => c.Status == ComplaintStatus.Open && c.DueOn < today).OrderBy(c => c.DueOn).ToListAsync(ct);
        var parents = overdue.Select(c => ScopePaths.ParentOf(c.CurrentPath)).Distinct().ToList();
        var names = await db.AllOrganizations().Where(o => parents.Contains(o.ScopePath)).ToDictionaryAsync(o => o.ScopePath, o => o.Name, ct);
        var escalated = 0;
        foreach (var c in overdue)
        {
            var before = new { to = c.EscalatedToPath, dueOn = ChinaTime.Iso(c.DueOn), level = c.EscalationLevel };
            var parent = ScopePaths.ParentOf(c.CurrentPath);
            if (parent.Length == 0 || !c.EscalateTo(parent, names.GetValueOrDefault(parent, parent), today, workingDays.AddWorkingDays(today, c.AnswerWorkingDays)))
            {
                continue;
            }

            escalated++;
            db.Record(PublicSiteAuditActions.ComplaintEscalated, c.Id.ToString(), c.ScopePath, before,
                new { to = c.EscalatedToPath, toName = c.EscalatedToName, dueOn = ChinaTime.Iso(c.DueOn), level = c.EscalationLevel }, clock);
        }

        db.Record(PublicSiteAuditActions.EscalationRun, ChinaTime.Iso(today), "/", null, new { overdue = overdue.Count, escalated }, clock);
        await db.SaveChangesAsync(ct);
        return escalated;
    }
}

/// <summary>The scheduler's entry: runs <see cref="EscalateOverdueComplaints"/> as the system actor in its own scope.</summary>
public sealed class ScheduledComplaintEscalation(IServiceScopeFactory scopes)
{
    public const string ActorReason = "complaint-escalation";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System(ActorReason);
        return await scope.ServiceProvider.GetRequiredService<EscalateOverdueComplaints>().HandleAsync(ct);
    }
}
