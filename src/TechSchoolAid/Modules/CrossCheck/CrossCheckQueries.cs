using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck;

public sealed class CrossCheckCaseFilter
{
    /// <summary>YYYY-MM.</summary>
    public string? Month { get; set; }

    public AidItem? Item { get; set; }

    public CrossCheckCaseState? State { get; set; }

    public CrossCheckKind? Kind { get; set; }

    public string? SchoolCode { get; set; }

    /// <summary>Only open cases past their due date.</summary>
    public bool? Overdue { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

public sealed record CrossCheckCaseRow(
    Guid Id, CrossCheckKind Kind, string KindText, string Month, AidItem Item, string ItemText, string Term, string SchoolCode, string SchoolName,
    string StudentName, string IdNumberMasked, string OtherSide, DateOnly FoundOn, DateOnly DueDate, CrossCheckCaseState State, string StateText,
    bool IsOverdue, bool IsLate, string? ClearanceNote, string? ClearedBy, DateTime? ClearedAtUtc, bool HasEvidence, bool CanClear);

/// <summary>One month of the trend: cases found, cleared on time, late (cleared late or still open past the due date), open.</summary>
public sealed record CrossCheckMonthFigures(string Month, int Found, int ClearedOnTime, int Late, int Open, int Withdrawn);

public sealed record CrossCheckRunRow(Guid Id, CrossCheckKind Kind, string KindText, string Month, string? FileName, string? Encoding, long TotalRows,
    long ValidRows, long MalformedRows, int Matches, int NewCases, string RunBy, DateTime RunAtUtc);

/// <summary>Who did each step of a case: the run that found it (national, read for a case in scope) and the clearance's evidence.</summary>
public sealed record CrossCheckCaseSteps(
    string FoundBy, DateTime FoundAtUtc, string? RunFileName, string? EvidenceFileName, int? EvidenceSize, string? EvidenceSha256, string? EvidenceUploadedBy,
    DateTime? EvidenceUploadedAtUtc);

public sealed record CrossCheckRunDetail(CrossCheckRunRow Run, IReadOnlyList<RejectedRowDto> Rejected);

/// <summary>The result lists (教育部助学金/免学费比对结果查询), the monthly history and the runs, each over the caller's scope.</summary>
public sealed class CrossCheckQueries(TsaDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<PagedResult<CrossCheckCaseRow>> ListAsync(CrossCheckCaseFilter f, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(f.Page, f.PageSize, MaxPageSize);
        var q = Filtered(f);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(c => c.State == CrossCheckCaseState.Open ? 0 : 1).ThenBy(c => c.DueDate).ThenBy(c => c.SchoolCode).ThenBy(c => c.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<CrossCheckCaseRow>(rows.Select(Row).ToList(), total, page, size);
    }

    /// <summary>All rows of a filter, for the Excel export (masked numbers only).</summary>
    public async IAsyncEnumerable<CrossCheckCaseRow> AllAsync(CrossCheckCaseFilter f, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var c in Filtered(f).OrderBy(c => c.Month).ThenBy(c => c.SchoolCode).ThenBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Row(c);
        }
    }

    public async Task<CrossCheckCaseRow> DetailAsync(Guid id, CancellationToken ct) =>
        Row(await db.Set<CrossCheckCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("比对结果"));

    /// <summary>
    /// The steps of a case in the caller's scope: the run that found it (runs are national rows, so it is read past the
    /// scope filter once the case itself was found in scope) and the evidence of its clearance, if cleared.
    /// </summary>
    public async Task<CrossCheckCaseSteps> StepsAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<CrossCheckCase>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.RunId, x.EvidenceId }).FirstOrDefaultAsync(ct)
            ?? throw AppException.NotFound("比对结果");
        var run = await db.Set<CrossCheckRun>().IgnoreQueryFilters().AsNoTracking().Where(r => r.Id == c.RunId)
            .Select(r => new { r.RunBy, r.RunAtUtc, r.FileName }).FirstAsync(ct);
        var evidence = c.EvidenceId is { } eid
            ? await db.Set<CrossCheckEvidence>().AsNoTracking().Where(e => e.Id == eid)
                .Select(e => new { e.FileName, e.Size, e.Sha256, e.UploadedBy, e.UploadedAtUtc }).FirstOrDefaultAsync(ct)
            : null;
        return new CrossCheckCaseSteps(run.RunBy, run.RunAtUtc, run.FileName, evidence?.FileName, evidence?.Size, evidence?.Sha256, evidence?.UploadedBy,
            evidence?.UploadedAtUtc);
    }

    public async Task<IReadOnlyList<CrossCheckMonthFigures>> HistoryAsync(AidItem? item, CancellationToken ct)
    {
        var today = clock.Today();
        var q = db.Set<CrossCheckCase>().AsNoTracking();
        if (item is { } i)
        {
            q = q.Where(c => c.Item == i);
        }

        var groups = await q.GroupBy(c => c.Month).Select(g => new
        {
            Month = g.Key,
            Found = g.Count(),
            OnTime = g.Count(c => c.State != CrossCheckCaseState.Open && c.ClearedOn <= c.DueDate),
            LateCleared = g.Count(c => c.State != CrossCheckCaseState.Open && c.ClearedOn > c.DueDate),
            LateOpen = g.Count(c => c.State == CrossCheckCaseState.Open && c.DueDate < today),
            Open = g.Count(c => c.State == CrossCheckCaseState.Open),
            Withdrawn = g.Count(c => c.State == CrossCheckCaseState.Withdrawn),
        }).ToListAsync(ct);
        return groups.OrderBy(g => g.Month)
            .Select(g => new CrossCheckMonthFigures(CheckMonth.FromKey(g.Month).ToString(), g.Found, g.OnTime, g.LateCleared + g.LateOpen, g.Open, g.Withdrawn)).ToList();
    }

    public async Task<IReadOnlyList<CrossCheckRunRow>> RunsAsync(CancellationToken ct)
    {
        RequireRuns();
        var runs = await db.Set<CrossCheckRun>().AsNoTracking().OrderByDescending(r => r.RunAtUtc).Take(200).ToListAsync(ct);
        return runs.Select(RunRow).ToList();
    }

    public async Task<CrossCheckRunDetail> RunAsync(Guid id, CancellationToken ct)
    {
        RequireRuns();
        var run = await db.Set<CrossCheckRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("比对批次");
        var rejected = await db.Set<CrossCheckRejectedRow>().AsNoTracking().Where(r => r.RunId == id).OrderBy(r => r.RowNumber)
            .Select(r => new RejectedRowDto(r.RowNumber, r.Reason, r.Value)).ToListAsync(ct);
        return new CrossCheckRunDetail(RunRow(run), rejected);
    }

    private void RequireRuns()
    {
        if (db.Actor.Level != OrgLevel.Ministry)
        {
            throw AppException.Forbidden("比对批次只有部级可以查看");
        }
    }

    private static CrossCheckRunRow RunRow(CrossCheckRun r) => new(r.Id, r.Kind, r.Kind.ToChinese(), CheckMonth.FromKey(r.Month).ToString(), r.FileName, r.Encoding,
        r.TotalRows, r.ValidRows, r.MalformedRows, r.Matches, r.NewCases, r.RunBy, r.RunAtUtc);

    private IQueryable<CrossCheckCase> Filtered(CrossCheckCaseFilter f)
    {
        var q = db.Set<CrossCheckCase>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Month))
        {
            if (!CheckMonth.TryParse(f.Month, out var m))
            {
                throw AppException.Invalid("month", "月份格式应为 YYYY-MM（如 2026-10）");
            }

            q = q.Where(c => c.Month == m.Key);
        }

        if (f.Item is { } item)
        {
            q = q.Where(c => c.Item == item);
        }

        if (f.State is { } state)
        {
            q = q.Where(c => c.State == state);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(c => c.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            var code = f.SchoolCode.Trim();
            q = q.Where(c => c.SchoolCode == code);
        }

        if (f.Overdue == true)
        {
            var today = clock.Today();
            q = q.Where(c => c.State == CrossCheckCaseState.Open && c.DueDate < today);
        }

        return q;
    }

    private CrossCheckCaseRow Row(CrossCheckCase c)
    {
        var today = clock.Today();
        var overdue = c.IsOverdue(today);
        var actor = db.Actor;
        var canClear = c.State == CrossCheckCaseState.Open && actor.Level == OrgLevel.School && actor.Can(Permission.ManageAidRounds) && actor.ScopePath == c.ScopePath;
        return new CrossCheckCaseRow(c.Id, c.Kind, c.Kind.ToChinese(), CheckMonth.FromKey(c.Month).ToString(), c.Item, AidTerm.ItemText(c.Item),
            new AidTerm(c.SchoolYear, c.Semester).ToString(), c.SchoolCode, c.SchoolName, c.StudentName, c.IdNumberMasked, c.OtherSide, c.FoundOn, c.DueDate,
            c.State, c.State.ToChinese(), overdue, overdue || (c.ClearedOn is { } on && on > c.DueDate), c.ClearanceNote, c.ClearedBy, c.ClearedAtUtc,
            c.EvidenceId is not null, canClear);
    }
}
