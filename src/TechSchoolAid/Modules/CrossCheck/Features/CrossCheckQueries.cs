using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>The result lists (教育部助学金/免学费比对结果查询), a case's detail and steps, and the monthly history, each over the caller's scope.</summary>
public sealed class CrossCheckQueries(TsaDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    /// <summary>GET /crosscheck/cases, /crosscheck/cases/{id}, /crosscheck/history.</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/cases", ([AsParameters] CrossCheckCaseFilter f, CrossCheckQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("教育部助学金/免学费比对结果查询（管理范围内；按月份、项目、状态、学校、逾期、待主管部门确认筛选）").RequirePermission(Permission.ViewStudents).ProducesProblem(400);
        g.MapGet("/cases/{id:guid}", (Guid id, CrossCheckQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("一条比对结果（响应头 ETag 为其版本）").RequirePermission(Permission.ViewStudents).ProducesProblem(404).Versioned<CrossCheckCase>();
        g.MapGet("/history", (AidItem? item, CrossCheckQueries q, CancellationToken ct) => q.HistoryAsync(item, ct))
            .WithSummary("逐月比对情况：发现、按期清理、逾期、未清理（管理范围内）").RequirePermission(Permission.ViewStudents);
    }

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
        var run = await db.Unscoped<CrossCheckRun>("a case in scope names its run, a national row").AsNoTracking().Where(r => r.Id == c.RunId)
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
            // A "keep" the supervisor has not confirmed is not cleared yet (issue 11 item 11).
            OnTime = g.Count(c => c.State != CrossCheckCaseState.Open && !(c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null) && c.ClearedOn <= c.DueDate),
            LateCleared = g.Count(c => c.State != CrossCheckCaseState.Open && !(c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null) && c.ClearedOn > c.DueDate),
            LateOpen = g.Count(c => (c.State == CrossCheckCaseState.Open || (c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null)) && c.DueDate < today),
            Open = g.Count(c => c.State == CrossCheckCaseState.Open || (c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null)),
            Withdrawn = g.Count(c => c.State == CrossCheckCaseState.Withdrawn),
        }).ToListAsync(ct);
        return groups.OrderBy(g => g.Month)
            .Select(g => new CrossCheckMonthFigures(CheckMonth.FromKey(g.Month).ToString(), g.Found, g.OnTime, g.LateCleared + g.LateOpen, g.Open, g.Withdrawn)).ToList();
    }

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
            q = q.Where(CrossCheckCase.Overdue(today));
        }

        if (f.AwaitingSupervisor == true)
        {
            q = q.Where(c => c.State == CrossCheckCaseState.Kept && c.KeepConfirmedAtUtc == null);
        }

        return q;
    }

    private CrossCheckCaseRow Row(CrossCheckCase c)
    {
        var today = clock.Today();
        var overdue = c.IsOverdue(today);
        IReadOnlyList<string> actions = c.State == CrossCheckCaseState.Open ? db.Actor.ActionsOn(c.ScopePath, CrossCheckAccess.Clear)
            : c.AwaitingSupervisor ? db.Actor.ActionsOn(c.ScopePath, CrossCheckAccess.ReviewKeep) : [];
        return new CrossCheckCaseRow(c.Id, c.Kind, c.Kind.ToChinese(), CheckMonth.FromKey(c.Month).ToString(), c.Item, AidTerm.ItemText(c.Item),
            new AidTerm(c.SchoolYear, c.Semester).ToString(), c.SchoolCode, c.SchoolName, c.StudentName, c.IdNumberMasked, c.OtherSide, c.FoundOn, c.DueDate,
            c.State, c.State.ToChinese(), overdue, overdue || (c.ClearedOn is { } on && on > c.DueDate), c.ClearanceNote, c.ClearedBy, c.ClearedAtUtc,
            c.EvidenceId is not null, actions.Contains(CrossCheckAccess.Clear.Name), actions, c.AwaitingSupervisor, c.KeepConfirmedBy, c.KeepConfirmedAtUtc,
            c.ReopenReason, actions.Contains(CrossCheckAccess.ReviewKeep.Name));
    }
}
