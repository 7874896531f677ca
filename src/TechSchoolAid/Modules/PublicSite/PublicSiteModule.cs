using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.PublicSite.Features.Complaints;
using TechSchoolAid.Modules.PublicSite.Features.Hotlines;
using TechSchoolAid.Modules.PublicSite.Features.Oversight;
using TechSchoolAid.Modules.PublicSite.Features.Public;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.PublicSite;

/// <summary>
/// Openness (PUB-1, the notice 三(二)): the public policy pages generated from the policy tables, the provinces' hotlines, the schools' publication lists, and the public's consultations and complaints with tracking, routing, answer deadlines and escalation (docs/adr/0019-oversight-modules.md, docs/adr/0021-public-site-and-complaints.md).
/// </summary>
public static class PublicSiteModule
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddScoped<ComplaintSteps>()
            .AddScoped<FileComplaint>()
            .AddScoped<TrackComplaint>()
            .AddScoped<SearchPublicSchools>()
            .AddScoped<ListComplaints>()
            .AddScoped<GetComplaint>()
            .AddScoped<AnswerComplaint>()
            .AddScoped<TransferComplaint>()
            .AddScoped<EscalateOverdueComplaints>()
            .AddSingleton<ScheduledComplaintEscalation>()
            .AddScoped<ListComplaintDeadlines>()
            .AddScoped<SetComplaintDeadline>()
            .AddScoped<ListHotlines>()
            .AddScoped<SetHotline>()
            .AddScoped<ProvincePolicies>()
            .AddScoped<ITodoSource, ComplaintTodo>()
            .AddScoped<IInspectionRiskSource, ComplaintRiskSource>()
            .AddScoped<IDashboardSource, ComplaintDashboardSource>()
            .AddScoped<IYearlyReportSource, ComplaintYearlyReportSource>();
        return services;
    }

    /// <summary>The staff's endpoints (signed in): answering complaints, the hotlines, the answer deadlines.</summary>
    public static void MapPublicSiteEndpoints(this IEndpointRouteBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("咨询投诉");
        ListComplaints.Map(complaints);
        GetComplaint.Map(complaints);
        AnswerComplaint.Map(complaints);
        TransferComplaint.Map(complaints);
        var deadlines = api.MapGroup("/complaint-deadlines").WithTags("咨询投诉");
        ListComplaintDeadlines.Map(deadlines);
        SetComplaintDeadline.Map(deadlines);
        SetHotline.Map(api.MapGroup("/hotlines").WithTags("咨询投诉"));
    }

    /// <summary>The public's endpoints under /api/v1/public (no sign-in): policies, hotlines, filing and following a complaint.</summary>
    public static void MapPublicSitePublicEndpoints(this IEndpointRouteBuilder publicApi)
    {
        FileComplaint.Map(publicApi);
        TrackComplaint.Map(publicApi);
        SearchPublicSchools.Map(publicApi);
        ListHotlines.Map(publicApi);
    }
}
