using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Inspections.Features.Checklist;
using TechSchoolAid.Modules.Inspections.Features.Coverage;
using TechSchoolAid.Modules.Inspections.Features.Oversight;
using TechSchoolAid.Modules.Inspections.Features.Plans;
using TechSchoolAid.Modules.Inspections.Features.Rectification;
using TechSchoolAid.Modules.Inspections.Features.Visits;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Inspections.Features;

/// <summary>检查与抽查（INS-1）. Registers the use cases and maps their endpoints under /inspections.</summary>
public static class InspectionFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services
        .AddScoped<InspectionSupport>()
        .AddScoped<PlanRules>()
        .AddScoped<PlanViews>()
        .AddScoped<ProposePlan>()
        .AddScoped<GetPlan>()
        .AddScoped<AdjustPlan>()
        .AddScoped<ConfirmPlan>()
        .AddScoped<GetChecklist>()
        .AddScoped<SubmitSelfInspection>()
        .AddScoped<FindingWriter>()
        .AddScoped<RecordVisit>()
        .AddScoped<RecordSpotCheck>()
        .AddScoped<AddFinding>()
        .AddScoped<InspectionFiles>()
        .AddScoped<VisitViews>()
        .AddScoped<RectificationViews>()
        .AddScoped<AnswerRectification>()
        .AddScoped<CloseRectification>()
        .AddScoped<InspectionCoverage>()
        .AddScoped<InspectionPolicies>()
        .AddScoped<IDashboardSource, InspectionDashboardSource>()
        .AddScoped<IYearlyReportSource, InspectionYearlyReportSource>()
        .AddScoped<ITodoSource, InspectionTodo>();

    public static void Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/inspections").WithTags("检查与抽查");
        ProposePlan.Map(g);
        GetPlan.Map(g);
        AdjustPlan.Map(g);
        ConfirmPlan.Map(g);
        GetChecklist.Map(g);
        SubmitSelfInspection.Map(g);
        RecordVisit.Map(g);
        RecordSpotCheck.Map(g);
        AddFinding.Map(g);
        InspectionFiles.Map(g);
        VisitViews.Map(g);
        RectificationViews.Map(g);
        AnswerRectification.Map(g);
        CloseRectification.Map(g);
        InspectionCoverage.Map(g);
        InspectionPolicies.Map(g);
    }
}
