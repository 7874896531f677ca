using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-2: the changes in the caller's scope (the DbContext filters them), with their deadline status, paged.</summary>
public sealed class ListStatusChanges(TsaDbContext db, StatusChangeDeadlines deadlines, TimeProvider clock)
{
    /// <summary>Not completed in the system yet: the due date still runs (人社厅函〔2024〕53号: 「完成异动处理」).</summary>
    private static readonly StatusChangeState[] Open = [StatusChangeState.Draft, StatusChangeState.Submitted, StatusChangeState.Accepted, StatusChangeState.Returned];

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/", ([AsParameters] StatusChangeFilter filter, ListStatusChanges q, CancellationToken ct) => q.HandleAsync(filter, ct))
            .WithSummary("管理范围内的学籍异动（overdue=逾期未办结、dueSoon=即将到期、processedLate=逾期办结、lateStage=逾期环节；分页）").RequirePermission(Permission.ViewStudents);

    public async Task<PagedResult<StatusChangeDto>> HandleAsync(StatusChangeFilter f, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 200);
        var today = clock.Today();
        var soon = deadlines.DueSoonUntil(today);
        var q = db.Set<StatusChange>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(c => c.SchoolCode == f.SchoolCode);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(c => c.Kind == kind);
        }

        if (f.State is { } state)
        {
            q = q.Where(c => c.State == state);
        }

        if (f.StudentId is { } sid)
        {
            q = q.Where(c => c.StudentId == sid || c.NewStudentId == sid);
        }

        // The due date runs to the change's completion (its last approval), so a transfer's In row shares its lateness:
        // the receiving school and its authority are stages of the same change.
        if (f.Overdue == true)
        {
            q = q.Where(c => Open.Contains(c.State) && c.DueDate < today);
        }

        if (f.DueSoon == true)
        {
            q = q.Where(c => Open.Contains(c.State) && c.DueDate >= today && c.DueDate <= soon);
        }

        if (f.ProcessedLate == true)
        {
            q = q.Where(c => c.CompletedOn != null && c.CompletedOn > c.DueDate);
        }

        if (f.LateStage is { } stage)
        {
            // The stage is read from the timestamps (StatusChange.LateStageOn); narrow to the late ones in SQL first.
            var late = await q.Where(c => (c.CompletedOn != null && c.CompletedOn > c.DueDate) || (Open.Contains(c.State) && c.DueDate < today))
                .ToListAsync(ct);
            var ids = late.Where(c => c.LateStageOn(today) == stage).Select(c => c.Id).ToList();
            q = q.Where(c => ids.Contains(c.Id));
        }

        var total = await q.CountAsync(ct);
        var ordered = f.Overdue == true || f.DueSoon == true
            ? q.OrderBy(c => c.DueDate).ThenBy(c => c.Id)
            : q.OrderByDescending(c => c.EnteredAtUtc).ThenBy(c => c.Id);
        var rows = await ordered.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<StatusChangeDto>(rows.Select(c => StatusChangeView.ToDto(c, today, soon)).ToList(), total, page, size);
    }
}
