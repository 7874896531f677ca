using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>Which provinces have submitted a year's report, when, and which are late against the deadline (the ministry sees all, a province its own).</summary>
public sealed class ListReportSubmissions(TsaDbContext db, YearlyReportBuilder builder, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/yearly/{year:int}/submissions", (int year, ListReportSubmissions f, CancellationToken ct) => f.HandleAsync(year, ct))
            .RequireAccess(ReportAccess.View)
            .WithSummary("各省年度报告报送情况（是否报送、报送时间、是否逾期）及报送期限")
            .Produces<SubmissionsView>().ProducesProblem(400).ProducesProblem(403);

    public async Task<SubmissionsView> HandleAsync(int year, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.View);
        builder.CheckYear(year);
        var today = clock.Today();
        var deadline = await db.Set<YearlyReportDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == year, ct);
        var provinces = await db.Organizations().Where(o => o.Level == OrgLevel.Province).OrderBy(o => o.Code).Select(o => new { o.Code, o.Name, o.ScopePath }).ToListAsync(ct);
        var submissions = await db.Set<YearlyReportSubmission>().AsNoTracking().Where(s => s.Year == year)
            .Select(s => new { s.ScopePath, s.State, s.TablesJson.Length, s.SubmittedBy, s.SubmittedAtUtc, s.SubmittedOn, s.Sha256, s.ReturnReason, s.Version })
            .ToDictionaryAsync(s => s.ScopePath, ct);
        var rows = provinces.Select(p =>
        {
            var s = submissions.GetValueOrDefault(p.ScopePath);
            var due = deadline?.DueOn;
            if (s is null || s.Length == 0)
            {
                return new SubmissionView(p.Code, p.Name, year, "not-submitted", due is { } d && today > d ? "逾期未报送" : "未报送", null, null, null, null,
                    due is { } d2 && today > d2, null, s?.Version ?? 0);
            }

            var submitted = s.State == SubmissionState.Submitted;
            var late = due is { } dd && (submitted ? s.SubmittedOn > dd : today > dd);
            return new SubmissionView(p.Code, p.Name, year, submitted ? "submitted" : "returned",
                submitted ? (late ? "已报送（逾期）" : "已报送") : "已退回，待重新报送", s.SubmittedBy, s.SubmittedAtUtc, s.SubmittedOn, s.Sha256, late, s.ReturnReason, s.Version);
        }).ToList();
        return new SubmissionsView(year, deadline?.DueOn, deadline?.Source, rows.Count(r => r.State == "submitted"), rows.Count(r => r.Late), rows, deadline?.Version);
    }
}
