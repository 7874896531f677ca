using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Inspections.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features.Oversight;

/// <summary>
/// INS-1's risk "late approvals" per school ("late-approvals"): the school's grant and waiver lines of the term of
/// <c>asOf</c> and the term before it that were approved after the national approval deadline, counted as the
/// funding-gap report counts them (<see cref="FundingGapCauses.LateApprovedAsync"/>; 人社厅函〔2024〕53号 二（二）names late
/// approval as a cause of a gap in central money). The approving level answers for the lateness; the visit checks the
/// school's list and whether its students were paid for the months lost.
/// </summary>
public sealed class AidLateApprovalInspectionRisk(TsaDbContext db, FundingGapCauses causes) : IInspectionRiskSource
{
    public async Task<IReadOnlyList<SchoolRisk>> RisksAsync(string provinceScopePath, DateOnly asOf, CancellationToken ct)
    {
        var current = AidTerm.Of(asOf);
        var previous = current.Semester == Semester.Autumn ? new AidTerm(current.SchoolYear - 1, Semester.Spring) : new AidTerm(current.SchoolYear, Semester.Autumn);
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in new[] { previous, current })
        {
            var rounds = await db.Set<AidRound>().AsNoTracking()
                .Where(r => r.ScopePath.StartsWith(provinceScopePath) && r.SchoolYear == term.SchoolYear && r.Semester == term.Semester)
                .Select(r => new { r.Id, r.SchoolCode, r.Item, r.ApprovalDeadline })
                .ToListAsync(ct);
            foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
            {
                var ofItem = rounds.Where(r => r.Item == item).ToList();
                if (ofItem.Count == 0)
                {
                    continue;
                }

                var late = await causes.LateApprovedAsync(term, item, ofItem.Select(r => r.ApprovalDeadline), ct);
                foreach (var round in ofItem)
                {
                    if (late.GetValueOrDefault(round.Id) is var n and > 0)
                    {
                        totals[round.SchoolCode] = totals.GetValueOrDefault(round.SchoolCode) + n;
                    }
                }
            }
        }

        return totals.Select(t => new SchoolRisk(t.Key, "late-approvals", $"{previous}和{current}逾期审批的资助名单{t.Value}人次", t.Value)).ToList();
    }
}
