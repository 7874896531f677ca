using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>What the list and detail queries share: a list's row with its counts, sums and deadline status, a line's row, paging.</summary>
public sealed class AidRoundRows(TsaDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    /// <summary>Working days before the deadline from which an unfinished list is "at risk".</summary>
    public const int AtRiskWorkingDays = 10;

    public async Task<IReadOnlyList<AidRoundRow>> RowsAsync(List<AidRound> rounds, CancellationToken ct)
    {
        var ids = rounds.Select(r => r.Id).ToList();
        // Two queries, each served by an index alone: counts and sums per list and state, then the open objections.
        var counts = await db.Set<AidEntry>().AsNoTracking().Where(e => ids.Contains(e.RoundId))
            .GroupBy(e => new { e.RoundId, e.State })
            .Select(g => new { g.Key.RoundId, g.Key.State, Count = g.Count(), Sum = g.Sum(e => e.AmountFen) })
            .ToListAsync(ct);
        var open = await db.Set<AidEntry>().AsNoTracking().Where(e => ids.Contains(e.RoundId) && e.ObjectionText != null && e.ObjectionAnswer == null)
            .GroupBy(e => e.RoundId).Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RoundId, g => g.Count, ct);
        var today = clock.Today();
        var lateProvinces = rounds.Where(r => r.State != AidRoundState.Reviewed && today > r.ApprovalDeadline).Select(r => r.ProvinceCode).Distinct().ToList();
        var reopened = await AidDeadlineReopening.InForceAsync(db, lateProvinces, today, ct);
        return rounds.Select(r =>
        {
            int C(AidEntryState s) => counts.Where(c => c.RoundId == r.Id && c.State == s).Sum(c => c.Count);
            var done = r.State == AidRoundState.Reviewed;
            var late = !done && today > r.ApprovalDeadline;
            var atRisk = !done && !late && workingDays.AddWorkingDays(today, AtRiskWorkingDays) >= r.ApprovalDeadline;
            return new AidRoundRow(r.Id, r.SchoolCode, r.SchoolName, r.SchoolYear, r.Semester, r.Term.ToString(), r.Item, AidTerm.ItemText(r.Item),
                r.State, r.State.ToChinese(), r.ApprovalDeadline, late, atRisk,
                C(AidEntryState.Proposed), C(AidEntryState.Approved), C(AidEntryState.Rejected), C(AidEntryState.Withdrawn),
                open.GetValueOrDefault(r.Id),
                counts.Where(c => c.RoundId == r.Id && c.State == AidEntryState.Approved).Sum(c => c.Sum), r.DeclaredEligibleCount,
                r.PublishedFrom, r.PublishedTo,
                late && reopened.TryGetValue((r.ProvinceCode, r.SchoolYear, r.Semester), out var until) ? until : null);
        }).ToList();
    }

    /// <summary>A line without its list's deadline (the answer to a change of an undecided line: it cannot be approved late).</summary>
    public static AidEntryRow ToRow(AidEntry e) => ToRow(e, null);

    public static AidEntryRow ToRow(AidEntry e, DateOnly? approvalDeadline) => new(e.Id, e.RoundId, e.StudentId, e.StudentName, e.ClassName, e.IdNumberMasked, e.Grade,
        e.YearAmountFen, e.AmountFen, e.Basis, e.State, e.State.ToChinese(), e.CollectedBy, e.CollectedAtUtc,
        e.ObjectionText, e.ObjectionRaisedOn, e.ObjectionDueDate, e.ObjectionAnswer, e.ObjectionAnsweredBy,
        e.ReviewedBy, e.ReviewedAtUtc, e.ReviewNote, e.WithdrawnReason, e.Version,
        approvalDeadline, approvalDeadline is { } d && ApprovedLate(e.State, e.ReviewedAtUtc, d));

    /// <summary>
    /// An approved line whose review fell after its list's approval deadline, by the calendar day in China
    /// (人社厅函〔2024〕53号 二（二）: 5月31日、11月30日前完成审批; later only through a province's reopening).
    /// </summary>
    public static bool ApprovedLate(AidEntryState state, DateTime? reviewedAtUtc, DateOnly deadline) =>
        state == AidEntryState.Approved && reviewedAtUtc is { } at && DateOnly.FromDateTime(ChinaTime.ToChina(at).DateTime) > deadline;

    public static (int Page, int Size) Paging(int? page, int? size)
    {
        var s = size is { } x && x is >= 1 and <= 500 ? x : 50;
        var p = page is { } y && y >= 1 ? y : 1;
        return (p, s);
    }
}
