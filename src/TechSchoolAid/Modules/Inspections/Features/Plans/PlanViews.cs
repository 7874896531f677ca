using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Plans;

/// <summary>Builds a plan's detail view: its schools, the checker's breaches (with the reasons given at confirmation), the schools left out, the actions.</summary>
public sealed class PlanViews(TsaDbContext db, PlanRules rules)
{
    public async Task<InspectionPlan> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var q = db.Set<InspectionPlan>().Include(p => p.Entries).Include(p => p.Acknowledgements).AsSplitQuery();
        return await (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw AppException.NotFound("检查计划");
    }

    public async Task<PlanView> ViewAsync(InspectionPlan plan, CancellationToken ct)
    {
        var situation = await rules.SituationAsync(plan.ScopePath, plan.Year, ct);
        var codes = plan.Entries.Select(e => e.SchoolCode).ToHashSet(StringComparer.Ordinal);
        var visited = await db.Set<InspectionVisit>().AsNoTracking().Where(v => v.PlanId == plan.Id).Select(v => v.TargetCode).Distinct().ToListAsync(ct);
        var bySchool = situation.Schools.ToDictionary(s => s.School.Code, StringComparer.Ordinal);
        var acknowledged = plan.Acknowledgements.ToDictionary(a => a.BreachKey, StringComparer.Ordinal);
        var breaches = plan.State == PlanState.Confirmed
            ? plan.Acknowledgements.Select(a => new PlanBreachView(a.BreachKey, a.Breach, a.Reason)).ToList()
            : PlanRules.Breaches(situation, codes).Select(b => new PlanBreachView(b.Key, b.Text, acknowledged.TryGetValue(b.Key, out var a) ? a.Reason : null)).ToList();
        var entries = plan.Entries
            .OrderBy(e => e.ManagedBy).ThenBy(e => e.Reason).ThenByDescending(e => e.RiskScore).ThenBy(e => e.SchoolCode, StringComparer.Ordinal)
            .Select(e => new PlanEntryView(e.SchoolCode, e.SchoolName, e.ManagedBy.ToChinese(), e.Reason, e.Reason.ToChinese(), e.RiskScore, e.RiskDetail, e.Note,
                bySchool.TryGetValue(e.SchoolCode, out var s) ? s.LastVisitYear : null, visited.Contains(e.SchoolCode)))
            .ToList();
        var outside = situation.Schools.Where(s => !codes.Contains(s.School.Code))
            .OrderByDescending(s => s.RiskScore).ThenBy(s => s.School.Code, StringComparer.Ordinal)
            .Select(s => new SchoolOutsideView(s.School.Code, s.School.Name, s.School.ManagedBy.ToChinese(), s.RiskScore, s.RiskDetail, s.LastVisitYear))
            .ToList();
        var actions = plan.State == PlanState.Draft ? db.Actor.ActionsOn(plan.ScopePath, InspectionAccess.Plan) : db.Actor.ActionsOn(plan.ScopePath, InspectionAccess.RecordVisit);
        return new PlanView(plan.Id, plan.ProvinceCode, Divisions.ProvinceName(plan.ProvinceCode) ?? plan.ProvinceCode, plan.Year, plan.State, plan.State.ToChinese(),
            situation.Schools.Count(s => s.IsProvinceManaged), situation.CityManagedTotal, situation.CityManagedRequired,
            plan.Entries.Count(e => e.ManagedBy == ManagedBy.City), $"{situation.Policy.CityShareNumerator}/{situation.Policy.CityShareDenominator}",
            entries, breaches, outside, plan.ProposedBy, plan.ConfirmedBy, plan.ConfirmedAtUtc, plan.Version, actions);
    }
}
