using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Aid.Hardship.Features;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Hardship;

/// <summary>AID-1 hardship identification (家庭经济困难学生认定): the hardship area of the Aid module.</summary>
public static class HardshipModule
{
    public static IServiceCollection AddHardship(this IServiceCollection services) => services
        .AddScoped<HardshipSteps>()
        .AddScoped<HardshipQueries>()
        .AddScoped<ApplyForHardship>()
        .AddScoped<ReassessHardship>()
        .AddScoped<RecordHardshipPanel>()
        .AddScoped<DecideHardship>()
        .AddScoped<PublishHardship>()
        .AddScoped<RaiseHardshipObjection>()
        .AddScoped<AnswerHardshipObjection>()
        .AddScoped<ArchiveHardship>()
        .AddScoped<PublishHardshipNotice>()
        .AddScoped<HardshipNoticeQueries>()
        .AddScoped<RotateHardshipKeys>()
        .AddScoped<HardshipClassBatch>()
        .AddScoped<ListHardshipClasses>()
        .AddScoped<RecordClassHardshipPanel>()
        .AddScoped<DecideClassHardship>()
        .AddScoped<PublishClassHardship>()
        .AddScoped<Contracts.IHardshipStanding, HardshipStanding>()
        .AddScoped<ITodoSource, HardshipTodo>();

    public static void MapHardshipEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/hardship").WithTags("家庭经济困难认定");
        ApplyForHardship.Map(api);
        HardshipQueries.Map(api, g);
        RecordHardshipPanel.Map(g);
        DecideHardship.Map(g);
        PublishHardship.Map(g);
        RaiseHardshipObjection.Map(g);
        AnswerHardshipObjection.Map(g);
        ArchiveHardship.Map(g);
        ReassessHardship.Map(g);
        PublishHardshipNotice.Map(g);
        HardshipNoticeQueries.Map(g);
        ListHardshipClasses.Map(g);
        RecordClassHardshipPanel.Map(g);
        DecideClassHardship.Map(g);
        PublishClassHardship.Map(g);
    }
}
