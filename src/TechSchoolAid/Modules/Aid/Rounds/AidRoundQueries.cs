using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds;

public sealed class AidRoundFilter
{
    public string? SchoolCode { get; set; }

    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public AidItem? Item { get; set; }

    public AidRoundState? State { get; set; }

    /// <summary>Only lists waiting for the caller's review.</summary>
    public bool? WaitingForMe { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed class AidEntryFilter
{
    public AidEntryState? State { get; set; }

    public string? ClassName { get; set; }

    /// <summary>Part of the student's name.</summary>
    public string? Name { get; set; }

    public bool? OpenObjection { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>A list as the lists and the to-do panel show it: counts and sums per state, the deadline and whether it is late.</summary>
public sealed record AidRoundRow(
    Guid Id, string SchoolCode, string SchoolName, int SchoolYear, Semester Semester, string Term, AidItem Item, string ItemText,
    AidRoundState State, string StateText, DateOnly ApprovalDeadline, bool IsLate, bool IsAtRisk,
    int Proposed, int Approved, int Rejected, int Withdrawn, int OpenObjections, long ApprovedAmountFen, int DeclaredEligibleCount,
    DateOnly? PublishedFrom, DateOnly? PublishedTo);

/// <summary>A list in full with who did each step and when (AID-6), and what the caller may do with it now.</summary>
public sealed record AidRoundDetail(
    AidRoundRow Row,
    string CreatedBy, DateTime CreatedAtUtc,
    string? PublishedBy, DateTime? PublishedAtUtc,
    string? SubmittedBy, DateTime? SubmittedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReturnNote,
    IReadOnlyList<long> Tiers, int PublicationWorkingDays, long ProposedAmountFen,
    bool CanEdit, bool CanPublish, bool CanSubmit, bool CanReview, DateOnly? ReopenedUntil);

/// <summary>One line with who collected and reviewed it and when (AID-6).</summary>
public sealed record AidEntryRow(
    Guid Id, Guid RoundId, Guid StudentId, string StudentName, string ClassName, string IdNumberMasked, int Grade,
    long YearAmountFen, long AmountFen, string Basis, AidEntryState State, string StateText,
    string CollectedBy, DateTime CollectedAtUtc,
    string? ObjectionText, DateOnly? ObjectionRaisedOn, DateOnly? ObjectionDueDate, string? ObjectionAnswer, string? ObjectionAnsweredBy,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote, string? WithdrawnReason);

/// <summary>The public list during publication: name, class, aid item and tier only.</summary>
public sealed record AidPublicEntry(string Name, string ClassName, string Item, string Tier, DateOnly PublishedFrom, DateOnly PublishedTo);

/// <summary>A student's aid lines over the terms, with who collected, submitted and reviewed each (AID-6).</summary>
public sealed record StudentAidRecord(
    Guid EntryId, Guid RoundId, string Term, AidItem Item, string ItemText, long AmountFen, AidEntryState State, string StateText,
    string SchoolName, string CollectedBy, DateTime CollectedAtUtc, string? SubmittedBy, DateTime? SubmittedAtUtc,
    string? ReviewedBy, DateTime? ReviewedAtUtc, string? ReviewNote);

public sealed class AidRoundQueries(TsaDbContext db, WorkingDays workingDays, TimeProvider clock, Eligibility.AidEligibilityRules rules, SchoolDirectory schools)
{
    /// <summary>Working days before the deadline from which an unfinished list is "at risk".</summary>
    public const int AtRiskWorkingDays = 10;

    public async Task<PagedResult<AidRoundRow>> ListAsync(AidRoundFilter f, CancellationToken ct)
    {
        var q = db.Set<AidRound>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(r => r.SchoolCode == f.SchoolCode);
        }

        if (f.SchoolYear is { } y)
        {
            q = q.Where(r => r.SchoolYear == y);
        }

        if (f.Semester is { } s)
        {
            q = q.Where(r => r.Semester == s);
        }

        if (f.Item is { } i)
        {
            q = q.Where(r => r.Item == i);
        }

        if (f.State is { } st)
        {
            q = q.Where(r => r.State == st);
        }

        if (f.WaitingForMe == true)
        {
            var path = db.Actor.ScopePath;
            q = q.Where(r => r.State == AidRoundState.Submitted && r.SupervisorPath == path);
        }

        var (page, size) = Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var rounds = await q.OrderBy(r => r.State == AidRoundState.Reviewed).ThenBy(r => r.ApprovalDeadline).ThenBy(r => r.SchoolCode).ThenBy(r => r.Item)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AidRoundRow>(await RowsAsync(rounds, ct), total, page, size);
    }

    public async Task<AidRoundDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<AidRound>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("资助名单");
        var row = (await RowsAsync([r], ct))[0];
        var policy = await rules.PolicyForSchoolAsync(r.SchoolId, r.Term, ct);
        var proposedSum = await db.Set<AidEntry>().Where(e => e.RoundId == id && e.State == AidEntryState.Proposed).SumAsync(e => (long?)e.AmountFen, ct) ?? 0;
        var actor = db.Actor;
        var staff = actor.Can(Permission.ManageAidRounds) && actor.Level == OrgLevel.School && actor.ScopePath == r.ScopePath;
        var reviewer = actor.Can(Permission.ReviewAidRounds) && ScopePaths.ParentOf(r.ScopePath) == actor.ScopePath;
        var reopened = await AidDeadlineReopening.ReopenedUntilAsync(db, r, ct);
        return new AidRoundDetail(row, r.CreatedBy, r.CreatedAtUtc, r.PublishedBy, r.PublishedAtUtc, r.SubmittedBy, r.SubmittedAtUtc,
            r.ReviewedBy, r.ReviewedAtUtc, r.ReturnNote,
            policy?.Tiers.Select(t => t.AmountFen).OrderByDescending(a => a).ToList() ?? [], policy?.PublicationWorkingDays ?? 0, proposedSum,
            staff && r.IsEditable, staff && r.IsEditable && row.Proposed > 0, staff && r.State == AidRoundState.Published && clock.Today() > r.PublishedTo,
            reviewer && r.State == AidRoundState.Submitted, reopened);
    }

    public async Task<PagedResult<AidEntryRow>> EntriesAsync(Guid roundId, AidEntryFilter f, CancellationToken ct)
    {
        if (!await db.Set<AidRound>().AnyAsync(r => r.Id == roundId, ct))
        {
            throw AppException.NotFound("资助名单");
        }

        var q = db.Set<AidEntry>().AsNoTracking().Where(e => e.RoundId == roundId);
        if (f.State is { } s)
        {
            q = q.Where(e => e.State == s);
        }

        if (!string.IsNullOrWhiteSpace(f.ClassName))
        {
            q = q.Where(e => e.ClassName == f.ClassName);
        }

        if (!string.IsNullOrWhiteSpace(f.Name))
        {
            var name = f.Name.Trim();
            q = q.Where(e => e.StudentName.Contains(name));
        }

        if (f.OpenObjection == true)
        {
            q = q.Where(e => e.ObjectionText != null && e.ObjectionAnswer == null);
        }

        var (page, size) = Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.ClassName).ThenBy(e => e.StudentName).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AidEntryRow>(rows.Select(ToRow).ToList(), total, page, size);
    }

    /// <summary>Every undecided line's id of a list (for "select all" on screen).</summary>
    public async Task<IReadOnlyList<Guid>> ProposedIdsAsync(Guid roundId, CancellationToken ct)
    {
        if (!await db.Set<AidRound>().AnyAsync(r => r.Id == roundId, ct))
        {
            throw AppException.NotFound("资助名单");
        }

        return await db.Set<AidEntry>().AsNoTracking().Where(e => e.RoundId == roundId && e.State == AidEntryState.Proposed).Select(e => e.Id).ToListAsync(ct);
    }

    /// <summary>The lists of a school under publication today: name, class, item and tier only; nothing once the period ends.</summary>
    public async Task<IReadOnlyList<AidPublicEntry>> PublicationAsync(string schoolCode, CancellationToken ct)
    {
        await schools.ForReadAsync(schoolCode, ct); // a school outside the scope is not found, as for the hardship publication
        var today = clock.Today();
        var rows = await (from r in db.Set<AidRound>().AsNoTracking()
                          where r.SchoolCode == schoolCode && r.State == AidRoundState.Published && r.PublishedFrom <= today && r.PublishedTo >= today
                          join e in db.Set<AidEntry>().AsNoTracking() on r.Id equals e.RoundId
                          where e.State == AidEntryState.Proposed
                          select new { e.StudentName, e.ClassName, r.Item, e.YearAmountFen, r.PublishedFrom, r.PublishedTo }).ToListAsync(ct);
        return rows.OrderBy(r => r.Item).ThenBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.StudentName, StringComparer.Ordinal)
            .Select(r => new AidPublicEntry(r.StudentName, r.ClassName, AidTerm.ItemText(r.Item),
                r.Item == AidItem.Grant ? $"{AidMoney.Yuan(r.YearAmountFen)} 元/年" : "免学费", r.PublishedFrom!.Value, r.PublishedTo!.Value))
            .ToList();
    }

