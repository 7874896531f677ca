namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// The major catalogue (ADR 0025): national reference data every signed-in user reads; only the ministry's
    /// administrator (ManageCatalogues) loads an edition. Each upload has its own name and an effective date ahead of
    /// the test clock, so it never replaces the edition in force.
    /// </summary>
    private static Endpoint[] MajorCatalogueEndpoints =>
    [
        new("GET /api/v1/major-catalogue/editions", Targets.None, false, _ => Get("/api/v1/major-catalogue/editions"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/major-catalogue/majors", Targets.None, false, _ => Get("/api/v1/major-catalogue/majors?q=" + Uri.EscapeDataString("数控")), _ => Is(200, "any signed-in user")),
        new("POST /api/v1/major-catalogue/editions", Targets.None, false,
            _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/major-catalogue/editions") { Content = MajorCatalogueApi.Upload(MajorCatalogueApi.GoodCsv, MajorCatalogueApi.UniqueName()) }),
            c => c.Caller.Key == "ministry-admin" ? Is(201, "has ManageCatalogues") : Is(403, "lacks ManageCatalogues")),
    ];
}
