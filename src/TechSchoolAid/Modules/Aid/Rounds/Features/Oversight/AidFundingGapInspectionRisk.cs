using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features.Oversight;

/// <summary>
/// INS-1's risk "funding gap" per school ("funding-gap"): eligible students of the current term on no grant or waiver
/// list, as <see cref="FundingGapCauses"/> counts them for the funding-gap report (人社厅函〔2024〕53号 二（二）).
/// </summary>
public sealed class AidFundingGapInspectionRisk(TsaDbContext db, FundingGapCauses causes) : IInspectionRiskSource
{
    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var schools = await db.SchoolsUnderAsync(provinceScopePath, ct);
        if (schools.Count == 0)
        {
            return [];
        }

        var provinceOf = schools.ToDictionary(s => s.Id, s => s.ProvinceCode ?? "");
        var codeOf = schools.ToDictionary(s => s.Id, s => s.Code);
        var term = AidTerm.Of(asOf);
        var totals = new Dictionary<int, int>();
        foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
        {
            foreach (var (schoolId, count) in await causes.UndeclaredAsync(term, item, provinceOf, ct))
            {
                if (codeOf.ContainsKey(schoolId))
                {
                    totals[schoolId] = totals.GetValueOrDefault(schoolId) + count;
                }
            }
        }

        return totals.Where(t => t.Value > 0)
            .Select(t => new SchoolRisk(codeOf[t.Key], "funding-gap", $"符合条件但未列入{term.SchoolYear}学年资助名单的学生{t.Value}人次", t.Value))
            .ToList();
    }
}
