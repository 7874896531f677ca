using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The authorization matrix: every endpoint of the application × every demo role (and anonymous) × where it names an
/// organisation or a record, one inside and one outside the caller's scope. Each cell sends a realistic request (a
/// valid new student, a real batch, a well-formed file), so a 400 is never mistaken for an authorization answer, and
/// compares the status with the rules written out below — deliberately not computed from the product's own
/// permission table, so a change to that table shows up here. Rows are named by method and route; routes under
/// /api/v1 are shown without that prefix ("POST /schools/{schoolCode}/students" is POST /api/v1/schools/{schoolCode}/students).
///
/// The rules:
/// <list type="bullet">
/// <item>/health, /openapi/v1.json, /api/reference and POST /api/v1/auth/token are public; every other /api/v1 route
/// answers 401 to a caller without a token.</item>
/// <item>A permission the role lacks: 403, before anything is looked up (except reveal-id-number, which finds the
/// student first, so a student outside scope is 404 for every role).</item>
/// <item>A write that names a school code outside the caller's scope: 403 (the code exists, it is not yours).</item>
/// <item>A record id (student, batch, account) outside the caller's scope: 404 — its existence is not confirmed.</item>
/// <item>Lists are filtered by scope: a school list for a school outside scope is an empty page, not an error.</item>
/// <item>Registration review only by the school's direct supervisor (the city for 市管, the province for 省管): a
/// reviewer above that in the tree gets 403.</item>
/// </list>
/// Demo data: the school roles are those of 44010004 (市管, city 4401, province 44); prov-44 and city-4401 are the
/// province and city roles; the ministry roles see everything, so they have no "outside scope" cells.
/// </summary>
public sealed class AuthorizationMatrixTests(TestApp app) : IClassFixture<TestApp>
{
    private const string OwnSchool = "44010004";
    private static int _counter;

    // ------------------------------------------------------------------ callers

    private sealed record Caller(string Key, string? UserName, string Level)
    {
        public bool IsAnonymous => UserName is null;

        public bool SeesEverything => Level == "ministry";
    }

    private static readonly Caller[] Callers =
    [
        new("anonymous", null, "public"),
        new("ministry-admin", "ministry", "ministry"),
        new("ministry-viewer", "ministry-viewer", "ministry"),
        new("inspector", "inspector", "ministry"),
        new("province-admin", "prov-44", "province"),
        new("province-reviewer", "prov-44-reviewer", "province"),
        new("city-reviewer", "city-4401", "city"),
        new("school-admin", "school-44010004", "school"),
        new("school-records-officer", "school-44010004-records", "school"),
        new("school-aid-officer", "school-44010004-aid", "school"),
        new("school-finance-officer", "school-44010004-finance", "school"),
    ];

