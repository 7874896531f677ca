using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>
/// The yearly report of a scope and year generated now from every module's figures (RPT-1): a province sees its own, the
/// ministry the whole country or one province (?province=44). With the province's submission and the deadline.
/// </summary>
public sealed class GetYearlyReport(TsaDbContext db, YearlyReportBuilder builder, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/yearly/{year:int}", (int year, string? province, GetYearlyReport f, CancellationToken ct) => f.HandleAsync(year, province, ct))
            .RequireAccess(ReportAccess.View)
            .WithSummary("生成年度报告（省级为本省；部级为全国，或用 province 指定某省），含本省报送状态")
            .Produces<YearlyReportView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<YearlyReportView> HandleAsync(int year, string? province, CancellationToken ct)
    {
        builder.CheckYear(year);
        var scope = await builder.ScopeAsync(province, ct);
        var report = await builder.BuildAsync(scope, year, ct);
        var dueOn = (await db.Set<YearlyReportDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == year, ct))?.DueOn;
        SubmissionView? submission = null;
        if (scope.ProvinceCode is { } code)
        {
            var s = await db.Set<YearlyReportSubmission>().AsNoTracking().FirstOrDefaultAsync(x => x.ScopePath == scope.ScopePath && x.Year == year, ct);
            submission = SubmissionText.View(s, code, scope.Name, year, dueOn, clock.Today());
        }

        var actions = scope.ProvinceCode is not null && year < clock.Today().Year && submission?.State != "submitted"
            ? db.Actor.ActionsOn(scope.ScopePath, ReportAccess.Submit)
            : [];
        if (submission?.State == "submitted")
        {
            actions = db.Actor.ActionsOn(scope.ScopePath, ReportAccess.Review);
        }

        return new YearlyReportView(scope.ScopePath, scope.Name, scope.ProvinceCode, year, report.Title, report.GeneratedAtUtc, report.DataAsOf, report.Tables,
            submission, dueOn, actions);
    }
}
