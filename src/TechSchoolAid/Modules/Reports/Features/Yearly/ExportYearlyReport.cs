using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>The yearly report generated now, as Excel (cover + one sheet per table) or as a printable PDF (Chinese font; 503 without one).</summary>
public sealed class ExportYearlyReport(TsaDbContext db, YearlyReportBuilder builder, ReportFonts fonts, TimeProvider clock)
{
    public const string Pdf = "application/pdf";

    /// <summary>The answer when the server has no Chinese font: 503, never a PDF of empty boxes.</summary>
    public static IResult NoFont() => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "服务器未安装中文字体",
        detail: "服务器未安装中文字体，暂时无法生成 PDF；请下载 Excel 版本，或请系统管理员安装中文字体（fonts-droid-fallback）后再试");

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/yearly/{year:int}/excel", async (int year, string? province, ExportYearlyReport f, CancellationToken ct) =>
        {
            var (bytes, name) = await f.ExcelAsync(year, province, ct);
            return TypedResults.File(bytes, FileResponses.Xlsx, name);
        }).RequireAccess(ReportAccess.View)
            .WithSummary("下载年度报告 Excel（封面及每张统计表一个工作表）").ProducesFile(FileResponses.Xlsx).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

        g.MapGet("/yearly/{year:int}/pdf", async (int year, string? province, ExportYearlyReport f, CancellationToken ct) =>
        {
            if (!f.FontAvailable)
            {
                return NoFont();
            }

            var (bytes, name) = await f.PdfAsync(year, province, ct);
            return TypedResults.File(bytes, Pdf, name);
        }).RequireAccess(ReportAccess.View)
            .WithSummary("下载年度报告 PDF（可打印，中文字体；服务器未安装中文字体时返回 503）").ProducesFile(Pdf)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
    }

    public bool FontAvailable => fonts.Available;

    public async Task<(byte[] Bytes, string FileName)> ExcelAsync(int year, string? province, CancellationToken ct)
    {
        var report = await BuildAsync(year, province, "xlsx", ct);
        return (YearlyReportDocuments.Excel(report, null), $"{report.Title}.xlsx");
    }

    public async Task<(byte[] Bytes, string FileName)> PdfAsync(int year, string? province, CancellationToken ct)
    {
        var report = await BuildAsync(year, province, "pdf", ct);
        return (YearlyReportDocuments.Pdf(report, null), $"{report.Title}.pdf");
    }

    private async Task<YearlyReport> BuildAsync(int year, string? province, string format, CancellationToken ct)
    {
        builder.CheckYear(year);
        var scope = await builder.ScopeAsync(province, ct);
        var report = await builder.BuildAsync(scope, year, ct);
        db.Record(ReportAuditActions.ReportExported, $"{scope.ProvinceCode ?? "全国"}-{year}", scope.ScopePath, null, new { year, format, submitted = false }, clock);
        await db.SaveChangesAsync(ct);
        return report;
    }
}