    // What each role may do (ORG-3), written out by hand from the rules.
    private static readonly HashSet<string> Registrars = ["school-admin", "school-records-officer"];
    private static readonly HashSet<string> Reviewers = ["province-admin", "province-reviewer", "city-reviewer"];
    private static readonly HashSet<string> Reopeners = ["province-admin"];
    private static readonly HashSet<string> Administrators = ["ministry-admin", "province-admin", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> AuditReaders = ["ministry-admin", "province-admin", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> Revealers = ["ministry-admin", "province-admin", "school-admin", "school-records-officer"];
    private static readonly HashSet<string> CalendarKeepers = ["ministry-admin"];
    private static readonly HashSet<string> NonExporters = ["inspector", "school-finance-officer"];
    private static readonly HashSet<string> ChangeClerks = ["school-admin", "school-records-officer"];
    private static readonly HashSet<string> ChangeApprovers = ["province-admin", "province-reviewer", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> ChangeAuthorities = ["province-admin", "province-reviewer", "city-reviewer"];
    private static readonly HashSet<string> Checkers = ["province-admin", "province-reviewer", "city-reviewer"]; // RunPresenceChecks, IssueSupervisionMeasures
    private static readonly HashSet<string> Responders = ["school-admin", "school-records-officer"];           // RespondToSupervision
    private static readonly HashSet<string> HardshipClerks = ["school-admin", "school-records-officer", "school-aid-officer"]; // ManageHardship
    private static readonly HashSet<string> AidClerks = ["school-admin", "school-aid-officer"];         // ManageAidRounds
    private static readonly HashSet<string> AidReviewers = ["province-admin", "province-reviewer", "city-reviewer"]; // ReviewAidRounds
    private static readonly HashSet<string> PolicyKeepers = ["ministry-admin", "province-admin"];              // ManagePolicy
    private static readonly Dictionary<string, Guid> Drafts = [];
    private static readonly Dictionary<string, (Guid, Guid)> Evidence = [];

    // ------------------------------------------------------------------ targets

    private enum Targets
    {
        None,
        School,
        Student,
        Batch,
        AccountOrganization,
        Account,
    }

    private const string Inside = "inside-scope";
    private const string Outside = "outside-scope";
    private const string Supervised = "batch-of-school-it-supervises";
    private const string NotSupervised = "batch-in-scope-not-supervised";

    private static IEnumerable<string> TargetsOf(Targets kind, Caller c)
    {
        if (kind == Targets.None || c.IsAnonymous)
        {
            return ["-"];
        }

        if (kind == Targets.Batch)
        {
            return c.Level switch
            {
                "ministry" => [Supervised],
                "province" => [Supervised, NotSupervised, Outside],
                _ => [Supervised, Outside],
            };
        }

        return c.SeesEverything ? [Inside] : [Inside, Outside];
    }

    /// <summary>The school a cell is about: the caller's own (or, above school level, one in scope) or one outside.</summary>
    private static string SchoolOf(Caller c, string target) => target == Outside
        ? c.Level switch
        {
            "province" => "51010004", // another province
            "city" => "44030005",     // another city of the same province
            _ => "44010007",          // another school of the same city
        }
        : OwnSchool;

    /// <summary>The school whose batch a review cell is about.</summary>
    private static string BatchSchoolOf(Caller c, string target) => (c.Level, target) switch
    {
        ("province", Supervised) => "44010001",    // 省管: supervised by province 44 directly
        ("province", NotSupervised) => "44010004", // 市管: in scope, but city 4401 supervises it
        ("province", Outside) => "51010001",       // 省管 school of province 51
        ("city", Outside) => "44030005",           // 市管 school of city 4403
        (_, Outside) => "44010007",
        _ => "44010004",
    };

    // ------------------------------------------------------------------ expectations

    private sealed record Expectation(int[] Statuses, string Rule, Func<JsonElement, string?>? Check = null)
    {
        public override string ToString() => $"{string.Join(" or ", Statuses)} ({Rule})";
    }

    private static Expectation Is(int status, string rule) => new([status], rule);

    private static Expectation Permission(bool has, int success, string permission) =>
        has ? Is(success, $"has {permission}") : Is(403, $"lacks {permission}");

    private static Expectation ScopedWrite(Caller c, string target, HashSet<string> allowed, int success, string permission) =>
        !allowed.Contains(c.Key) ? Is(403, $"lacks {permission}")
        : target == Outside ? Is(403, "names a school outside its scope")
        : Is(success, $"has {permission}, own school");

    // ------------------------------------------------------------------ endpoints

    private sealed record Cell(TestApp App, Caller Caller, string Target)
    {
        public string School => SchoolOf(Caller, Target);
    }

    private sealed record Endpoint(string Route, Targets Kind, bool Public, Func<Cell, Task<HttpRequestMessage>> Request, Func<Cell, Expectation> Expected)
    {
        /// <summary>The row's name in test results: the route without "/api/v1" (xUnit shows at most 50 characters).</summary>
        public string Key => Route.Replace(" /api/v1/", " /", StringComparison.Ordinal);
    }

    private static readonly Endpoint[] Endpoints =
    [
        // System
        new("GET /health", Targets.None, true, _ => Get("/health"), _ => Is(200, "public")),
        new("GET /openapi/v1.json", Targets.None, true, _ => Get("/openapi/v1.json"), _ => Is(200, "public")),
        // /api/reference redirects to /api/reference/ (ApiReference_Anonymous_RedirectsToPageThatReturns200); the page itself:
        new("GET /api/reference", Targets.None, true, _ => Get("/api/reference/"), _ => Is(200, "public")),
        new("POST /api/v1/auth/token", Targets.None, true,
            c => Json(HttpMethod.Post, "/api/v1/auth/token", new { userName = c.Caller.UserName ?? "ministry-viewer", password = TestApp.DemoPassword }),
            _ => Is(200, "public: right user name and password")),

        // Me, to-do
        new("GET /api/v1/me", Targets.None, false, _ => Get("/api/v1/me"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/todo", Targets.None, false, _ => Get("/api/v1/todo"), _ => Is(200, "any signed-in user")),

        // Organisations
        new("GET /api/v1/organizations", Targets.None, false, _ => Get("/api/v1/organizations?level=school"), _ => Is(200, "any signed-in user, filtered by scope")),

        // Accounts
        new("GET /api/v1/accounts", Targets.None, false, _ => Get("/api/v1/accounts"),
            c => Permission(Administrators.Contains(c.Caller.Key), 200, "ManageAccounts")),
        new("POST /api/v1/accounts", Targets.AccountOrganization, false, c => Json(HttpMethod.Post, "/api/v1/accounts", NewAccount(c)),
            c => !Administrators.Contains(c.Caller.Key) ? Is(403, "lacks ManageAccounts")
                : c.Target == Outside ? Is(403, "organisation is not directly below its own")
                : Is(201, "administrator, organisation directly below its own (or own staff)")),
        new("PUT /api/v1/accounts/{userName}/disabled", Targets.Account, false,
            c => Json(HttpMethod.Put, $"/api/v1/accounts/{AccountOf(c)}/disabled", new { disabled = false }),
            c => !Administrators.Contains(c.Caller.Key) ? Is(403, "lacks ManageAccounts")
                : c.Target == Outside ? Is(404, "account outside its scope is not found")
                : Is(204, "administrator of the account's organisation")),

        // Registration at a school
        new("POST /api/v1/schools/{schoolCode}/students", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/schools/{c.School}/students", Api.NewStudent(IdNumbers.Next())),
            c => ScopedWrite(c.Caller, c.Target, Registrars, 201, "RegisterStudents")),
        new("GET /api/v1/schools/{schoolCode}/students", Targets.School, false,
            c => Get($"/api/v1/schools/{c.School}/students?pageSize=5"),
            c => c.Target == Outside
                ? new Expectation([200], "list filtered by scope: empty page", j => j.GetProperty("total").GetInt32() == 0 ? null : $"expected no students, got {j.GetProperty("total")}")
                : new Expectation([200], "ViewStudents, own school", j => j.GetProperty("total").GetInt32() > 0 ? null : "expected the school's students")),
        new("POST /api/v1/schools/{schoolCode}/students/import", Targets.School, false,
            c => File($"/api/v1/schools/{c.School}/students/import", Encoding.UTF8.GetBytes(Api.Csv([Api.CsvRow(IdNumbers.Next())])), "新生.csv"),
            c => ScopedWrite(c.Caller, c.Target, Registrars, 200, "RegisterStudents")),
        new("POST /api/v1/schools/{schoolCode}/students/verify", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/schools/{c.School}/students/verify", new { studentIds = new[] { await StudentToWorkOn(c, verified: false) }, method = "现场点名" }),
            c => ScopedWrite(c.Caller, c.Target, Registrars, 200, "RegisterStudents")),
        new("POST /api/v1/schools/{schoolCode}/registration-batches", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/schools/{c.School}/registration-batches", new { studentIds = new[] { await StudentToWorkOn(c, verified: true) } }),
            c => ScopedWrite(c.Caller, c.Target, Registrars, 200, "RegisterStudents")),
        new("POST /api/v1/schools/{schoolCode}/registration-reopenings", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/schools/{c.School}/registration-reopenings",
                new { intakeYear = 2026, intakeSeason = "Autumn", until = "2026-10-25", reason = "部分新生延迟报到，需要补录" }),
            c => !Reopeners.Contains(c.Caller.Key) ? Is(403, "lacks ReopenRegistration")
                : c.Target == Outside ? Is(403, "names a school outside its scope")
                : Is(200, "province administrator, school in its province")),
        new("PUT /api/v1/schools/{schoolCode}/declared-intake", Targets.School, false,
            c => Json(HttpMethod.Put, $"/api/v1/schools/{c.School}/declared-intake", new { intakeYear = 2026, intakeSeason = "Autumn", count = 40 }),
            c => ScopedWrite(c.Caller, c.Target, Registrars, 204, "RegisterStudents")),

        // Students
        new("GET /api/v1/students", Targets.None, false, _ => Get("/api/v1/students?pageSize=5"), _ => Is(200, "ViewStudents (every role), filtered by scope")),
        new("GET /api/v1/students/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "ViewStudents, in scope")),
        new("PUT /api/v1/students/{id}", Targets.Student, false,
            async c =>
            {
                var id = await StudentToWorkOn(c, verified: false);
                return await JsonIfMatch(c.App, HttpMethod.Put, $"/api/v1/students/{id}", Api.NewStudent(IdNumbers.Next()), $"/api/v1/students/{id}");
            },
            c => !Registrars.Contains(c.Caller.Key) ? Is(403, "lacks RegisterStudents")
                : c.Target == Outside ? Is(404, "student outside its scope is not found")
                : Is(200, "registrar, own school's unsubmitted student")),
        new("POST /api/v1/students/{id}/reveal-id-number", Targets.Student, false,
            async c => await Post($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}/reveal-id-number"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found (looked up before the permission)")
                : Permission(Revealers.Contains(c.Caller.Key), 200, "RevealPersonalData")),
        new("GET /api/v1/students/export", Targets.None, false, _ => Get("/api/v1/students/export?schoolCode=" + OwnSchool),
            c => Permission(!NonExporters.Contains(c.Caller.Key), 200, "ExportData")),
        new("GET /api/v1/students/import-template", Targets.None, false, _ => Get("/api/v1/students/import-template"), c => Registrars.Contains(c.Caller.Key) ? Is(200, "RegisterStudents") : Is(403, "only registrars need the import template")),

        // Review
        new("POST /api/v1/registrations/approve", Targets.Batch, false,
            async c =>
            {
                var batchId = (await Api.NewBatchAsync(c.App, BatchSchoolOf(c.Caller, c.Target))).BatchId;
                return await JsonIfMatch(c.App, HttpMethod.Post, "/api/v1/registrations/approve", new { batchId }, $"/api/v1/registrations/batches/{batchId}");
            },
            c => Review(c)),
        new("POST /api/v1/registrations/return", Targets.Batch, false,
            async c =>
            {
                var batchId = (await Api.NewBatchAsync(c.App, BatchSchoolOf(c.Caller, c.Target))).BatchId;
                return await JsonIfMatch(c.App, HttpMethod.Post, "/api/v1/registrations/return", new { batchId, reason = "照片与本人不符，请重新核验" }, $"/api/v1/registrations/batches/{batchId}");
            },
            c => Review(c)),
        new("GET /api/v1/registrations/batches/{id}", Targets.Batch, false,
            async c => await Get($"/api/v1/registrations/batches/{(await Api.NewBatchAsync(c.App, BatchSchoolOf(c.Caller, c.Target))).BatchId}"),
            c => c.Target == Outside ? Is(404, "batch outside its scope is not found") : Is(200, "in scope: its counts and its version (ETag)")),
        new("GET /api/v1/registrations/progress", Targets.None, false, _ => Get("/api/v1/registrations/progress?year=2026&season=Autumn"), _ => Is(200, "ViewStudents (every role), filtered by scope")),

        // Status changes (STA-1, STA-2, STA-5)
        new("POST /api/v1/students/{id}/status-changes", Targets.Student, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/students/{await ChangeStudentOf(c)}/status-changes", new { kind = "Suspension", occurredOn = "2026-10-12", reason = "因病休学" }),
            c => !ChangeClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageStatusChanges (school records staff only)")
                : c.Target == Outside ? Is(404, "student outside its scope is not found")
                : Is(201, "school records staff, own school's active student")),
        new("GET /api/v1/students/{id}/aid-eligibility", Targets.Student, false,
            async c => await Get($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}/aid-eligibility?date=2026-10-01"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/status-changes", Targets.None, false, _ => Get("/api/v1/status-changes?overdue=true"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/status-changes/on-time-rates", Targets.None, false, _ => Get("/api/v1/status-changes/on-time-rates"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/status-changes/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/status-changes/{await DraftChangeOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "change outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/status-changes/{id}/submit", Targets.School, false,
            async c => await Versioned(c.App, Post($"/api/v1/status-changes/{(ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ChangeAsync(c.App, c.School, "Suspension", "draft") : await DraftChangeOf(c.App, c.School))}/submit")),
            c => ChangeWrite(c, 200)),
        new("POST /api/v1/status-changes/{id}/accept", Targets.School, false,
            async c => await Versioned(c.App, Post($"/api/v1/status-changes/{await InboundOf(c)}/accept")),
            c => ChangeWrite(c, 200)),
        new("POST /api/v1/status-changes/{id}/approve", Targets.Batch, false,
            async c => await Versioned(c.App, Post($"/api/v1/status-changes/{await StatusChangeApi.ChangeAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "Withdrawal", "submitted")}/approve")),
            c => ChangeApproval(c)),
        new("POST /api/v1/status-changes/{id}/return", Targets.Batch, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/status-changes/{await StatusChangeApi.ChangeAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "Withdrawal", "submitted")}/return", new { reason = "缺少退学申请书" })),
            c => ChangeClerks.Contains(c.Caller.Key) && !ChangeApprovers.Contains(c.Caller.Key)
                ? (c.Target == Outside ? Is(404, "records staff may refuse a transfer, so the change is looked up: outside scope not found")
                    : Is(403, "withdrawal: only the school's direct supervising authority"))
                : ChangeApproval(c)),
        new("POST /api/v1/status-changes/{id}/undo", Targets.Batch, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/status-changes/{await StatusChangeApi.ChangeAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "Withdrawal", "approved")}/undo", new { reason = "经核实系误报" })),
            c => ChangeApproval(c)),
        new("POST /api/v1/status-changes/{id}/evidence", Targets.School, false,
            async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/status-changes/{await DraftChangeOf(c.App, c.School)}/evidence") { Content = Api.FileContent(StatusChangeApi.Png, "证明.png", "image/png") },
            c => ChangeWrite(c, 201)),
        new("GET /api/v1/status-changes/{id}/evidence/{fileId}", Targets.Student, false,
            async c =>
            {
                var (change, file) = await EvidenceOf(c.App, c.School);
                return await Get($"/api/v1/status-changes/{change}/evidence/{file}");
            },
            c => c.Target == Outside ? Is(404, "change outside its scope is not found") : Is(200, "any signed-in user, in scope")),

        // Supervision (STA-3, STA-4)
        new("GET /api/v1/presence-campaigns", Targets.None, false, _ => Get("/api/v1/presence-campaigns"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("POST /api/v1/presence-campaigns", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/presence-campaigns", new { name = "矩阵核验", startsOn = "2026-10-01", endsOn = "2027-03-31", schoolCodes = new[] { c.School } }),
            c => ScopedWrite(c.Caller, c.Target, Checkers, 201, "RunPresenceChecks")),
        new("GET /api/v1/presence-campaigns/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/presence-campaigns/{await SupervisionApi.CampaignOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "campaign outside its scope is not found") : Is(200, "any signed-in user, in scope (a school: its own part)")),
        new("GET /api/v1/presence-campaigns/{id}/students", Targets.Student, false,
            async c => await Get($"/api/v1/presence-campaigns/{await SupervisionApi.CampaignOf(c.App, c.School)}/students"),
            c => c.Target == Outside ? Is(404, "campaign outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/presence-campaigns/{id}/results", Targets.Student, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/presence-campaigns/{await SupervisionApi.CampaignOf(c.App, c.School)}/results",
                new { studentId = Checkers.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ActiveStudentAsync(c.App, c.School) : await c.App.SeededStudentOf(c.School), result = "Present" }),
            c => !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks RunPresenceChecks")
                : c.Target == Outside ? Is(404, "campaign outside its scope is not found")
                : Is(200, "authority that sees the campaign")),
        new("POST /api/v1/presence-campaigns/{id}/close", Targets.Student, false,
            async c => await Post($"/api/v1/presence-campaigns/{(Checkers.Contains(c.Caller.Key) && c.Target != Outside ? await SupervisionApi.OpenCampaignAsync(c.App, c.School, c.Caller.UserName) : await SupervisionApi.CampaignOf(c.App, c.School))}/close"),
            c => !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks RunPresenceChecks")
                : c.Target == Outside ? Is(404, "campaign outside its scope is not found")
                : Is(200, "the authority that opened it")),
        new("GET /api/v1/hanging-flags", Targets.None, false, _ => Get("/api/v1/hanging-flags?open=true"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("POST /api/v1/hanging-flags/scan", Targets.None, false, _ => Json(HttpMethod.Post, "/api/v1/hanging-flags/scan", new { }),
            c => Permission(Checkers.Contains(c.Caller.Key), 200, "RunPresenceChecks")),
        new("GET /api/v1/hanging-flags/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/hanging-flags/{await SupervisionApi.SharedFlagOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "flag outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/hanging-flags/{id}/answer", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/hanging-flags/{(Responders.Contains(c.Caller.Key) && c.Target != Outside ? await SupervisionApi.FlagAsync(c.App, c.School, answered: false) : await SupervisionApi.SharedFlagOf(c.App, c.School))}/answer",
                new { text = "学生在外实习，已联系确认" }),
            c => !Responders.Contains(c.Caller.Key) ? Is(403, "lacks RespondToSupervision")
                : c.Target == Outside ? Is(404, "flag outside its scope is not found")
                : Is(200, "the student's school")),
        new("POST /api/v1/hanging-flags/{id}/accept", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/hanging-flags/{await SupervisionApi.FlagAsync(c.App, BatchSchoolOf(c.Caller, c.Target), answered: true)}/accept", new { text = "情况属实" }),
            c => FlagReview(c)),
        new("POST /api/v1/hanging-flags/{id}/ask-again", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/hanging-flags/{await SupervisionApi.FlagAsync(c.App, BatchSchoolOf(c.Caller, c.Target), answered: true)}/ask-again", new { text = "请补充实习证明" }),
            c => FlagReview(c)),
        new("POST /api/v1/schools/{schoolCode}/supervision-measures", Targets.Batch, false,
            c => Json(HttpMethod.Post, $"/api/v1/schools/{BatchSchoolOf(c.Caller, c.Target)}/supervision-measures", new { kind = "Warning", reason = "异动逾期", evidenceText = "3 条异动逾期" }),
            c => !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks IssueSupervisionMeasures")
                : c.Target == Outside ? Is(403, "names a school outside its scope")
                : c.Target == NotSupervised ? Is(403, "in scope, but not the school's direct supervisor")
                : Is(201, "the school's direct supervisor")),
        new("GET /api/v1/supervision-measures", Targets.None, false, _ => Get("/api/v1/supervision-measures"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/supervision-measures/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/supervision-measures/{await SupervisionApi.SharedMeasureOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "measure outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/supervision-measures/{id}/rectification", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/supervision-measures/{await SupervisionApi.SharedMeasureOf(c.App, c.School)}/rectification", new { text = "已整改" }),
            c => !Responders.Contains(c.Caller.Key) ? Is(403, "lacks RespondToSupervision")
                : c.Target == Outside ? Is(404, "measure outside its scope is not found")
                : Is(200, "the school the measure is against")),
        new("POST /api/v1/supervision-measures/{id}/close", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/supervision-measures/{await SupervisionApi.MeasureAsync(c.App, BatchSchoolOf(c.Caller, c.Target))}/close", new { text = "已约谈，情况说明清楚" }),
            c => !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks IssueSupervisionMeasures")
                : c.Target == Outside ? Is(404, "measure outside its scope is not found")
                : c.Target == NotSupervised ? Is(403, "in scope, but not the school's direct supervisor")
                : Is(200, "the school's direct supervisor")),
        new("POST /api/v1/supervision-measures/{id}/files", Targets.School, false,
            async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/supervision-measures/{await SupervisionApi.SharedMeasureOf(c.App, c.School)}/files") { Content = Api.FileContent(StatusChangeApi.Png, "证据.png", "image/png") },
            c => !Checkers.Contains(c.Caller.Key) && !Responders.Contains(c.Caller.Key) ? Is(403, "lacks IssueSupervisionMeasures and RespondToSupervision")
                : c.Target == Outside ? Is(404, "measure outside its scope is not found")
                : Responders.Contains(c.Caller.Key) || c.Caller.Level == "city" ? Is(201, "the school, or its direct supervisor")
                : Is(403, "in scope, but not the school's direct supervisor")),
        new("GET /api/v1/supervision-measures/{id}/files/{fileId}", Targets.Student, false,
            async c =>
            {
                var (measure, file) = await SupervisionApi.MeasureFileOf(c.App, c.School);
                return await Get($"/api/v1/supervision-measures/{measure}/files/{file}");
            },
            c => c.Target == Outside ? Is(404, "measure outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/supervision/compliance", Targets.None, false, _ => Get("/api/v1/supervision/compliance"), _ => Is(200, "any signed-in user, filtered by scope")),

        // Graduation (GRD-1) and the public certificate lookup (GRD-2)
        new("POST /api/v1/schools/{schoolCode}/graduation-rounds", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/schools/{c.School}/graduation-rounds", new { name = "矩阵毕业批次", graduationDate = "2026-07-01" }),
            c => ScopedWrite(c.Caller, c.Target, ChangeClerks, 201, "ManageStatusChanges")),
        new("GET /api/v1/graduation-rounds", Targets.None, false, _ => Get("/api/v1/graduation-rounds"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/graduation-rounds/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/graduation-rounds/{await DraftRoundOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "round outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("PUT /api/v1/graduation-rounds/{id}/assessments", Targets.School, false,
            async c =>
            {
                var round = ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? await GraduationApi.RoundAsync(c.App, c.School, "assessed", 1) : default;
                var id = round.ValueKind == JsonValueKind.Undefined ? await DraftRoundOf(c.App, c.School) : GraduationApi.IdOf(round);
                var entry = round.ValueKind == JsonValueKind.Undefined ? Guid.NewGuid() : round.GetProperty("entries")[0].GetProperty("id").GetGuid();
                return await Versioned(c.App, Json(HttpMethod.Put, $"/api/v1/graduation-rounds/{id}/assessments", new { items = new[] { new { entryId = entry, conductPassed = true, coursesPassed = true } } }));
            },
            c => ChangeWrite(c, 200)),
        new("DELETE /api/v1/graduation-rounds/{id}/entries/{entryId}", Targets.School, false,
            async c =>
            {
                var round = ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? await GraduationApi.RoundAsync(c.App, c.School, "assessed", 1) : default;
                var id = round.ValueKind == JsonValueKind.Undefined ? await DraftRoundOf(c.App, c.School) : GraduationApi.IdOf(round);
                var entry = round.ValueKind == JsonValueKind.Undefined ? Guid.NewGuid() : round.GetProperty("entries")[0].GetProperty("id").GetGuid();
                var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/graduation-rounds/{id}/entries/{entry}?reason=学生已休学");
                using var ministry = await c.App.ClientFor("ministry");
                using var get = await ministry.GetAsync($"/api/v1/graduation-rounds/{id}");
                if (get.Headers.ETag is { } etag)
                {
                    request.Headers.IfMatch.Add(etag);
                }

                return request;
            },
            c => ChangeWrite(c, 200)),
        new("POST /api/v1/graduation-rounds/{id}/submit", Targets.School, false,
            async c => await Versioned(c.App, Post($"/api/v1/graduation-rounds/{(ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? GraduationApi.IdOf(await GraduationApi.RoundAsync(c.App, c.School, "assessed", 1)) : await DraftRoundOf(c.App, c.School))}/submit")),
            c => ChangeWrite(c, 200)),
        new("POST /api/v1/graduation-rounds/{id}/approve", Targets.Batch, false,
            async c => await Versioned(c.App, Post($"/api/v1/graduation-rounds/{GraduationApi.IdOf(await GraduationApi.RoundAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "submitted", 1))}/approve")),
            c => GraduationReview(c)),
        new("POST /api/v1/graduation-rounds/{id}/return", Targets.Batch, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/graduation-rounds/{GraduationApi.IdOf(await GraduationApi.RoundAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "submitted", 1))}/return", new { reason = "缺少课程成绩单" })),
            c => GraduationReview(c)),
        new("GET /api/v1/certificates/{number}", Targets.Student, false,
            async c => await Get($"/api/v1/certificates/{await CertificateOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "certificate outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("POST /api/v1/certificates/{number}/upgrade", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/certificates/{GraduationApi.NumberOf(await GraduationApi.RoundAsync(c.App, BatchSchoolOf(c.Caller, c.Target), "approved", 1, failLast: true), 0)}/upgrade", new { reason = "补考全部合格" }),
            c => GraduationReview(c, 201)),
        new("GET /api/v1/public/certificates/{number}", Targets.None, true,
            _ => Get($"/api/v1/public/certificates/{GraduationApi.DemoNumber}?name={Uri.EscapeDataString(GraduationApi.DemoHolder)}"),
            _ => Is(200, "public: right number and name")),

        // Calendar
        new("GET /api/v1/calendar/{year}", Targets.None, false, _ => Get("/api/v1/calendar/2026"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/calendar/add-working-days", Targets.None, false, _ => Get("/api/v1/calendar/add-working-days?from=2026-09-28&days=5"), _ => Is(200, "any signed-in user")),
        new("POST /api/v1/calendar/import", Targets.None, false,
            _ => File("/api/v1/calendar/import", Encoding.UTF8.GetBytes("date,kind,name_zh,name_en\n2031-01-01,holiday,元旦,New Year's Day\n"), "holidays.csv"),
            c => Permission(CalendarKeepers.Contains(c.Caller.Key), 200, "ManageCalendar")),

        // Aid policy tables (AID-3/4/5/7): read by every signed-in user; written by the ministry (national rows, any
        // province, central shares) and a province administrator (own province; "outside" is province 51).
        new("GET /api/v1/aid-policies", Targets.None, false, _ => Get("/api/v1/aid-policies?provinceCode=44"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/aid-policies/{id}", Targets.None, false, _ => Get($"/api/v1/aid-policies/{AidPolicyApi.National2025}"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/aid-policies/effective", Targets.None, false, _ => Get("/api/v1/aid-policies/effective?provinceCode=44&date=2025-03-01"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/aid-policies/national-ranges", Targets.None, false, _ => Get("/api/v1/aid-policies/national-ranges"), _ => Is(200, "any signed-in user")),
        new("GET /api/v1/aid-policies/central-shares", Targets.None, false, _ => Get("/api/v1/aid-policies/central-shares"), _ => Is(200, "any signed-in user")),
        new("POST /api/v1/aid-policies", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/aid-policies", AidPolicyApi.Table(c.Target == Outside ? "51" : "44", AidPolicyApi.FreshYear())),
            c => PolicyWrite(c, 201)),
        new("PUT /api/v1/aid-policies/{id}", Targets.School, false,
            async c =>
            {
                var id = await AidPolicyApi.TableOf(c.App, c.Target == Outside ? "51" : "44");
                return await Json(HttpMethod.Put, $"/api/v1/aid-policies/{id}", await AidPolicyApi.ValuesOf(c.App, id));
            },
            c => PolicyWrite(c, 200)),
        new("POST /api/v1/aid-policies/national-ranges", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/aid-policies/national-ranges", AidPolicyApi.Range(AidPolicyApi.FreshPastYear())),
            c => c.Caller.Key == "ministry-admin" ? Is(201, "ministry administrator") : Is(403, "national range: ministry administrator only")),
        new("PUT /api/v1/aid-policies/national-ranges/{id}", Targets.None, false,
            _ => Json(HttpMethod.Put, $"/api/v1/aid-policies/national-ranges/{AidPolicyApi.Range2024}", AidPolicyApi.SeededRange()),
            c => c.Caller.Key == "ministry-admin" ? Is(200, "ministry administrator") : Is(403, "national range: ministry administrator only")),
        new("POST /api/v1/aid-policies/central-shares", Targets.None, false,
            async c =>
            {
                await AidPolicyApi.CloseBeijingShare(c.App);
                return await Json(HttpMethod.Post, "/api/v1/aid-policies/central-shares",
                    new { provinceCode = "11", sharePercent = 10, validFrom = $"{AidPolicyApi.FreshYear()}-01-01", validTo = $"{AidPolicyApi.FreshYear()}-12-31", source = "矩阵测试" });
            },
            c => c.Caller.Key == "ministry-admin" ? Is(201, "ministry administrator") : Is(403, "central shares: ministry administrator only")),
        new("PUT /api/v1/aid-policies/central-shares/{id}", Targets.None, false,
            _ => Json(HttpMethod.Put, $"/api/v1/aid-policies/central-shares/{Guid.Parse("a1d00000-0000-0000-0002-000000000044")}",
                new { provinceCode = "44", sharePercent = 30, validFrom = "2024-01-01", source = "国办发〔2018〕6号" }),
            c => c.Caller.Key == "ministry-admin" ? Is(200, "ministry administrator") : Is(403, "central shares: ministry administrator only")),

        // Hardship identification (AID-1)
        new("POST /api/v1/students/{id}/hardship", Targets.Student, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/students/{(HardshipClerks.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ActiveStudentAsync(c.App, c.School) : await c.App.SeededStudentOf(c.School))}/hardship", HardshipApi.Application()),
            c => !HardshipClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageHardship (school aid and records staff only)")
                : c.Target == Outside ? Is(404, "student outside its scope is not found")
                : Is(201, "school aid staff, own school's active student")),
        new("GET /api/v1/students/{id}/hardship", Targets.Student, false,
            async c => await Get($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}/hardship"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/schools/{schoolCode}/hardship-publication", Targets.School, false,
            c => Get($"/api/v1/schools/{c.School}/hardship-publication"),
            c => c.Target == Outside ? Is(404, "school outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/hardship", Targets.None, false, _ => Get("/api/v1/hardship?schoolYear=2026&priorityOnly=true"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/hardship/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/hardship/{await HardshipApi.AnyOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "assessment outside its scope is not found") : Is(200, "any signed-in user, in scope (family details only for the school's aid staff)")),
        new("POST /api/v1/hardship/{id}/panel-review", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{await HardshipOf(c, "applied")}/panel-review", HardshipApi.Panel)),
            c => HardshipWrite(c, 200)),
        new("POST /api/v1/hardship/{id}/decision", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{await HardshipOf(c, "reviewed")}/decision", HardshipApi.Decision)),
            c => HardshipWrite(c, 200)),
        new("POST /api/v1/hardship/{id}/publication", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{await HardshipOf(c, "decided")}/publication", HardshipApi.Publication)),
            c => HardshipWrite(c, 200)),
        new("POST /api/v1/hardship/{id}/objection", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{await HardshipOf(c, "published")}/objection", new { text = "对认定等级有异议" })),
            c => HardshipWrite(c, 200)),
        new("POST /api/v1/hardship/{id}/objection-answer", Targets.School, false,
            async c =>
            {
                var id = await HardshipOf(c, "published");
                if (HardshipClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    using var admin = await c.App.ClientFor($"school-{c.School}");
                    await HardshipApi.PostAsync(admin, $"/api/v1/hardship/{id}/objection", new { text = "对认定等级有异议" });
                }

                return await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{id}/objection-answer", new { answer = "经复核，维持原认定" }));
            },
            c => HardshipWrite(c, 200)),
        new("POST /api/v1/hardship/{id}/archive", Targets.School, false,
            async c => await Versioned(c.App, Post($"/api/v1/hardship/{await HardshipOf(c, "published")}/archive")),
            c => HardshipWrite(c, 409, "school aid staff, own school: allowed, then refused by state (publication still running on the test clock)")),
        new("POST /api/v1/hardship/{id}/reassessment", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/hardship/{await HardshipOf(c, "published")}/reassessment", HardshipApi.Application())),
            c => HardshipWrite(c, 409, "school aid staff, own school: allowed, then refused by state (only an archived version is re-assessed)")),

        // Aid rounds (AID-3..7): the school's aid staff (ManageAidRounds) build, publish and submit their own school's
        // lists; the school's direct supervisor alone reviews; the province administrator alone reopens the deadline;
        // every read is filtered by scope (a list, line, student or school outside it is not found).
        new("GET /api/v1/students/{id}/aid-explanation", Targets.Student, false,
            async c => await Get($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}/aid-explanation?schoolYear=2026&semester=Autumn"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/students/{id}/aid-records", Targets.Student, false,
            async c => await Get($"/api/v1/students/{await c.App.SeededStudentOf(c.School)}/aid-records"),
            c => c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/schools/{schoolCode}/aid-publication", Targets.School, false,
            c => Get($"/api/v1/schools/{c.School}/aid-publication"),
            c => c.Target == Outside ? Is(404, "school outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/aid-rounds", Targets.None, false, _ => Get("/api/v1/aid-rounds?schoolYear=2026&semester=Autumn"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("POST /api/v1/aid-rounds", Targets.School, false,
            async c =>
            {
                if (AidClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    await AidRoundApi.ParkAsync(c.App, c.School, "Waiver");
                }

                return await Json(HttpMethod.Post, "/api/v1/aid-rounds", new { schoolCode = c.School, schoolYear = 2026, semester = "Autumn", item = "Waiver" });
            },
            c => ScopedWrite(c.Caller, c.Target, AidClerks, 201, "ManageAidRounds")),
        new("GET /api/v1/aid-rounds/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/aid-rounds/{await AidRoundApi.AnyOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "list outside its scope is not found") : Is(200, "any signed-in user, in scope")),
        new("GET /api/v1/aid-rounds/{id}/entries", Targets.Student, false,
            async c => await Get($"/api/v1/aid-rounds/{await AidRoundApi.AnyOf(c.App, c.School)}/entries"),
            c => c.Target == Outside ? Is(404, "list outside its scope is not found")
                : new Expectation([200], "any signed-in user, in scope", j => j.GetProperty("total").GetInt32() > 0 ? null : "expected the list's lines")),
        new("GET /api/v1/aid-rounds/{id}/entries/export", Targets.Student, false,
            async c => await Get($"/api/v1/aid-rounds/{await AidRoundApi.AnyOf(c.App, c.School)}/entries/export"),
            c => NonExporters.Contains(c.Caller.Key) ? Is(403, "lacks ExportData (checked before the list is looked up)")
                : c.Target == Outside ? Is(404, "list outside its scope is not found")
                : Is(200, "ExportData, in scope")),
        new("GET /api/v1/aid-rounds/{id}/proposed-ids", Targets.Student, false,
            async c => await Get($"/api/v1/aid-rounds/{await AidRoundApi.AnyOf(c.App, c.School)}/proposed-ids"),
            c => c.Target == Outside ? Is(404, "list outside its scope is not found")
                : new Expectation([200], "any signed-in user, in scope", j => j.GetArrayLength() > 0 ? null : "expected the list's proposed lines")),
        new("POST /api/v1/aid-rounds/{id}/entries", Targets.School, false,
            async c =>
            {
                if (AidClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    var round = AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, c.School, "Waiver", "draft"));
                    return await Json(HttpMethod.Post, $"/api/v1/aid-rounds/{round}/entries", new { studentId = await StatusChangeApi.ActiveStudentAsync(c.App, c.School) });
                }

                return await Json(HttpMethod.Post, $"/api/v1/aid-rounds/{await AidRoundApi.AnyOf(c.App, c.School)}/entries", new { studentId = await c.App.SeededStudentOf(c.School) });
            },
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-rounds/{id}/publication", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/aid-rounds/{await AidRoundOf(c, "draft")}/publication", AidRoundApi.Publication),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-rounds/{id}/submission", Targets.School, false,
            async c =>
            {
                var round = await AidRoundOf(c, "published");
                if (AidClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    await AidRoundApi.EndPublicationAsync(c.App, round);
                }

                return await Json(HttpMethod.Post, $"/api/v1/aid-rounds/{round}/submission", new { declaredEligibleCount = 3 });
            },
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-rounds/{id}/review", Targets.Batch, false,
            async c =>
            {
                var school = BatchSchoolOf(c.Caller, c.Target);
                var round = AidReview(c).Statuses[0] == 200
                    ? AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, school, "Waiver", "submitted"))
                    : await AidRoundApi.AnyOf(c.App, school);
                return await Json(HttpMethod.Post, $"/api/v1/aid-rounds/{round}/review", new { decision = "Approve", note = "材料齐全" });
            },
            c => AidReview(c)),
        new("POST /api/v1/aid-rounds/reopenings", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/aid-rounds/reopenings",
                new { provinceCode = c.Target == Outside ? "51" : "44", schoolYear = 2026, semester = "Autumn", until = "2026-12-15", reason = "部分学校名单因系统故障未能按时审核" }),
            c => !Reopeners.Contains(c.Caller.Key) ? Is(403, "lacks ReopenAidDeadline (province administrator only)")
                : c.Target == Outside ? Is(403, "another province")
                : Is(201, "province administrator, own province")),
        new("POST /api/v1/aid-entries/{id}/tier", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Grant", "draft")}/tier", new { yearAmountFen = 300_000 }),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-entries/{id}/withdrawal", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Waiver", "draft")}/withdrawal", new { reason = "学生本人申请放弃" }),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-entries/{id}/objection", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Waiver", "published")}/objection", new { text = "该生家庭条件较好" }),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-entries/{id}/objection-answer", Targets.School, false,
            async c =>
            {
                var entry = await AidEntryOf(c, "Waiver", "published");
                if (AidClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    using var admin = await c.App.ClientFor($"school-{c.School}");
                    await AidRoundApi.PostAsync(admin, $"/api/v1/aid-entries/{entry}/objection", new { text = "该生家庭条件较好" });
                }

                return await Json(HttpMethod.Post, $"/api/v1/aid-entries/{entry}/objection-answer", new { answer = "经核实，该生系农村户籍，符合免学费条件" });
            },
            c => AidWrite(c, 200)),
        new("GET /api/v1/aid-reports/priority-gaps", Targets.None, false, _ => Get("/api/v1/aid-reports/priority-gaps?schoolYear=2026&semester=Autumn"), _ => Is(200, "any signed-in user, over its scope")),
        new("GET /api/v1/aid-reports/funding-gap", Targets.None, false, _ => Get("/api/v1/aid-reports/funding-gap?schoolYear=2026&semester=Autumn&item=Grant"), _ => Is(200, "any signed-in user, over its scope")),
        new("GET /api/v1/aid-reports/funding-gap/export", Targets.None, false, _ => Get("/api/v1/aid-reports/funding-gap/export?schoolYear=2026&semester=Autumn&item=Waiver"),
            c => Permission(!NonExporters.Contains(c.Caller.Key), 200, "ExportData")),

        // Cross-check (CHK-1/2): files and runs are the ministry administrator's; result lists, history and exports are
        // per scope; clearance is the school's aid staff's (a case id not in scope is 404); our side of the exchange carries
        // clear ID numbers, so ministry/province with RevealPersonalData and ExportData only.
        new("POST /api/v1/crosscheck/runs", Targets.None, false,
            _ =>
            {
                var n = Interlocked.Increment(ref _counter);
                var form = Api.FileContent(Encoding.UTF8.GetBytes($"证件号码,姓名,资助项目,学年,学期\n11010519800101123{n % 10},某,助学金,2026-2027,秋季学期\n"), $"moe-{n}.csv");
                form.Add(new StringContent("2026-10"), "month");
                return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/crosscheck/runs") { Content = form });
            },
            c => Permission(c.Caller.Key == "ministry-admin", 201, "RunCrossCheck (ministry administrator)")),
        new("GET /api/v1/crosscheck/runs", Targets.None, false, _ => Get("/api/v1/crosscheck/runs"),
            c => Permission(c.Caller.Level == "ministry", 200, "ministry level")),
        new("GET /api/v1/crosscheck/runs/{id}", Targets.None, false, _ => Get($"/api/v1/crosscheck/runs/{Guid.NewGuid()}"),
            c => c.Caller.Level == "ministry" ? Is(404, "ministry level; an unknown run is not found") : Is(403, "not ministry level")),
        new("GET /api/v1/crosscheck/runs/{id}/rejected/export", Targets.None, false, _ => Get($"/api/v1/crosscheck/runs/{Guid.NewGuid()}/rejected/export"),
            c => c.Caller.Level == "ministry" ? Is(404, "ministry level; an unknown run is not found") : Is(403, "not ministry level")),
        new("POST /api/v1/crosscheck/internal-runs", Targets.None, false, _ => Json(HttpMethod.Post, "/api/v1/crosscheck/internal-runs", new { month = "2026-10" }),
            c => Permission(c.Caller.Key == "ministry-admin", 201, "RunCrossCheck (ministry administrator)")),
        new("GET /api/v1/crosscheck/cases", Targets.None, false, _ => Get("/api/v1/crosscheck/cases?item=Grant&month=2026-10"), _ => Is(200, "any signed-in user, filtered by scope")),
        new("GET /api/v1/crosscheck/cases/export", Targets.None, false, _ => Get("/api/v1/crosscheck/cases/export?item=Waiver"),
            c => Permission(!NonExporters.Contains(c.Caller.Key), 200, "ExportData")),
        new("GET /api/v1/crosscheck/cases/{id}", Targets.None, false, _ => Get($"/api/v1/crosscheck/cases/{Guid.NewGuid()}"), _ => Is(404, "a case not in scope is not found")),
        new("POST /api/v1/crosscheck/cases/{id}/clearance", Targets.None, false,
            _ =>
            {
                var form = Api.FileContent(StatusChangeApi.Png, "证明.png", "image/png");
                form.Add(new StringContent("Keep"), "action");
                form.Add(new StringContent("经核实对方数据有误"), "note");
                return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/crosscheck/cases/{Guid.NewGuid()}/clearance") { Content = form });
            },
            c => AidClerks.Contains(c.Caller.Key) ? Is(404, "school aid staff; a case not in scope is not found") : Is(403, "lacks ManageAidRounds (school aid staff only)")),
        new("GET /api/v1/crosscheck/cases/{id}/evidence", Targets.None, false, _ => Get($"/api/v1/crosscheck/cases/{Guid.NewGuid()}/evidence"), _ => Is(404, "a case not in scope is not found")),
        new("GET /api/v1/crosscheck/history", Targets.None, false, _ => Get("/api/v1/crosscheck/history?item=Grant"), _ => Is(200, "any signed-in user, over its scope")),
        new("GET /api/v1/crosscheck/exchange-export", Targets.None, false, _ => Get("/api/v1/crosscheck/exchange-export?term=2026-autumn&encoding=gbk"),
            c => Permission(c.Caller.Key is "ministry-admin" or "province-admin", 200, "ministry/province with RevealPersonalData and ExportData")),

        // Audit
        new("GET /api/v1/audit-events", Targets.None, false, _ => Get("/api/v1/audit-events?pageSize=5"),
            c => Permission(AuditReaders.Contains(c.Caller.Key), 200, "ViewAudit")),
    ];

    // ------------------------------------------------------------------ aid rounds

    /// <summary>The school's aid staff, own school: 403 for every other role, 404 for a list or line outside the scope.</summary>
    private static Expectation AidWrite(Cell c, int success) =>
        !AidClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageAidRounds (school aid staff only)")
        : c.Target == Outside ? Is(404, "list outside its scope is not found")
        : Is(success, "school aid staff, own school");

    /// <summary>A list is reviewed only by the school's direct supervisor (ScopePaths.ParentOf of the school).</summary>
    private static Expectation AidReview(Cell c) =>
        !AidReviewers.Contains(c.Caller.Key) ? Is(403, "lacks ReviewAidRounds")
        : c.Target switch
        {
            Supervised => Is(200, "the school's direct supervisor"),
            NotSupervised => Is(403, "in scope, but not the school's direct supervisor"),
            _ => Is(404, "list outside its scope is not found"),
        };

    /// <summary>A fresh list at the step for the school's aid staff; otherwise the school's shared list.</summary>
    private static async Task<Guid> AidRoundOf(Cell c, string upTo) =>
        AidClerks.Contains(c.Caller.Key) && c.Target != Outside
            ? AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, c.School, "Waiver", upTo))
            : await AidRoundApi.AnyOf(c.App, c.School);

    /// <summary>A proposed line of a fresh list at the step for the school's aid staff; otherwise a line of the shared list.</summary>
    private static async Task<Guid> AidEntryOf(Cell c, string item, string upTo) =>
        AidClerks.Contains(c.Caller.Key) && c.Target != Outside
            ? await AidRoundApi.FirstEntryAsync(c.App, c.School, AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, c.School, item, upTo)))
            : await AidRoundApi.AnyEntryOf(c.App, c.School);

    // ------------------------------------------------------------------ aid policies

    /// <summary>A policy table of province 44 (inside) or 51 (outside): ManagePolicy and the province in scope.</summary>
    private static Expectation PolicyWrite(Cell c, int success) =>
        !PolicyKeepers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePolicy")
        : c.Target == Outside ? Is(403, "province outside its scope")
        : Is(success, "has ManagePolicy, province in scope");

    // ------------------------------------------------------------------ graduation

    private static readonly Dictionary<string, Guid> DraftRounds = [];
    private static readonly Dictionary<string, string> Certificates = [];

    /// <summary>Reviews (approve, return, upgrade) belong to the school's direct supervising authority alone.</summary>
    private static Expectation GraduationReview(Cell c, int success = 200) =>
        !ChangeAuthorities.Contains(c.Caller.Key) ? Is(403, "not a supervising authority (ApproveStatusChanges at city or province level)")
        : c.Target == Outside ? Is(404, "round outside its scope is not found")
        : c.Target == Supervised ? Is(success, "the school's direct supervisor")
        : Is(403, "in scope, but not the school's direct supervisor");

    /// <summary>One empty draft round per school, made once by the school's administrator.</summary>
    private static async Task<Guid> DraftRoundOf(TestApp app, string school)
    {
        if (!DraftRounds.TryGetValue(school, out var id))
        {
            id = GraduationApi.IdOf(await GraduationApi.RoundAsync(app, school, "draft"));
            DraftRounds[school] = id;
        }

        return id;
    }

    /// <summary>One issued certificate per school, through the whole flow once.</summary>
    private static async Task<string> CertificateOf(TestApp app, string school)
    {
        if (!Certificates.TryGetValue(school, out var number))
        {
            number = GraduationApi.NumberOf(await GraduationApi.RoundAsync(app, school, "approved", 1), 0);
            Certificates[school] = number;
        }

        return number;
    }

    // ------------------------------------------------------------------ status changes


    /// <summary>Writes of the school's records staff: 403 for every other role, 404 for a change outside the scope.</summary>
    private static Expectation ChangeWrite(Cell c, int success) =>
        !ChangeClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageStatusChanges")
        : c.Target == Outside ? Is(404, "change outside its scope is not found")
        : Is(success, "school records staff, own school");

    /// <summary>A withdrawal is approved, returned or undone only by the school's direct supervisor.</summary>
    private static Expectation ChangeApproval(Cell c) =>
        !ChangeApprovers.Contains(c.Caller.Key) ? Is(403, "lacks ApproveStatusChanges")
        : c.Target == Outside ? Is(404, "change outside its scope is not found")
        : ChangeAuthorities.Contains(c.Caller.Key) && c.Target == Supervised ? Is(200, "the school's direct supervisor")
        : Is(403, "withdrawal: only the school's direct supervising authority");

    private static Expectation HardshipWrite(Cell c, int success, string rule = "school aid staff, own school") =>
        !HardshipClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageHardship")
        : c.Target == Outside ? Is(404, "assessment outside its scope is not found")
        : Is(success, rule);

    /// <summary>A fresh assessment at the right step for the school's aid staff; otherwise any assessment of the school.</summary>
    private static async Task<Guid> HardshipOf(Cell c, string upTo) =>
        HardshipClerks.Contains(c.Caller.Key) && c.Target != Outside ? await HardshipApi.AssessmentAsync(c.App, c.School, upTo) : await HardshipApi.AnyOf(c.App, c.School);

    private static async Task<Guid> ChangeStudentOf(Cell c) =>
        ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ActiveStudentAsync(c.App, c.School) : await c.App.SeededStudentOf(c.School);

    /// <summary>One draft change per school, made once by the school's administrator.</summary>
    private static async Task<Guid> DraftChangeOf(TestApp app, string school)
    {
        if (!Drafts.TryGetValue(school, out var id))
        {
            id = await StatusChangeApi.ChangeAsync(app, school, "Suspension", "draft");
            Drafts[school] = id;
        }

        return id;
    }

    private static async Task<(Guid Change, Guid File)> EvidenceOf(TestApp app, string school)
    {
        if (!Evidence.TryGetValue(school, out var pair))
        {
            var change = await DraftChangeOf(app, school);
            using var admin = await app.ClientFor($"school-{school}");
            using var response = await admin.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(StatusChangeApi.Png, "证明.png", "image/png"));
            pair = (change, (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
            Evidence[school] = pair;
        }

        return pair;
    }

    /// <summary>The receiving school's row of a fresh transfer into the cell's school, proposed by another school of city 4401.</summary>
    private static Task<Guid> InboundOf(Cell c) => StatusChangeApi.InboundTransferAsync(c.App, c.School == "44010010" ? "44010007" : "44010010", c.School);

    /// <summary>Answers to hanging flags are reviewed only by the school's direct supervisor.</summary>
    private static Expectation FlagReview(Cell c) =>
        !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks RunPresenceChecks")
        : c.Target == Outside ? Is(404, "flag outside its scope is not found")
        : c.Target == NotSupervised ? Is(403, "in scope, but not the school's direct supervisor")
        : Is(200, "the school's direct supervisor");

    private static Expectation Review(Cell c) =>
        !Reviewers.Contains(c.Caller.Key) ? Is(403, "lacks ReviewRegistrations")
        : c.Target switch
        {
            Supervised => Is(200, "the school's direct supervisor"),
            NotSupervised => Is(403, "in scope, but not the school's direct supervisor"),
            _ => Is(404, "batch outside its scope is not found"),
        };

    /// <summary>A new account below the caller's organisation (or one outside its reach).</summary>
    private static object NewAccount(Cell c)
    {
        var n = Interlocked.Increment(ref _counter);
        var (role, org) = (c.Caller.Level, c.Target) switch
        {
            ("province", Outside) => ("CityReviewer", "5101"),
            ("city", Outside) => ("SchoolAdmin", "44030005"),
            ("school", Outside) => ("SchoolAidOfficer", "44010007"),
            ("ministry", _) => ("ProvinceReviewer", "44"),
            ("province", _) => ("CityReviewer", "4403"),
            ("city", _) => ("SchoolAdmin", "44010007"),
            _ => ("SchoolAidOfficer", OwnSchool),
        };
        return new { userName = $"matrix-{n}", displayName = "矩阵测试", role, organizationCode = org, password = "Matrix#Pass2026" };
    }

    /// <summary>An existing account below the caller's organisation (or outside its scope). Only ever enabled, never disabled.</summary>
    private static string AccountOf(Cell c) => (c.Caller.Level, c.Target) switch
    {
        ("province", Outside) => "city-5107",
        ("city", Outside) => "school-44030005",
        ("school", Outside) => "school-44010007",
        ("ministry", _) => "prov-51-reviewer",
        ("province", _) => "city-4405",
        ("city", _) => "school-44010010",
        _ => "school-44010004-finance",
    };

    /// <summary>
    /// For a cell expected to succeed, a fresh student of the own school in the state the step needs (registered, or
    /// registered and verified) made by the school administrator; for any other cell a demo student of the school.
    /// </summary>
    private static async Task<Guid> StudentToWorkOn(Cell c, bool verified)
    {
        if (!Registrars.Contains(c.Caller.Key) || c.Target == Outside)
        {
            return await c.App.SeededStudentOf(c.School);
        }

        using var admin = await c.App.ClientFor($"school-{c.School}");
        var id = await Api.RegisterAsync(admin, c.School);
        if (verified)
        {
            await Api.VerifyAsync(admin, c.School, id);
        }

        return id;
    }

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path));

    private static Task<HttpRequestMessage> Json(HttpMethod method, string path, object body) =>
        Task.FromResult(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    /// <summary>A decision on /…/{id}/{step} with the If-Match of /…/{id} as the ministry reads it (it sees everything).</summary>
    private static async Task<HttpRequestMessage> Versioned(TestApp app, Task<HttpRequestMessage> pending)
    {
        var request = await pending;
        var path = request.RequestUri!.OriginalString;
        using var ministry = await app.ClientFor("ministry");
        using var get = await ministry.GetAsync(path[..path.LastIndexOf('/')]);
        if (get.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return request;
    }

    /// <summary>An edit or decision with the resource's current ETag (read by the ministry, which sees everything) as If-Match.</summary>
    private static async Task<HttpRequestMessage> JsonIfMatch(TestApp app, HttpMethod method, string path, object body, string versionPath)
    {
        using var ministry = await app.ClientFor("ministry");
        using var get = await ministry.GetAsync(versionPath);
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (get.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return request;
    }

    private static Task<HttpRequestMessage> File(string path, byte[] bytes, string fileName) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = Api.FileContent(bytes, fileName) });

    // ------------------------------------------------------------------ the matrix

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var e in Endpoints)
        {
            foreach (var c in Callers)
            {
                foreach (var t in TargetsOf(e.Kind, c))
                {
                    data.Add(e.Key, c.Key, t);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_CallerAndTarget_AnswersPerRules(string endpoint, string caller, string target)
    {
        var e = Endpoints.Single(x => x.Key == endpoint);
        var who = Callers.Single(x => x.Key == caller);
        var cell = new Cell(app, who, target);
        var expected = who.IsAnonymous && !e.Public ? Is(401, "no token on a protected route") : e.Expected(cell);

        using var request = await e.Request(cell);
        using var client = who.IsAnonymous ? app.AnonymousClient() : await app.ClientFor(who.UserName!);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(
            expected.Statuses.Contains(status),
            $"{e.Route} as {caller} [{target}]: expected {expected}, got {status}. Body: {Shorten(body)}");

        if (expected.Check is not null)
        {
            var problem = expected.Check(JsonDocument.Parse(body).RootElement);
            Assert.True(problem is null, $"{endpoint} as {caller} [{target}]: {problem}");
        }
    }

    [Fact]
    public void Matrix_CoversEveryMappedApiEndpoint()
    {
        // Every endpoint the application maps under /api/v1 (read from the running app), plus the public ones, has a
        // row in the matrix: a new endpoint without a row fails here.
        var mapped = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(r => r.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(r => (r.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalize(r.RoutePattern.RawText!)}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var covered = Endpoints.Select(e => Normalize(e.Route)).ToHashSet();
        var missing = mapped.Where(m => !covered.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in the matrix: " + string.Join(", ", missing));
        Assert.True(mapped.Count >= 20, "Expected the API's endpoints, found: " + string.Join(", ", mapped));
    }

    private static string Normalize(string route)
    {
        // "GET /api/v1/students/{id:guid}" and "GET /api/v1/students/{id}" are the same row; trailing slashes too.
        var parts = route.Split('/').Select(p => p.StartsWith('{') ? "{" + p.Trim('{', '}').Split(':')[0] + "}" : p);
        return string.Join('/', parts).TrimEnd('/');
    }

    private static string Shorten(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
