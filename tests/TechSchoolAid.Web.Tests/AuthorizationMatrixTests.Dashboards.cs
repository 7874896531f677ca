namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// The rows of the Dashboards module's endpoints. The overview of the own scope (DashboardAccess.View): every
    /// ministry, province and city role (they all hold ViewStudents); a school has no level below it and gets 403 (its
    /// home page is the to-do panel). The scope is the caller's own, so there is no "outside" cell.
    /// </summary>
    private static Endpoint[] DashboardsEndpoints =>
    [
        new("GET /api/v1/dashboard", Targets.None, false, _ => Get("/api/v1/dashboard"),
            c => Permission(c.Caller.Level is "ministry" or "province" or "city", 200, "ViewStudents at ministry, province or city level")),
        new("GET /api/v1/dashboard/tiles/{key}.xlsx", Targets.None, false, _ => Get("/api/v1/dashboard/tiles/registration.xlsx"),
            c => Permission(c.Caller.Level is "ministry" or "province" or "city", 200, "ViewStudents at ministry, province or city level")),
    ];
}
