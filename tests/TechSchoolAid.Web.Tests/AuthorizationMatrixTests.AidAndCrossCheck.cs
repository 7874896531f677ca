using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The matrix rows of: aid policies, hardship, aid rounds, cross-check and audit.</summary>
    private static Endpoint[] AidAndCrossCheckEndpoints =>
    [
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
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-rounds/{await AidRoundOf(c, "draft")}/publication", AidRoundApi.Publication)),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-rounds/{id}/submission", Targets.School, false,
            async c =>
            {
                var round = await AidRoundOf(c, "published");
                if (AidClerks.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    await AidRoundApi.EndPublicationAsync(c.App, round);
                }

                return await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-rounds/{round}/submission", new { declaredEligibleCount = 3 }));
            },
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-rounds/{id}/review", Targets.Batch, false,
            async c =>
            {
                var school = BatchSchoolOf(c.Caller, c.Target);
                var round = AidReview(c).Statuses[0] == 200
                    ? AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, school, "Waiver", "submitted"))
                    : await AidRoundApi.AnyOf(c.App, school);
                return await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-rounds/{round}/review", new { decision = "Approve", note = "材料齐全" }));
            },
            c => AidReview(c)),
        new("POST /api/v1/aid-rounds/reopenings", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/aid-rounds/reopenings",
                new { provinceCode = c.Target == Outside ? "51" : "44", schoolYear = 2026, semester = "Autumn", until = "2026-12-15", reason = "部分学校名单因系统故障未能按时审核" }),
            c => !Reopeners.Contains(c.Caller.Key) ? Is(403, "lacks ReopenAidDeadline (province administrator only)")
                : c.Target == Outside ? Is(403, "another province")
                : Is(201, "province administrator, own province")),
        new("GET /api/v1/aid-rounds/late-approvals", Targets.School, false,
            c => Get($"/api/v1/aid-rounds/late-approvals?provinceCode={(c.Target == Outside ? "51" : "44")}"),
            c => !Reopeners.Contains(c.Caller.Key) ? Is(403, "lacks ReopenAidDeadline (province administrator only)")
                : c.Target == Outside ? Is(403, "another province")
                : Is(200, "province administrator, own province")),
        new("GET /api/v1/aid-entries/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/aid-entries/{await AidRoundApi.AnyEntryOf(c.App, c.School)}"),
            c => c.Target == Outside ? Is(404, "line outside its scope is not found") : Is(200, "any signed-in user, in scope (its version as the ETag)")),
        new("POST /api/v1/aid-entries/{id}/tier", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Grant", "draft")}/tier", new { yearAmountFen = 300_000 })),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-entries/{id}/withdrawal", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Waiver", "draft")}/withdrawal", new { reason = "学生本人申请放弃" })),
            c => AidWrite(c, 200)),
        new("POST /api/v1/aid-entries/{id}/objection", Targets.School, false,
            async c => await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-entries/{await AidEntryOf(c, "Waiver", "published")}/objection", new { text = "该生家庭条件较好" })),
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

                return await Versioned(c.App, Json(HttpMethod.Post, $"/api/v1/aid-entries/{entry}/objection-answer", new { answer = "经核实，该生系农村户籍，符合免学费条件" }));
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
}
