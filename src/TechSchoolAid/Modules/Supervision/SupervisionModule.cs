using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Supervision;

/// <summary>STA-3 (person–record checks: campaigns and the hanging list) and STA-4 (supervision measures, compliance).</summary>
public static class SupervisionModule
{
    public static IServiceCollection AddSupervision(this IServiceCollection services) => services
        .AddScoped<OpenPresenceCampaign>()
        .AddScoped<RecordPresenceResult>()
        .AddScoped<ClosePresenceCampaign>()
        .AddScoped<PresenceCampaignQueries>()
        .AddScoped<ScanHangingFlags>()
        .AddScoped<AnswerHangingFlag>()
        .AddScoped<AcceptHangingFlag>()
        .AddScoped<AskHangingFlagAgain>()
        .AddSingleton<ScheduledHangingScan>()
        .AddScoped<HangingFlagQueries>()
        .AddScoped<IssueSupervisionMeasure>()
        .AddScoped<RectifySupervisionMeasure>()
        .AddScoped<CloseSupervisionMeasure>()
        .AddScoped<AddSupervisionMeasureFile>()
        .AddScoped<DownloadSupervisionMeasureFile>()
        .AddScoped<SupervisionMeasureQueries>()
        .AddScoped<Contracts.ISupervisionYearFigures, SupervisionYearFiguresQuery>()
        .AddScoped<ComplianceSummary>()
        .AddScoped<Inspections.Contracts.IInspectionRiskSource, Features.Oversight.HangingRecordInspectionRisk>()
        .AddScoped<ITodoSource, SupervisionTodo>();

    public static void MapSupervisionEndpoints(this IEndpointRouteBuilder api)
    {
        var c = api.MapGroup("/presence-campaigns").WithTags("人籍一致核验");
        PresenceCampaignQueries.Map(c);
        OpenPresenceCampaign.Map(c);
        RecordPresenceResult.Map(c);
        ClosePresenceCampaign.Map(c);

        var h = api.MapGroup("/hanging-flags").WithTags("疑似空挂学籍");
        HangingFlagQueries.Map(h);
        ScanHangingFlags.Map(h);
        AnswerHangingFlag.Map(h);
        AcceptHangingFlag.Map(h);
        AskHangingFlagAgain.Map(h);

        IssueSupervisionMeasure.Map(api);
        var m = api.MapGroup("/supervision-measures").WithTags("监管措施");
        SupervisionMeasureQueries.Map(m);
        RectifySupervisionMeasure.Map(m);
        CloseSupervisionMeasure.Map(m);
        AddSupervisionMeasureFile.Map(m);
        DownloadSupervisionMeasureFile.Map(m);

        ComplianceSummary.Map(api);
    }
}
