namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>
    /// The rows of issue 13 items 12 and 6 (hardship by class, aid that follows status); one per endpoint, see the rules in
    /// AuthorizationMatrixTests.cs. A batch names a class the school does not have, so the allowed callers get the Chinese 400.
    /// </summary>
    private static Endpoint[] BatchEndpoints =>
    [
        new("GET /api/v1/hardship/classes", Targets.None, false, _ => Get("/api/v1/hardship/classes?schoolYear=2026"),
            c => Permission(HardshipClerks.Contains(c.Caller.Key), 200, "ManageHardship (school aid and records staff, own school)")),
        new("POST /api/v1/hardship/classes/panel-review", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/hardship/classes/panel-review", ClassBatch(new { members = new[] { "班主任" }, reviewedOn = "2026-10-15" })),
            c => Permission(HardshipClerks.Contains(c.Caller.Key), 400, "ManageHardship (a class the school does not have: 400)")),
        new("POST /api/v1/hardship/classes/decision", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/hardship/classes/decision", ClassBatch(null)),
            c => Permission(HardshipClerks.Contains(c.Caller.Key), 400, "ManageHardship (a class the school does not have: 400)")),
        new("POST /api/v1/hardship/classes/publication", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/hardship/classes/publication", ClassBatch(new { from = "2026-10-15", to = "2026-10-21" })),
            c => Permission(HardshipClerks.Contains(c.Caller.Key), 400, "ManageHardship (a class the school does not have: 400)")),
        new("GET /api/v1/aid-status-flags", Targets.None, false, _ => Get("/api/v1/aid-status-flags"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("POST /api/v1/aid-rounds/entries/{entryId}/status-resolution", Targets.None, false,
            _ => Json(HttpMethod.Post, $"/api/v1/aid-rounds/entries/{Guid.NewGuid()}/status-resolution", new { decision = "Keep", note = "矩阵测试" }),
            c => Permission(AidClerks.Contains(c.Caller.Key), 404, "ManageAidRounds (a line that does not exist: 404)")),
    ];

    private static Dictionary<string, object?> ClassBatch(object? extra)
    {
        var body = new Dictionary<string, object?>
        {
            ["schoolYear"] = 2026,
            ["className"] = "矩阵测试不存在的班级",
            ["students"] = new[] { new { id = Guid.NewGuid(), version = 1, level = "Hardship" } },
        };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }

        return body;
    }
}
