using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Reports.Features;
using TechSchoolAid.Modules.Reports.Features.Requests;
using TechSchoolAid.Modules.Reports.Features.Yearly;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Reports;

/// <summary>
/// Reporting to the ministry (RPT-1, the notice 三(三)): the yearly report gathered from every module's IYearlyReportSource, as Excel and PDF, submitted by the province; the ministry's data requests and their answers (docs/adr/0019-oversight-modules.md, docs/adr/0024-yearly-report-and-data-requests.md).
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportFonts>();
        services.AddScoped<YearlyReportBuilder>()
            .AddScoped<GetYearlyReport>().AddScoped<ExportYearlyReport>().AddScoped<SubmitYearlyReport>()
            .AddScoped<ListReportSubmissions>().AddScoped<DownloadSubmittedReport>().AddScoped<ReturnYearlyReport>().AddScoped<SetReportDeadline>();
        services.AddScoped<DataRequestReads>()
            .AddScoped<CreateDataRequest>().AddScoped<ListDataRequests>().AddScoped<GetDataRequest>().AddScoped<AnswerDataRequest>()
            .AddScoped<AttachDataRequestFile>().AddScoped<DownloadDataRequestFile>().AddScoped<CloseDataRequest>().AddScoped<ExportDataRequest>();
        services.AddScoped<ITodoSource, ReportTodo>();
        return services;
    }

    public static void MapReportsEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("年度报告与数据报送");
        GetYearlyReport.Map(g);
        ExportYearlyReport.Map(g);
        SubmitYearlyReport.Map(g);
        ListReportSubmissions.Map(g);
        DownloadSubmittedReport.Map(g);
        ReturnYearlyReport.Map(g);
        SetReportDeadline.Map(g);
        CreateDataRequest.Map(g);
        ListDataRequests.Map(g);
        GetDataRequest.Map(g);
        AnswerDataRequest.Map(g);
        AttachDataRequestFile.Map(g);
        DownloadDataRequestFile.Map(g);
        CloseDataRequest.Map(g);
        ExportDataRequest.Map(g);
    }
}
