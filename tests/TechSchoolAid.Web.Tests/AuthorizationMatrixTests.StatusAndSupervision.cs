using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The matrix rows of: status changes, supervision, graduation and the calendar.</summary>
    private static Endpoint[] StatusAndSupervisionEndpoints =>
    [
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
            async c =>
            {
                await HardshipApi.NoticeAsync(c.App, OwnSchool); // applications follow the school's advance notice (issue 11 item 9)
                return await Json(HttpMethod.Post, $"/api/v1/students/{(HardshipClerks.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ActiveStudentAsync(c.App, c.School) : await c.App.SeededStudentOf(c.School))}/hardship", HardshipApi.Application());
            },
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
    ];
}
