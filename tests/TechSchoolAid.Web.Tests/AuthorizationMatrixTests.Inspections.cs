using System.Net.Http.Json;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // ViewStudents: every signed-in staff role reads inspections within its scope.
    private static readonly HashSet<string> InspectionPlanners = ["province-admin"];                                                  // PlanInspections
    private static readonly HashSet<string> InspectionRecorders = ["ministry-admin", "inspector", "province-admin", "province-reviewer"]; // RecordInspections
    private static readonly HashSet<string> SpotCheckers = ["ministry-admin", "inspector"];                                            // RecordInspections, ministry level
    private static readonly HashSet<string> InspectionAnswerers = ["school-admin", "school-aid-officer"];                              // AnswerInspections

    private static Expectation Viewer(Cell c, int success = 200) => c.Caller.IsAnonymous ? Is(401, "signed in") : Is(success, "ViewStudents, in scope");

    /// <summary>
    /// The rows of the Inspections endpoints. A plan belongs to the province: the city and the school do not see it (404).
    /// A visit, its findings and rectification tasks belong to the visited school: every level above it sees them. Only
    /// the cells that pass the role half create the records they act on; the others are refused before any lookup.
    /// </summary>
    private static Endpoint[] InspectionsEndpoints =>
    [
        new("GET /api/v1/inspections/checklist", Targets.None, false, _ => Get("/api/v1/inspections/checklist?schoolCode=44010004"), c => Viewer(c)),
        new("GET /api/v1/inspections/policy", Targets.None, false, _ => Get("/api/v1/inspections/policy"), c => Viewer(c)),
        new("POST /api/v1/inspections/policy", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/inspections/policy", new
            {
                validFrom = "2099-01-01", cityShareNumerator = 1, cityShareDenominator = 3, yearsWithinWhichEverySchool = 3, noRecentVisitWeight = 10,
                rectificationWorkingDays = 20, source = "人社厅函〔2024〕53号 三(二)", weights = new Dictionary<string, int> { ["crosscheck-overdue"] = 5 },
            }),
            c => c.Caller.Key == "ministry-admin" ? Is(200, "ManagePolicy at the ministry") : Is(403, "not the ministry's administrator")),
        new("GET /api/v1/inspections/plans", Targets.None, false, _ => Get("/api/v1/inspections/plans"), c => Viewer(c)),
        new("POST /api/v1/inspections/plans", Targets.None, false, _ => Json(HttpMethod.Post, "/api/v1/inspections/plans", new { year = 2027 }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 201, "PlanInspections")),
        new("GET /api/v1/inspections/plans/{id}", Targets.None, false,
            async c => await Get($"/api/v1/inspections/plans/{await InspectionsApi.PlanIdAsync(c.App)}"),
            c => c.Caller.IsAnonymous ? Is(401, "signed in") : c.Caller.Level is "city" or "school" ? Is(404, "the province's plan is outside its scope") : Is(200, "in scope")),
        new("POST /api/v1/inspections/plans/{id}/entries", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/plans/{(InspectionPlanners.Contains(c.Caller.Key) ? await InspectionsApi.DraftPlanAsync(c.App) : Guid.NewGuid())}/entries",
                new { schoolCode = "44010010", reason = "群众举报较多" }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 200, "PlanInspections")),
        new("POST /api/v1/inspections/plans/{id}/entries/removal", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/plans/{(InspectionPlanners.Contains(c.Caller.Key) ? await InspectionsApi.DraftPlanAsync(c.App) : Guid.NewGuid())}/entries/removal",
                new { schoolCode = "44010001", reason = "该校整体搬迁" }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 200, "PlanInspections")),
        new("POST /api/v1/inspections/plans/{id}/confirmation", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/plans/{(InspectionPlanners.Contains(c.Caller.Key) ? await InspectionsApi.DraftPlanAsync(c.App) : Guid.NewGuid())}/confirmation",
                new { acknowledgements = InspectionsApi.AcknowledgeEverything() }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 200, "PlanInspections")),
        new("POST /api/v1/inspections/self-inspections", Targets.None, false,
            async c =>
            {
                using var reader = await c.App.ClientFor("ministry");
                var items = (await InspectionsApi.GetAsync(reader, "/api/v1/inspections/checklist")).EnumerateArray()
                    .Select(i => new { key = i.GetProperty("key").GetString(), conclusion = "Compliant" }).ToArray();
                return await Json(HttpMethod.Post, "/api/v1/inspections/self-inspections", new { year = c.Caller.Key == "school-admin" ? 2025 : 2027, items });
            },
            c => Permission(InspectionAnswerers.Contains(c.Caller.Key), 200, "AnswerInspections")),
        new("GET /api/v1/inspections/self-inspections", Targets.School, false, c => Get($"/api/v1/inspections/self-inspections?schoolCode={c.School}&year=2026"),
            c => c.Caller.IsAnonymous ? Is(401, "signed in") : c.Target == Outside ? Is(404, "school outside its scope") : Is(200, "in scope")),
        new("POST /api/v1/inspections/visits", Targets.None, false,
            async c => await Json(HttpMethod.Post, "/api/v1/inspections/visits", new
            {
                planId = InspectionRecorders.Contains(c.Caller.Key) ? await InspectionsApi.PlanIdAsync(c.App) : Guid.NewGuid(),
                schoolCode = "44010001", visitedOn = "2026-10-10", inspectors = "王敏",
            }),
            c => Permission(InspectionRecorders.Contains(c.Caller.Key), 201, "RecordInspections")),
        new("POST /api/v1/inspections/spot-checks", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/inspections/spot-checks", new { schoolCode = "44010004", visitedOn = "2026-10-10", inspectors = "部核查组" }),
            c => SpotCheckers.Contains(c.Caller.Key) ? Is(201, "RecordInspections at the ministry") : Is(403, "not the ministry's inspectors")),
        new("GET /api/v1/inspections/visits", Targets.None, false, _ => Get("/api/v1/inspections/visits?year=2026"), c => Viewer(c)),
        new("GET /api/v1/inspections/visits/{id}", Targets.None, false,
            async c => await Get($"/api/v1/inspections/visits/{await InspectionsApi.DemoVisitAsync(c.App)}"), c => Viewer(c)),
        new("POST /api/v1/inspections/visits/{id}/findings", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/visits/{(InspectionRecorders.Contains(c.Caller.Key) ? await InspectionsApi.DemoVisitAsync(c.App) : Guid.NewGuid())}/findings",
                InspectionsApi.Finding("hotline", "学校网站未公开资助咨询电话", rectify: false)),
            c => Permission(InspectionRecorders.Contains(c.Caller.Key), 200, "RecordInspections")),
        new("POST /api/v1/inspections/findings/{id}/files", Targets.None, false,
            async c =>
            {
                var finding = Guid.NewGuid();
                if (InspectionRecorders.Contains(c.Caller.Key))
                {
                    finding = await InspectionsApi.FreshFindingAsync(c.App);
                }

                return await File($"/api/v1/inspections/findings/{finding}/files", InspectionsApi.Pdf, "公示截图.pdf");
            },
            c => Permission(InspectionRecorders.Contains(c.Caller.Key), 201, "RecordInspections")),
        new("GET /api/v1/inspections/files/{id}", Targets.None, false,
            async c =>
            {
                var finding = await InspectionsApi.FreshFindingAsync(c.App);
                using var province = await c.App.ClientFor("prov-44");
                using var upload = await province.PostAsync($"/api/v1/inspections/findings/{finding}/files", Api.FileContent(InspectionsApi.Pdf, "证据.pdf", "application/pdf"));
                var file = (await Api.ReadJson(upload, System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
                return await Get($"/api/v1/inspections/files/{file}");
            },
            c => Viewer(c)),
        new("GET /api/v1/inspections/rectifications", Targets.None, false, _ => Get("/api/v1/inspections/rectifications"), c => Viewer(c)),
        new("GET /api/v1/inspections/rectifications/{id}", Targets.None, false,
            async c => await Get($"/api/v1/inspections/rectifications/{(await InspectionsApi.VisitWithTaskAsync(c.App)).Task}"), c => Viewer(c)),
        new("POST /api/v1/inspections/rectifications/{id}/files", Targets.None, false,
            async c => await File($"/api/v1/inspections/rectifications/{(InspectionAnswerers.Contains(c.Caller.Key) ? (await InspectionsApi.VisitWithTaskAsync(c.App)).Task : Guid.NewGuid())}/files",
                InspectionsApi.Pdf, "整改报告.pdf"),
            c => Permission(InspectionAnswerers.Contains(c.Caller.Key), 201, "AnswerInspections")),
        new("POST /api/v1/inspections/rectifications/{id}/answer", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/rectifications/{(InspectionAnswerers.Contains(c.Caller.Key) ? (await InspectionsApi.VisitWithTaskAsync(c.App)).Task : Guid.NewGuid())}/answer",
                new { answer = "已重新公示5个工作日，无异议" }),
            c => Permission(InspectionAnswerers.Contains(c.Caller.Key), 200, "AnswerInspections")),
        new("POST /api/v1/inspections/rectifications/{id}/closure", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/rectifications/{(InspectionPlanners.Contains(c.Caller.Key) ? (await InspectionsApi.VisitWithTaskAsync(c.App, answered: true)).Task : Guid.NewGuid())}/closure",
                new { }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 200, "PlanInspections")),
        new("POST /api/v1/inspections/rectifications/{id}/return", Targets.None, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/inspections/rectifications/{(InspectionPlanners.Contains(c.Caller.Key) ? (await InspectionsApi.VisitWithTaskAsync(c.App, answered: true)).Task : Guid.NewGuid())}/return",
                new { reason = "未附重新公示的截图" }),
            c => Permission(InspectionPlanners.Contains(c.Caller.Key), 200, "PlanInspections")),
        new("GET /api/v1/inspections/coverage", Targets.None, false, _ => Get("/api/v1/inspections/coverage"), c => Viewer(c)),
    ];
}
