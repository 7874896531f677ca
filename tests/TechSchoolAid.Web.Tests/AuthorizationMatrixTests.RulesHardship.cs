namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    private static int _noticeYear = 2000;
    private static int _deadlineDays;

    private static readonly HashSet<string> KeepReviewers = ["province-admin", "province-reviewer", "city-reviewer"]; // ReviewAidRounds at city/province level

    /// <summary>The rows of the endpoints of the rules work (hardship advance notice and publication, cross-check clearance confirmation); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesHardshipEndpoints =>
    [
        // Hardship advance notice (提前告知, issue 11 item 9): the school's aid staff publish their school's; reading is per scope.
        new("POST /api/v1/hardship/notices", Targets.None, false,
            c => Json(HttpMethod.Post, "/api/v1/hardship/notices",
                HardshipApi.Notice(DateOnly.FromDateTime(c.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime), Interlocked.Increment(ref _noticeYear))),
            c => Permission(HardshipClerks.Contains(c.Caller.Key), 201, "ManageHardship (school aid and records staff, own school)")),
        new("GET /api/v1/hardship/notices", Targets.None, false, _ => Get("/api/v1/hardship/notices?schoolYear=2026"), _ => Is(200, "any signed-in user, filtered by scope")),

        // Cross-check clearance deadline (dated policy data, issue 11 item 11): the ministry administrator sets it; everyone reads it.
        new("GET /api/v1/crosscheck/clearance-deadlines", Targets.None, false, _ => Get("/api/v1/crosscheck/clearance-deadlines"), _ => Is(200, "any signed-in user")),
        new("POST /api/v1/crosscheck/clearance-deadlines", Targets.None, false,
            c => Json(HttpMethod.Post, "/api/v1/crosscheck/clearance-deadlines", new
            {
                validFrom = DateOnly.FromDateTime(c.App.Clock.GetUtcNow().UtcDateTime).AddDays(400 + Interlocked.Increment(ref _deadlineDays)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                workingDays = 10,
                source = "矩阵测试",
            }),
            c => c.Caller.Key == "ministry-admin" ? Is(201, "ministry administrator") : Is(403, "clearance deadline: ministry administrator only")),

        // A school's "keep" is confirmed or reopened by its direct supervisor (city or province); a case not in scope is 404.
        new("POST /api/v1/crosscheck/cases/{id}/keep-review", Targets.None, false,
            _ => Json(HttpMethod.Post, $"/api/v1/crosscheck/cases/{Guid.NewGuid()}/keep-review", new { confirm = true }),
            c => KeepReviewers.Contains(c.Caller.Key) ? Is(404, "city/province reviewer; a case not in scope is not found")
                : Is(403, "only the school's direct supervisor (city or province with ReviewAidRounds) confirms a keep")),
    ];
}
