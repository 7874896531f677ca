using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Standards.Features;
using TechSchoolAid.Modules.Standards.Features.Brochures;
using TechSchoolAid.Modules.Standards.Features.Oversight;
using TechSchoolAid.Modules.Standards.Features.Overview;
using TechSchoolAid.Modules.Standards.Features.Policy;
using TechSchoolAid.Modules.Standards.Features.Rules;
using TechSchoolAid.Modules.Standards.Features.Staff;
using TechSchoolAid.Modules.Standards.Features.Trainings;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Standards;

/// <summary>
/// Standardisation of the schools' aid work (INS-2) and their enrolment brochures (PUB-2): aid rules, aid staff and their training, the province's trainings, brochures with their checklist and approval (docs/adr/0019-oversight-modules.md, docs/adr/0022-aid-standards-and-brochures.md).
/// </summary>
public static class StandardsModule
{
    public static IServiceCollection AddStandards(this IServiceCollection services) => services
        .AddScoped<StandardsSteps>()
        .AddScoped<StandardsPolicies>()
        .AddScoped<SetStandardsPolicy>()
        .AddScoped<StandardsFacts>()
        .AddScoped<StandardsOverview>()
        .AddScoped<AddAidRule>()
        .AddScoped<WithdrawAidRule>()
        .AddScoped<DownloadStandardsFile>()
        .AddScoped<AddAidStaff>()
        .AddScoped<EndAidStaff>()
        .AddScoped<RecordExternalTraining>()
        .AddScoped<StaffQueries>()
        .AddScoped<CreateTraining>()
        .AddScoped<RecordAttendance>()
        .AddScoped<TrainingQueries>()
        .AddScoped<UploadBrochure>()
        .AddScoped<SetBrochureChecklist>()
        .AddScoped<SubmitBrochure>()
        .AddScoped<ReviewBrochure>()
        .AddScoped<BrochureQueries>()
        .AddScoped<ITodoSource, StandardsTodo>()
        .AddScoped<ISchoolComplianceSource, StandardsComplianceSource>()
        .AddScoped<IDashboardSource, StandardsDashboardSource>()
        .AddScoped<IYearlyReportSource, StandardsYearlyReportSource>();

    public static void MapStandardsEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/standards").WithTags("资助工作规范化与招生简章");
        StandardsOverview.Map(g);
        StandardsPolicies.Map(g);
        SetStandardsPolicy.Map(g);
        AddAidRule.Map(g);
        WithdrawAidRule.Map(g);
        DownloadStandardsFile.Map(g);
        StaffQueries.Map(g);
        AddAidStaff.Map(g);
        EndAidStaff.Map(g);
        RecordExternalTraining.Map(g);
        TrainingQueries.Map(g);
        CreateTraining.Map(g);
        RecordAttendance.Map(g);
        BrochureQueries.Map(g);
        UploadBrochure.Map(g);
        SetBrochureChecklist.Map(g);
        SubmitBrochure.Map(g);
        ReviewBrochure.Map(g);
    }
}
