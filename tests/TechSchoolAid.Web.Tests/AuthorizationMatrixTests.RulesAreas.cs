using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Features;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the endpoints of the rules work (household kinds, designated areas, the funding gap by cause); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesAreasEndpoints =>
    [
        new("GET /api/v1/aid-policies/designated-areas", Targets.None, false, _ => Get("/api/v1/aid-policies/designated-areas?provinceCode=44"), _ => Is(200, "any signed-in user")),
        new("POST /api/v1/aid-policies/designated-areas", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/aid-policies/designated-areas", ProvinceArea(c.Target == Outside ? "51" : "44")),
            c => PolicyWrite(c, 201)),
        new("PUT /api/v1/aid-policies/designated-areas/{id}", Targets.School, false,
            async c =>
            {
                var province = c.Target == Outside ? "51" : "44";
                return await Json(HttpMethod.Put, $"/api/v1/aid-policies/designated-areas/{await ProvinceAreaOf(c.App, province)}", ProvinceArea(province));
            },
            c => PolicyWrite(c, 200)),
    ];

    private static readonly Dictionary<string, Guid> ProvinceAreas = [];

    /// <summary>A province's own designated area: one county of the province, dated from autumn 2026.</summary>
    private static DesignatedAreaInput ProvinceArea(string province) => new()
    {
        ProvinceCode = province,
        Name = "省定帮扶县",
        Kind = DesignatedAreaKind.Province,
        CountyCodes = [province == "44" ? "440305" : "510104"],
        ValidFrom = new DateOnly(2026, 9, 1),
        Source = "省财政厅文件（测试）",
    };

    /// <summary>The province's own area, created once by the system (the rule lets the system act).</summary>
    private static async Task<Guid> ProvinceAreaOf(TestApp app, string province)
    {
        if (ProvinceAreas.TryGetValue(province, out var id))
        {
            return id;
        }

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-matrix");
        var created = await scope.ServiceProvider.GetRequiredService<CreateDesignatedArea>().HandleAsync(ProvinceArea(province), default);
        return ProvinceAreas[province] = created.Id;
    }
}
