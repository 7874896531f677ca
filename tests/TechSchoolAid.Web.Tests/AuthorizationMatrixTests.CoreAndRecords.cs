using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The matrix rows of: sign-in, organisations, accounts, students and registration.</summary>
    private static Endpoint[] CoreAndRecordsEndpoints =>
    [
        // System
        new("GET /health", Targets.None, true, _ => Get("/health"), _ => Is(200, "public")),
        // The API document and its reference: only the ministry's and provinces' administrators (ManagePolicy), in every environment.
        new("GET /openapi/v1.json", Targets.None, false, _ => Get("/openapi/v1.json"),
            c => Permission(c.Caller.Key is "ministry-admin" or "province-admin", 200, "ManagePolicy")),
        // /api/reference redirects to /api/reference/ (ApiReference_Administrator_RedirectsToPageThatReturns200); the page
        // itself. It is a page: without a session it sends the browser to the sign-in page (302).
        new("GET /api/reference", Targets.None, true, _ => Get("/api/reference/"),
            c => c.Caller.IsAnonymous ? Is(302, "a page: to the sign-in page") : Permission(c.Caller.Key is "ministry-admin" or "province-admin", 200, "ManagePolicy")),
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
        new("POST /api/v1/accounts/{userName}/two-factor/reset", Targets.Account, false,
            c => Json(HttpMethod.Post, $"/api/v1/accounts/{AccountOf(c)}/two-factor/reset", new { }),
            c => !Administrators.Contains(c.Caller.Key) ? Is(403, "lacks ManageAccounts")
                : c.Target == Outside ? Is(404, "account outside its scope is not found")
                : Is(409, "administrator of the account's organisation; the demo account has no authenticator to reset")),

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
            async c => await Json(HttpMethod.Post, $"/api/v1/students/{await ChangeStudentOf(c)}/status-changes", new { kind = "Suspension", occurredOn = "2026-10-12", expectedReturnOn = "2027-03-01", reason = "因病休学" }),
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
    ];
}
