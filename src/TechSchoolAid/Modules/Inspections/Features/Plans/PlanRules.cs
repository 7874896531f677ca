using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Plans;

/// <summary>A school of the province as the planner sees it: its last visit before the plan's year and its risk.</summary>
public sealed record PlannedSchool(SchoolRef School, int? LastVisitYear, bool VisitedInPreviousYears, int RiskScore, string RiskDetail)
{
    public bool IsProvinceManaged => School.ManagedBy == ManagedBy.Province;
}

/// <summary>What the planner knows of a province for a year.</summary>
public sealed record ProvinceSituation(string ProvinceScopePath, int Year, InspectionPolicy Policy, IReadOnlyList<PlannedSchool> Schools)
{
    public int CityManagedTotal => Schools.Count(s => !s.IsProvinceManaged);

    public int CityManagedRequired => Policy.RequiredCityVisits(CityManagedTotal);

    /// <summary>The years before the plan's year in which a visit keeps a school out of the three-year rule (two years for three).</summary>
    public string PreviousYears => Policy.YearsWithinWhichEverySchool <= 1
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{Year - Policy.YearsWithinWhichEverySchool + 1}–{Year - 1}");
}

/// <summary>
/// The coverage rules of the notice 三(二) (INS-1), as the planner proposes and the checker checks: every 省管 school each
/// year; every 市管 school not visited in the previous two years (else it would pass three years unvisited); then 市管
/// schools risk first until the share (one third) is reached. Risk = the sum of every <see cref="IInspectionRiskSource"/>'s
/// weights, each times its factor's multiplier (policy data), plus "no visit in the last two years".
/// </summary>
public sealed class PlanRules(TsaDbContext db, IEnumerable<IInspectionRiskSource> sources, InspectionSupport support)
{
    public async Task<ProvinceSituation> SituationAsync(string provinceScopePath, int year, CancellationToken ct)
    {
        var today = support.Today;
        var policy = await support.PolicyAsync(today, ct);
        var weights = await support.WeightsAsync(policy.Id, ct);
        var schools = await db.SchoolsUnderAsync(provinceScopePath, ct);
        var lastVisits = await db.Set<InspectionVisit>().AsNoTracking()
            .Where(v => v.TargetIsSchool && v.Year < year && v.ScopePath.StartsWith(provinceScopePath))
            .GroupBy(v => v.TargetCode).Select(g => new { Code = g.Key, Year = g.Max(v => v.Year) })
            .ToDictionaryAsync(x => x.Code, x => x.Year, ct);

        var risks = new Dictionary<string, List<(int Weight, string Text)>>();
        foreach (var source in sources)
        {
            foreach (var r in await source.RisksAsync(provinceScopePath, today, ct))
            {
                var multiplier = weights.TryGetValue(r.Factor, out var m) ? m : 1;
                if (!risks.TryGetValue(r.SchoolCode, out var list))
                {
                    risks[r.SchoolCode] = list = [];
                }

                list.Add((r.Weight * multiplier, r.Description));
            }
        }

        var window = Math.Max(1, policy.YearsWithinWhichEverySchool - 1);
        var planned = schools.Select(s =>
        {
            int? last = lastVisits.TryGetValue(s.Code, out var y) ? y : null;
            var recent = last is { } l && l >= year - window;
            var items = risks.TryGetValue(s.Code, out var list) ? list : [];
            var score = items.Sum(i => i.Weight) + (recent ? 0 : policy.NoRecentVisitWeight);
            var texts = items.Select(i => i.Text).ToList();
            if (!recent)
            {
                texts.Add(last is null ? "近两年未检查（此前无检查记录）" : string.Create(CultureInfo.InvariantCulture, $"近两年未检查（上次{last}年）"));
            }

            return new PlannedSchool(s, last, recent, score, string.Join("；", texts));
        }).ToList();
        return new ProvinceSituation(provinceScopePath, year, policy, planned);
    }

    /// <summary>The proposal: 省管 first, then the three-year rule, then risk first (highest score, then code) until the share is reached.</summary>
    public static List<(PlannedSchool School, EntryReason Reason)> Propose(ProvinceSituation situation)
    {
        var chosen = new List<(PlannedSchool, EntryReason)>();
        chosen.AddRange(situation.Schools.Where(s => s.IsProvinceManaged).Select(s => (s, EntryReason.ProvinceManaged)));
        var forced = situation.Schools.Where(s => !s.IsProvinceManaged && !s.VisitedInPreviousYears).ToList();
        chosen.AddRange(forced.Select(s => (s, EntryReason.ThreeYearRule)));
        var missing = situation.CityManagedRequired - forced.Count;
        if (missing > 0)
        {
            chosen.AddRange(situation.Schools.Where(s => !s.IsProvinceManaged && s.VisitedInPreviousYears)
                .OrderByDescending(s => s.RiskScore).ThenBy(s => s.School.Code, StringComparer.Ordinal)
                .Take(missing).Select(s => (s, EntryReason.Risk)));
        }

        return chosen;
    }

    /// <summary>Every breach of the coverage rules by a plan holding <paramref name="planned"/> (school codes).</summary>
    public static List<PlanBreach> Breaches(ProvinceSituation situation, IReadOnlyCollection<string> planned)
    {
        var breaches = new List<PlanBreach>();
        foreach (var s in situation.Schools.Where(s => s.IsProvinceManaged && !planned.Contains(s.School.Code)))
        {
            breaches.Add(new PlanBreach($"province-managed:{s.School.Code}", $"省管学校{s.School.Name}（{s.School.Code}）不在计划中：省管院校当年应全覆盖"));
        }

        var cityPlanned = situation.Schools.Count(s => !s.IsProvinceManaged && planned.Contains(s.School.Code));
        if (cityPlanned < situation.CityManagedRequired)
        {
            breaches.Add(new PlanBreach("city-share", string.Create(CultureInfo.InvariantCulture,
                $"市管学校计划检查{cityPlanned}所，少于应检查的{situation.CityManagedRequired}所（共{situation.CityManagedTotal}所的{situation.Policy.CityShareNumerator}/{situation.Policy.CityShareDenominator}）")));
        }

        foreach (var s in situation.Schools.Where(s => !s.IsProvinceManaged && !s.VisitedInPreviousYears && !planned.Contains(s.School.Code)))
        {
            breaches.Add(new PlanBreach($"three-years:{s.School.Code}", string.Create(CultureInfo.InvariantCulture,
                $"市管学校{s.School.Name}（{s.School.Code}）{situation.PreviousYears}年未检查，今年不检查将超过{situation.Policy.YearsWithinWhichEverySchool}年未检查")));
        }

        return breaches;
    }
}