    public async Task<IReadOnlyList<StudentAidRecord>> StudentAsync(Guid studentId, CancellationToken ct)
    {
        if (!await db.StudentAidFactsInScope().AnyAsync(s => s.Id == studentId, ct))
        {
            throw AppException.NotFound("学生");
        }

        var rows = await (from e in db.Set<AidEntry>().AsNoTracking()
                          where e.StudentId == studentId
                          join r in db.Set<AidRound>().AsNoTracking() on e.RoundId equals r.Id
                          orderby r.SchoolYear descending, r.Semester descending, r.Item
                          select new { e, r.SchoolName, r.SubmittedBy, r.SubmittedAtUtc }).ToListAsync(ct);
        return rows.Select(x => new StudentAidRecord(x.e.Id, x.e.RoundId, new AidTerm(x.e.SchoolYear, x.e.Semester).ToString(), x.e.Item,
            AidTerm.ItemText(x.e.Item), x.e.AmountFen, x.e.State, x.e.State.ToChinese(), x.SchoolName, x.e.CollectedBy, x.e.CollectedAtUtc,
            x.SubmittedBy, x.SubmittedAtUtc, x.e.ReviewedBy, x.e.ReviewedAtUtc, x.e.ReviewNote)).ToList();
    }

    private async Task<IReadOnlyList<AidRoundRow>> RowsAsync(List<AidRound> rounds, CancellationToken ct)
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
                r.PublishedFrom, r.PublishedTo);
        }).ToList();
    }

    internal static AidEntryRow ToRow(AidEntry e) => new(e.Id, e.RoundId, e.StudentId, e.StudentName, e.ClassName, e.IdNumberMasked, e.Grade,
        e.YearAmountFen, e.AmountFen, e.Basis, e.State, e.State.ToChinese(), e.CollectedBy, e.CollectedAtUtc,
        e.ObjectionText, e.ObjectionRaisedOn, e.ObjectionDueDate, e.ObjectionAnswer, e.ObjectionAnsweredBy,
        e.ReviewedBy, e.ReviewedAtUtc, e.ReviewNote, e.WithdrawnReason);

    private static (int Page, int Size) Paging(int? page, int? size)
    {
        var s = size is { } x && x is >= 1 and <= 500 ? x : 50;
        var p = page is { } y && y >= 1 ? y : 1;
        return (p, s);
    }
}
