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

/// <summary>
/// STA-2, per school in scope: of the changes that are due (completed, or open past their due date), how many were
/// completed on time. 「10个工作日内在信息系统中完成异动处理」 (人社厅函〔2024〕53号): a change counts as on time when its
/// last required approval (the completion in the system) falls on or before the due date, not its submission. Undone
/// changes still count: they were completed. A transfer counts once, on the sending school's row.
/// </summary>
public sealed class StatusChangeOnTimeRates(TsaDbContext db, StatusChangeDeadlines deadlines, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/on-time-rates", (string? schoolCode, StatusChangeOnTimeRates q, CancellationToken ct) => q.HandleAsync(schoolCode, ct))
            .WithSummary("各校学籍异动按时办理率").RequirePermission(Permission.ViewStudents);

    public async Task<IReadOnlyList<OnTimeRate>> HandleAsync(string? schoolCode, CancellationToken ct)
    {
        var today = clock.Today();
        var soon = deadlines.DueSoonUntil(today);
        StatusChangeState[] open = [StatusChangeState.Draft, StatusChangeState.Submitted, StatusChangeState.Accepted, StatusChangeState.Returned];
        var q = db.Set<StatusChange>().AsNoTracking().Where(c => c.Side != TransferSide.In);
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            q = q.Where(c => c.SchoolCode == schoolCode);
        }

        var rows = await q.GroupBy(c => new { c.SchoolCode, c.SchoolName })
            .Select(g => new
            {
                g.Key.SchoolCode,
                g.Key.SchoolName,
                OnTime = g.Sum(c => c.CompletedOn != null && c.CompletedOn <= c.DueDate ? 1 : 0),
                Late = g.Sum(c => c.CompletedOn != null && c.CompletedOn > c.DueDate ? 1 : 0),
                Overdue = g.Sum(c => c.CompletedOn == null && open.Contains(c.State) && c.DueDate < today ? 1 : 0),
                DueSoon = g.Sum(c => c.CompletedOn == null && open.Contains(c.State) && c.DueDate >= today && c.DueDate <= soon ? 1 : 0),
            })
            .ToListAsync(ct);
        return rows
            .Select(r =>
            {
                var total = r.OnTime + r.Late + r.Overdue;
                return new OnTimeRate(r.SchoolCode, r.SchoolName, total, r.OnTime, r.Late, r.Overdue, r.DueSoon, total == 0 ? null : Math.Round((double)r.OnTime / total, 4));
            })
            .OrderBy(r => r.Rate ?? 2).ThenBy(r => r.SchoolCode, StringComparer.Ordinal)
            .ToList();
    }
}
