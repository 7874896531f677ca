using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>The report exactly as the province submitted it (the frozen tables, their hash checked), as Excel or PDF.</summary>
public sealed class DownloadSubmittedReport(TsaDbContext db, ReportFonts fonts, TimeProvider clock)
{
    public bool FontAvailable => fonts.Available;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/yearly/{year:int}/submissions/{provinceCode}/excel", async (int year, string provinceCode, DownloadSubmittedReport f, CancellationToken ct) =>
        {
            var (report, stamp) = await f.FrozenAsync(year, provinceCode, "xlsx", ct);
            return TypedResults.File(YearlyReportDocuments.Excel(report, stamp), FileResponses.Xlsx, $"{report.Title}（已报送）.xlsx");
        }).RequireAccess(ReportAccess.View)
            .WithSummary("下载某省已报送的年度报告 Excel（报送时冻结的统计表）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        g.MapGet("/yearly/{year:int}/submissions/{provinceCode}/pdf", async (int year, string provinceCode, DownloadSubmittedReport f, CancellationToken ct) =>
        {
            if (!f.FontAvailable)
            {
                return ExportYearlyReport.NoFont();
            }

            var (report, stamp) = await f.FrozenAsync(year, provinceCode, "pdf", ct);
            return TypedResults.File(YearlyReportDocuments.Pdf(report, stamp), ExportYearlyReport.Pdf, $"{report.Title}（已报送）.pdf");
        }).RequireAccess(ReportAccess.View)
            .WithSummary("下载某省已报送的年度报告 PDF（报送时冻结的统计表）").ProducesFile(ExportYearlyReport.Pdf)
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
    }

    public async Task<(YearlyReport Report, SubmissionStamp Stamp)> FrozenAsync(int year, string provinceCode, string format, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.View);
        var s = await db.Set<YearlyReportSubmission>().AsNoTracking().FirstOrDefaultAsync(x => x.ProvinceCode == provinceCode && x.Year == year && x.TablesJson != "", ct)
            ?? throw AppException.NotFound($"{provinceCode} 省 {year} 年度已报送的报告");
        db.Actor.Demand(ReportAccess.View, s.ScopePath);
        var report = YearlyReportBuilder.Thaw(s.TablesJson, s.Sha256);
        db.Record(ReportAuditActions.ReportExported, s.Id.ToString(), s.ScopePath, null, new { year, format, submitted = true, sha256 = s.Sha256 }, clock);
        await db.SaveChangesAsync(ct);
        return (report, new SubmissionStamp(s.SubmittedBy, s.SubmittedAtUtc, s.Sha256));
    }
}
