using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// The clearance deadline rows (dated policy data, issue 11 item 11) and the due date of a case opened on a day: that
/// day plus the working days of the row in force on it.
/// </summary>
public sealed class ClearanceDeadlines(TsaDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    public async Task<IReadOnlyList<ClearanceDeadlineView>> ListAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var rows = await db.Set<ClearanceDeadline>().AsNoTracking().OrderByDescending(d => d.ValidFrom).ToListAsync(ct);
        return rows.Select(d => ToView(d, today)).ToList();
    }

    /// <summary>The row in force on <paramref name="date"/>; a 409 in Chinese when the ministry has left the day without one.</summary>
    public async Task<ClearanceDeadline> InForceAsync(DateOnly date, CancellationToken ct)
    {
        var rows = await db.Set<ClearanceDeadline>().AsNoTracking().Where(d => d.ValidFrom <= date).OrderByDescending(d => d.ValidFrom).ToListAsync(ct);
        return rows.FirstOrDefault(d => d.AppliesTo(date))
            ?? throw AppException.Conflict($"{ChinaTime.Iso(date)} 没有在用的比对结果清理期限，请部级管理员先设置（比对结果清理期限）");
    }

    /// <summary>The due date of a case opened (or reopened) on <paramref name="openedOn"/>.</summary>
    public async Task<DateOnly> DueDateAsync(DateOnly openedOn, CancellationToken ct) =>
        workingDays.AddWorkingDays(openedOn, (await InForceAsync(openedOn, ct)).WorkingDays);

    public static ClearanceDeadlineView ToView(ClearanceDeadline d, DateOnly today) =>
        new(d.Id, d.ValidFrom, d.ValidTo, d.WorkingDays, d.Source, d.AppliesTo(today));

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/clearance-deadlines", (ClearanceDeadlines q, CancellationToken ct) => q.ListAsync(ct))
            .WithSummary("比对结果清理期限（工作日数、起止日期、政策依据；比对结果按发现当日在用的期限计算）").Produces<IReadOnlyList<ClearanceDeadlineView>>()
            .RequirePermission(Permission.ViewStudents);
}
