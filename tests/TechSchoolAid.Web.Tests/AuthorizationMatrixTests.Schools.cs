namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // ManageSchools (ORG-1/2): the province administrator and the city reviewer, for the schools they supervise.
    private static readonly HashSet<string> SchoolManagers = ["province-admin", "city-reviewer"];

    /// <summary>
    /// A school's attributes and tuition belong to its direct supervisor (the city for 市管, the province for 省管): a
    /// province above a 市管 school gets 403, a school outside the scope 403 (the write names an existing code).
    /// </summary>
    private static Expectation SchoolSupervisorWrite(Cell c, int success) =>
        !SchoolManagers.Contains(c.Caller.Key) ? Is(403, "lacks ManageSchools")
        : c.Target switch
        {
            Supervised => Is(success, "the school's direct supervisor"),
            NotSupervised => Is(403, "in scope, but not the school's direct supervisor"),
            _ => Is(403, "names a school outside its scope"),
        };

    /// <summary>A new school under the caller: a 省管 one for the province, a 市管 one for the city; outside: another province's or city's.</summary>
    private static Dictionary<string, object?> NewSchoolFor(Cell c) => (c.Caller.Level, c.Target) switch
    {
        ("province", Outside) => SchoolFeesApi.NewSchool("5101"),
        ("province", _) => SchoolFeesApi.NewSchool("4401", "Province"),
        ("city", Outside) => SchoolFeesApi.NewSchool("4403"),
        _ => SchoolFeesApi.NewSchool("4401"),
    };

    /// <summary>The rows of the Schools endpoints (one per endpoint; see the rules in AuthorizationMatrixTests.cs).</summary>
    private static Endpoint[] SchoolsEndpoints =>
    [
        // Schools and their fees (ORG-2): read by anyone signed in within the scope; created by the province or city
        // for what it supervises; edited, and their approved tuition recorded, by the direct supervisor alone; the
        // comparable public tuition by the province (or a city, for its area) as its own record.
        new("GET /api/v1/organizations/schools/{code}", Targets.School, false,
            c => Get($"/api/v1/organizations/schools/{c.School}"),
            c => c.Target == Outside ? Is(404, "school outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/organizations/schools", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/organizations/schools", NewSchoolFor(c)),
            c => !SchoolManagers.Contains(c.Caller.Key) ? Is(403, "lacks ManageSchools")
                : c.Target == Outside ? Is(403, "a supervisor outside its scope")
                : Is(201, "ManageSchools, under itself (province: 省管; city: 市管)")),
        new("PUT /api/v1/organizations/schools/{code}", Targets.Batch, false,
            async c =>
            {
                var school = BatchSchoolOf(c.Caller, c.Target);
                return await Json(HttpMethod.Put, $"/api/v1/organizations/schools/{school}", await SchoolFeesApi.EditOf(c.App, school));
            },
            c => SchoolSupervisorWrite(c, 200)),
        new("POST /api/v1/organizations/schools/{code}/tuition", Targets.Batch, false,
            c => Json(HttpMethod.Post, $"/api/v1/organizations/schools/{BatchSchoolOf(c.Caller, c.Target)}/tuition", SchoolFeesApi.Tuition()),
            c => SchoolSupervisorWrite(c, 201)),
        new("PUT /api/v1/organizations/schools/{code}/tuition/{id}", Targets.Batch, false,
            async c =>
            {
                var school = BatchSchoolOf(c.Caller, c.Target);
                var (id, body) = await SchoolFeesApi.GeneralTuitionOf(c.App, school);
                return await Json(HttpMethod.Put, $"/api/v1/organizations/schools/{school}/tuition/{id}", body);
            },
            c => SchoolSupervisorWrite(c, 200)),
        new("GET /api/v1/organizations/comparable-tuition", Targets.None, false,
            _ => Get("/api/v1/organizations/comparable-tuition?provinceCode=44"), _ => Is(200, "any signed-in user (its province's figures)")),
        new("POST /api/v1/organizations/comparable-tuition", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/organizations/comparable-tuition", SchoolFeesApi.Tuition(kind: "TechnicalSchool")),
            c => Permission(SchoolManagers.Contains(c.Caller.Key), 201, "ManageSchools (the province, or a city for its area)")),
        new("PUT /api/v1/organizations/comparable-tuition/{id}", Targets.None, false,
            async c =>
            {
                var (id, body) = SchoolManagers.Contains(c.Caller.Key)
                    ? await SchoolFeesApi.OwnComparableOf(c.App, c.Caller.UserName!)
                    : await SchoolFeesApi.ProvinceComparableOf(c.App);
                return await Json(HttpMethod.Put, $"/api/v1/organizations/comparable-tuition/{id}", body);
            },
            c => Permission(SchoolManagers.Contains(c.Caller.Key), 200, "ManageSchools, its own record")),
    ];
}
