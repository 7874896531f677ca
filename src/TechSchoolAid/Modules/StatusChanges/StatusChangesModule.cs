using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.StatusChanges.Features.KindRules;
using TechSchoolAid.Modules.StatusChanges.Features.Oversight;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.StatusChanges;

public static class StatusChangesModule
{
    public static IServiceCollection AddStatusChanges(this IServiceCollection services) => services
        .AddScoped<StudentLifecycle>()
        .AddScoped<StatusChangeDeadlines>()
        .AddScoped<StatusChangeSteps>()
        .AddScoped<StatusChangeKindRules>()
        .AddScoped<SetStatusChangeKindRule>()
        .AddScoped<StatusChangeEvidenceCheck>()
        .AddScoped<EnterStatusChange>()
        .AddScoped<SubmitStatusChange>()
        .AddScoped<AcceptTransfer>()
        .AddScoped<ApproveStatusChange>()
        .AddScoped<ReturnStatusChange>()
        .AddScoped<UndoStatusChange>()
        .AddScoped<AddStatusChangeEvidence>()
        .AddScoped<DownloadStatusChangeEvidence>()
        .AddScoped<ListStatusChanges>()
        .AddScoped<CurrentSuspension>()
        .AddScoped<GetStatusChangeDetail>()
        .AddScoped<StatusChangeOnTimeRates>()
        .AddScoped<StatusChangeFigures>()
        .AddScoped<IAidEligibility, AidEligibility>()
        .AddScoped<IYearlyReportSource, StatusChangesYearlyReportSource>()
        .AddScoped<Inspections.Contracts.IInspectionRiskSource, Features.Oversight.StatusChangeInspectionRisk>()
        .AddScoped<ITodoSource, StatusChangeTodo>()
        .AddScoped<ITodoSource, SuspensionReturnTodo>()
        .AddScoped<IDashboardSource, StatusChangeDashboardSource>();

    public static void MapStatusChangesEndpoints(this IEndpointRouteBuilder api)
    {
        EnterStatusChange.Map(api);
        EnterStatusChange.MapWithEvidence(api);
        AidEligibility.Map(api);

        var g = api.MapGroup("/status-changes").WithTags("学籍异动");
        ListStatusChanges.Map(g);
        StatusChangeOnTimeRates.Map(g);
        GetStatusChangeDetail.Map(g);
        SubmitStatusChange.Map(g);
        AcceptTransfer.Map(g);
        ApproveStatusChange.Map(g);
        ReturnStatusChange.Map(g);
        UndoStatusChange.Map(g);
        AddStatusChangeEvidence.Map(g);
        DownloadStatusChangeEvidence.Map(g);
        StatusChangeKindRules.Map(g);
        SetStatusChangeKindRule.Map(g);
    }
}
