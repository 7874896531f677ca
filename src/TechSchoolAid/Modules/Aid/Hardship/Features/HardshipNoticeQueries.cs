using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The advance notices in the caller's scope (the school's own; a supervisor's schools), newest school year first.</summary>
public sealed class HardshipNoticeQueries(TsaDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<HardshipNoticeView>> ListAsync(int? schoolYear, string? schoolCode, CancellationToken ct)
    {
        var q = db.Set<HardshipNotice>().AsNoTracking();
        if (schoolYear is { } year)
        {
            q = q.Where(n => n.SchoolYear == year);
        }

        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            var code = schoolCode.Trim();
            q = q.Where(n => n.SchoolCode == code);
        }

        var today = clock.Today();
        var rows = await q.OrderByDescending(n => n.SchoolYear).ThenBy(n => n.SchoolCode).Take(HardshipQueries.MaxRows).ToListAsync(ct);
        return rows.Select(n => ToView(n, today)).ToList();
    }

    public static HardshipNoticeView ToView(HardshipNotice n, DateOnly today) => new(
        n.Id, n.SchoolCode, n.SchoolYear, HardshipTexts.SchoolYearText(n.SchoolYear), n.Content, n.WhoMayApply, n.Documents, n.ApplyFrom, n.ApplyTo,
        n.PublishedOn, n.PublishedBy, n.PublishedAtUtc, today >= n.ApplyFrom);

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/notices", (int? schoolYear, string? schoolCode, HardshipNoticeQueries q, CancellationToken ct) => q.ListAsync(schoolYear, schoolCode, ct))
            .WithSummary("管理范围内的家庭经济困难学生认定工作告知（按学年、学校筛选）").Produces<IReadOnlyList<HardshipNoticeView>>()
            .RequirePermission(Permission.ViewStudents);
}
