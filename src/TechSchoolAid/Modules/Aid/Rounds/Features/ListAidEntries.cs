using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>A list's lines, paged and filtered, and the ids of its undecided lines (for "select all").</summary>
public sealed class ListAidEntries(TsaDbContext db)
{
    public static void Map(IEndpointRouteBuilder rounds)
    {
        rounds.MapGet("/{id:guid}/entries", (Guid id, [AsParameters] AidEntryFilter f, ListAidEntries list, CancellationToken ct) => list.HandleAsync(id, f, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("名单中的学生（分页；按状态、班级、姓名、未答复异议筛选）").ProducesProblem(404);
        rounds.MapGet("/{id:guid}/proposed-ids", (Guid id, ListAidEntries list, CancellationToken ct) => list.ProposedIdsAsync(id, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("名单中全部待审核记录的编号（整单勾选用）");
    }

    public async Task<PagedResult<AidEntryRow>> HandleAsync(Guid roundId, AidEntryFilter f, CancellationToken ct)
    {
        var deadline = await DeadlineAsync(roundId, ct);
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

        var (page, size) = AidRoundRows.Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.ClassName).ThenBy(e => e.StudentName).ThenBy(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AidEntryRow>(rows.Select(e => AidRoundRows.ToRow(e, deadline)).ToList(), total, page, size);
    }

    /// <summary>Every undecided line's id of a list (for "select all" on screen).</summary>
    public async Task<IReadOnlyList<Guid>> ProposedIdsAsync(Guid roundId, CancellationToken ct)
    {
        await EnsureFoundAsync(roundId, ct);
        return await db.Set<AidEntry>().AsNoTracking().Where(e => e.RoundId == roundId && e.State == AidEntryState.Proposed).Select(e => e.Id).ToListAsync(ct);
    }

    private async Task EnsureFoundAsync(Guid roundId, CancellationToken ct) => await DeadlineAsync(roundId, ct);

    private async Task<DateOnly> DeadlineAsync(Guid roundId, CancellationToken ct) =>
        await db.Set<AidRound>().Where(r => r.Id == roundId).Select(r => (DateOnly?)r.ApprovalDeadline).FirstOrDefaultAsync(ct)
            ?? throw AppException.NotFound("资助名单");
}
