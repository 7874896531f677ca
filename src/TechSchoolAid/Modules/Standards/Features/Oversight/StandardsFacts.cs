using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using TechSchoolAid.Modules.Standards.Features.Policy;

namespace TechSchoolAid.Modules.Standards.Features.Oversight;

/// <summary>
/// Where one school stands on the four items the inspection checklist asks of its aid work (INS-2, PUB-2), on a day:
/// current aid rules, current aid staff, every current staff member trained within the province's training period, and
/// the brochure of the province's current intake.
/// </summary>
public sealed record SchoolStanding(string Code, string Name, string ScopePath, int RulesCurrent, int StaffCurrent, int StaffTrained, int? TrainingMonths,
    int? IntakeYear, IntakeSeason? IntakeSeason, BrochureStatus? Brochure)
{
    public const string RulesKey = "aid-rules";
    public const string StaffKey = "aid-staff";
    public const string TrainingKey = "training";
    public const string BrochureKey = "brochure";

    public static readonly IReadOnlyList<(string Key, string Name)> Items =
    [
        (RulesKey, "资助工作制度"),
        (StaffKey, "资助工作人员"),
        (TrainingKey, "资助工作人员培训"),
        (BrochureKey, "招生简章载明资助政策"),
    ];

    public string? Intake => IntakeYear is { } y && IntakeSeason is { } s ? StandardsText.Intake(y, s) : null;

    public bool HasRules => RulesCurrent > 0;

    public bool HasStaff => StaffCurrent > 0;

    public bool AllTrained => TrainingMonths is not null && StaffCurrent > 0 && StaffTrained >= StaffCurrent;

    public bool BrochureApproved => Brochure == BrochureStatus.Approved;

    /// <summary>No brochure submitted or approved for the current intake (none, a draft, or one returned and not yet resubmitted).</summary>
    public bool BrochureMissing => Brochure is not (BrochureStatus.Submitted or BrochureStatus.Approved);

    public bool Met(string key) => key switch
    {
        RulesKey => HasRules,
        StaffKey => HasStaff,
        TrainingKey => AllTrained,
        _ => BrochureApproved,
    };

    public IReadOnlyList<string> MissingKeys => Items.Where(i => !Met(i.Key)).Select(i => i.Key).ToList();

    public IReadOnlyList<ComplianceFact> Facts() =>
    [
        new(Code, RulesKey, Items[0].Name, HasRules, HasRules ? $"现行资助工作制度{RulesCurrent}项" : "尚未登记现行的资助工作制度"),
        new(Code, StaffKey, Items[1].Name, HasStaff, HasStaff ? $"在岗资助工作人员{StaffCurrent}名" : "尚未登记在岗的资助工作人员"),
        new(Code, TrainingKey, Items[2].Name, AllTrained, TrainingDetail()),
        new(Code, BrochureKey, Items[3].Name, BrochureApproved, BrochureDetail()),
    ];

    private string TrainingDetail() => TrainingMonths is not { } m ? "本省尚未设定资助工作人员培训周期"
        : StaffCurrent == 0 ? "没有在岗的资助工作人员"
        : StaffTrained >= StaffCurrent ? $"在岗资助工作人员{StaffCurrent}名，均在近{m}个月内参加过培训"
        : $"在岗资助工作人员{StaffCurrent}名，其中{StaffCurrent - StaffTrained}名近{m}个月内未参加培训";

    private string BrochureDetail() => Intake is not { } intake ? "本省尚未设定当前招生季"
        : Brochure switch
        {
            null => $"尚未上传{intake}招生简章",
            BrochureStatus.Draft => $"{intake}招生简章尚未提交审核",
            BrochureStatus.Submitted => $"{intake}招生简章待主管部门审核",
            BrochureStatus.Returned => $"{intake}招生简章已被退回，尚未重新提交",
            _ => $"{intake}招生简章已审核通过",
        };
}

/// <summary>
/// Computes <see cref="SchoolStanding"/>s for the schools of the caller's scope (or a list of them), aggregating in the
/// database: one grouped count per table plus the current staff's last training, so it stays fast on the national set.
/// </summary>
public sealed class StandardsFacts(TsaDbContext db, StandardsPolicies policies)
{
    public async Task<IReadOnlyList<SchoolStanding>> StandingsAsync(IReadOnlyCollection<string>? codes, string? underPath, DateOnly asOf, CancellationToken ct)
    {
        var codeList = codes?.Distinct().ToList();
        var prefix = underPath ?? "";
        var schools = await db.Organizations().Where(o => o.Level == OrgLevel.School && (codeList == null || codeList.Contains(o.Code)) && o.ScopePath.StartsWith(prefix))
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.Name, o.ScopePath }).ToListAsync(ct);
        if (schools.Count == 0)
        {
            return [];
        }

        var rules = await db.Set<AidRuleDocument>().AsNoTracking()
            .Where(r => r.Status == AidRuleStatus.Current && r.AdoptedOn <= asOf && (codeList == null || codeList.Contains(r.SchoolCode)) && r.ScopePath.StartsWith(prefix))
            .GroupBy(r => r.SchoolCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var staff = await db.Set<AidStaffMember>().AsNoTracking()
            .Where(s => s.AppointedOn <= asOf && (s.EndedOn == null || s.EndedOn >= asOf) && (codeList == null || codeList.Contains(s.SchoolCode)) && s.ScopePath.StartsWith(prefix))
            .Select(s => new { s.SchoolCode, Last = db.Set<StaffTraining>().Where(t => t.StaffId == s.Id && t.CompletedOn <= asOf).Max(t => (DateOnly?)t.CompletedOn) })
            .ToListAsync(ct);
        var brochures = await db.Set<Brochure>().AsNoTracking()
            .Where(b => (codeList == null || codeList.Contains(b.SchoolCode)) && b.ScopePath.StartsWith(prefix))
            .Select(b => new { b.SchoolCode, b.Year, b.Season, b.Status }).ToListAsync(ct);
        var staffBySchool = staff.ToLookup(s => s.SchoolCode);
        var brochureBySchool = brochures.ToLookup(b => b.SchoolCode);
        var inForce = await policies.InForceAsync(asOf, ct);
        return schools.Select(s =>
        {
            var policy = inForce.GetValueOrDefault(StandardsSteps.ProvinceOf(s.ScopePath));
            var current = staffBySchool[s.Code].ToList();
            var since = policy?.TrainedSince(asOf);
            var trained = since is { } from ? current.Count(c => c.Last is { } last && last >= from) : 0;
            var brochure = policy is null ? null : brochureBySchool[s.Code].FirstOrDefault(b => b.Year == policy.IntakeYear && b.Season == policy.IntakeSeason);
            return new SchoolStanding(s.Code, s.Name, s.ScopePath, rules.GetValueOrDefault(s.Code), current.Count, trained, policy?.TrainingValidityMonths,
                policy?.IntakeYear, policy?.IntakeSeason, brochure?.Status);
        }).ToList();
    }
}

/// <summary>The compliance facts of INS-2/PUB-2 for the inspection checklist (keys aid-rules, aid-staff, training, brochure).</summary>
public sealed class StandardsComplianceSource(StandardsFacts facts) : ISchoolComplianceSource
{
    public async Task<IReadOnlyList<ComplianceFact>> FactsAsync(IReadOnlyCollection<string> schoolCodes, DateOnly asOf, CancellationToken ct)
    {
        if (schoolCodes.Count == 0)
        {
            return [];
        }

        var standings = await facts.StandingsAsync(schoolCodes, null, asOf, ct);
        return standings.SelectMany(s => s.Facts()).ToList();
    }
}
