using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// INS-1 over HTTP: the province plans its year and confirms it past the coverage check; a visit with a finding; the
/// school answers with its material; the province closes — and every bad input of the issue refused in Chinese with
/// nothing written.
/// </summary>
public sealed class InspectionsApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static string FirstError(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task ProvincePlansItsYear_BreachMustBeAcknowledged_ConfirmedPlanIsReadOnly()
    {
        using var province = await app.ClientFor("prov-44");
        var plan = await InspectionsApi.PostAsync(province, "/api/v1/inspections/plans", new { year = 2027 }, HttpStatusCode.Created);
        var id = plan.GetProperty("id").GetGuid();
        Assert.Empty(plan.GetProperty("breaches").EnumerateArray());
        Assert.Equal(3, plan.GetProperty("cityManagedRequired").GetInt32());
        Assert.Contains(plan.GetProperty("entries").EnumerateArray(), e => e.GetProperty("schoolCode").GetString() == "44010010" && e.GetProperty("reason").GetString() == "ThreeYearRule");

        using (var again = await province.PostAsJsonAsync("/api/v1/inspections/plans", new { year = 2027 }))
        {
            Assert.Contains("已存在", (await Api.ReadJson(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var adjusted = await InspectionsApi.PostAsync(province, $"/api/v1/inspections/plans/{id}/entries/removal", new { schoolCode = "44010001", reason = "该校正在整体搬迁" }, HttpStatusCode.OK);
        var breach = adjusted.GetProperty("breaches").EnumerateArray().Single();
        Assert.Equal("province-managed:44010001", breach.GetProperty("key").GetString());

        // Confirmed without the breach acknowledged: 400 naming it, and the plan stays a draft.
        using (var refused = await province.PostAsJsonAsync($"/api/v1/inspections/plans/{id}/confirmation", new { }))
        {
            var problem = await Api.ReadJson(refused, HttpStatusCode.BadRequest);
            var message = FirstError(problem, "acknowledgements");
            Assert.Contains("44010001", message, StringComparison.Ordinal);
            Assert.Contains("省管院校当年应全覆盖", message, StringComparison.Ordinal);
        }

        Assert.Equal("Draft", (await InspectionsApi.GetAsync(province, $"/api/v1/inspections/plans/{id}")).GetProperty("state").GetString());

        // A reason that is only blanks is no acknowledgement.
        using (var blank = await province.PostAsJsonAsync($"/api/v1/inspections/plans/{id}/confirmation", new { acknowledgements = new[] { new { key = breach.GetProperty("key").GetString(), reason = "  " } } }))
        {
            Assert.Contains("44010001", FirstError(await Api.ReadJson(blank, HttpStatusCode.BadRequest), "acknowledgements"), StringComparison.Ordinal);
        }

        var confirmed = await InspectionsApi.PostAsync(province, $"/api/v1/inspections/plans/{id}/confirmation",
            new { acknowledgements = new[] { new { key = "province-managed:44010001", reason = "已于上半年专项检查，经厅务会同意本年不再列入" } } }, HttpStatusCode.OK);
        Assert.Equal("Confirmed", confirmed.GetProperty("state").GetString());
        Assert.Equal("已于上半年专项检查，经厅务会同意本年不再列入", confirmed.GetProperty("breaches")[0].GetProperty("acknowledgedReason").GetString());

        using var readOnly = await province.PostAsJsonAsync($"/api/v1/inspections/plans/{id}/entries", new { schoolCode = "44010001", reason = "补充" });
        Assert.Contains("已确认", (await Api.ReadJson(readOnly, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var tooFar = await province.PostAsJsonAsync("/api/v1/inspections/plans", new { year = 2031 });
        Assert.Contains("检查年度", FirstError(await Api.ReadJson(tooFar, HttpStatusCode.BadRequest), "year"), StringComparison.Ordinal);

        using var noReason = await province.PostAsJsonAsync($"/api/v1/inspections/plans/{await InspectionsApi.PlanIdAsync(app)}/entries", new { schoolCode = "44010007" });
        Assert.Contains("理由", FirstError(await Api.ReadJson(noReason, HttpStatusCode.BadRequest), "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectorRecordsAVisitWithAFinding_SchoolRectifies_ProvinceCloses()
    {
        var plan = await InspectionsApi.PlanIdAsync(app);
        using var inspector = await app.ClientFor("inspector");
        var visit = await InspectionsApi.PostAsync(inspector, "/api/v1/inspections/visits", new
        {
            planId = plan, schoolCode = "44010004", visitedOn = "2026-10-13", inspectors = "部核查组 张伟",
            findings = new[] { InspectionsApi.Finding("paid-to-card", "<script>alert(1)</script>3名学生助学金发放到他人银行卡"), InspectionsApi.Finding("hotline", "已公开咨询电话", rectify: false) },
        }, HttpStatusCode.Created);
        // Both findings are recorded at the same instant: pick each by its checklist item, not by position.
        var finding = visit.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("itemKey").GetString() == "paid-to-card");
        Assert.Equal("<script>alert(1)</script>3名学生助学金发放到他人银行卡", finding.GetProperty("text").GetString()); // stored as text; pages escape it
        var task = finding.GetProperty("rectification");
        var taskId = task.GetProperty("id").GetGuid();
        Assert.Equal("Open", task.GetProperty("state").GetString());
        Assert.False(task.GetProperty("overdue").GetBoolean());
        Assert.True(visit.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("itemKey").GetString() == "hotline").GetProperty("rectification").ValueKind == JsonValueKind.Null);

        using (var evidence = await inspector.PostAsync($"/api/v1/inspections/findings/{finding.GetProperty("id").GetGuid()}/files", Api.FileContent(InspectionsApi.Pdf, "银行流水.pdf", "application/pdf")))
        {
            await Api.ReadJson(evidence, HttpStatusCode.Created);
        }

        using var province = await app.ClientFor("prov-44");
        using (var early = await province.PostAsJsonAsync($"/api/v1/inspections/rectifications/{taskId}/closure", new { }))
        {
            Assert.Contains("尚未报送整改情况", (await Api.ReadJson(early, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var school = await app.ClientFor("school-44010004-aid");
        var todo = await InspectionsApi.GetAsync(school, "/api/v1/todo");
        Assert.Contains(todo.EnumerateArray(), t => t.GetProperty("link").GetString() == $"/inspections/visits/{visit.GetProperty("id").GetGuid()}");

        using (var material = await school.PostAsync($"/api/v1/inspections/rectifications/{taskId}/files", Api.FileContent(InspectionsApi.Pdf, "整改报告.pdf", "application/pdf")))
        {
            await Api.ReadJson(material, HttpStatusCode.Created);
        }

        var answered = await InspectionsApi.PostAsync(school, $"/api/v1/inspections/rectifications/{taskId}/answer", new { answer = "已追回并重新发放到学生本人银行卡" }, HttpStatusCode.OK);
        Assert.Equal("Answered", answered.GetProperty("state").GetString());
        Assert.Single(answered.GetProperty("files").EnumerateArray());

        var returned = await InspectionsApi.PostAsync(province, $"/api/v1/inspections/rectifications/{taskId}/return", new { reason = "请附银行回单" }, HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("state").GetString());
        await InspectionsApi.PostAsync(school, $"/api/v1/inspections/rectifications/{taskId}/answer", new { answer = "已补充银行回单" }, HttpStatusCode.OK);
        var closed = await InspectionsApi.PostAsync(province, $"/api/v1/inspections/rectifications/{taskId}/closure", new { }, HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("state").GetString());

        var coverage = await InspectionsApi.GetAsync(province, "/api/v1/inspections/coverage");
        var gd = coverage.EnumerateArray().Single();
        Assert.Equal("44", gd.GetProperty("provinceCode").GetString());
        Assert.Equal(3, gd.GetProperty("years").GetArrayLength());
        Assert.All(gd.GetProperty("years").EnumerateArray().Take(2), y => Assert.Equal(y.GetProperty("provinceManagedTotal").GetInt32(), y.GetProperty("provinceManagedVisited").GetInt32()));
    }

    [Fact]
    public async Task BadInputs_RefusedInChinese_NothingWritten()
    {
        var plan = await InspectionsApi.PlanIdAsync(app);
        using var province = await app.ClientFor("prov-44");
        var visits = await InspectionsApi.CountAsync<InspectionVisit>(app);
        var findings = await InspectionsApi.CountAsync<Finding>(app);

        // A finding for a school not in the plan.
        using (var notPlanned = await province.PostAsJsonAsync("/api/v1/inspections/visits", new
               {
                   planId = plan, schoolCode = "44010007", visitedOn = "2026-10-12", inspectors = "王敏", findings = new[] { InspectionsApi.Finding() },
               }))
        {
            var message = FirstError(await Api.ReadJson(notPlanned, HttpStatusCode.BadRequest), "schoolCode");
            Assert.Contains("44010007", message, StringComparison.Ordinal);
            Assert.Contains("不在2026年检查计划中", message, StringComparison.Ordinal);
        }

        // An undefined conclusion, an unknown checklist item, an empty text, a visit in the future.
        using (var badEnum = await province.PostAsJsonAsync("/api/v1/inspections/visits", new
               {
                   planId = plan, schoolCode = "44010004", visitedOn = "2026-10-12", inspectors = "王敏",
                   findings = new[] { new { itemKey = "publication", conclusion = "Maybe", text = "x", needsRectification = false } },
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        }

        using (var unknownItem = await province.PostAsJsonAsync("/api/v1/inspections/visits", new
               {
                   planId = plan, schoolCode = "44010004", visitedOn = "2026-10-12", inspectors = "王敏",
                   findings = new[] { new { itemKey = "no-such-item", conclusion = "NonCompliant", text = "", needsRectification = true } },
               }))
        {
            var problem = await Api.ReadJson(unknownItem, HttpStatusCode.BadRequest);
            Assert.Contains("检查清单", FirstError(problem, "findings[0].itemKey"), StringComparison.Ordinal);
            Assert.Contains("具体情况", FirstError(problem, "findings[0].text"), StringComparison.Ordinal);
        }

        using (var future = await province.PostAsJsonAsync("/api/v1/inspections/visits", new { planId = plan, schoolCode = "44010004", visitedOn = "2026-12-01", inspectors = "王敏" }))
        {
            Assert.Contains("不能晚于今天", FirstError(await Api.ReadJson(future, HttpStatusCode.BadRequest), "visitedOn"), StringComparison.Ordinal);
        }

        Assert.Equal(visits, await InspectionsApi.CountAsync<InspectionVisit>(app));
        Assert.Equal(findings, await InspectionsApi.CountAsync<Finding>(app));

        // Evidence that is not a PDF or an image, whatever its name says.
        var (visitId, taskId) = await InspectionsApi.VisitWithTaskAsync(app);
        var visit = await InspectionsApi.GetAsync(province, $"/api/v1/inspections/visits/{visitId}");
        var files = await InspectionsApi.CountAsync<InspectionFile>(app);
        using (var exe = await province.PostAsync($"/api/v1/inspections/findings/{visit.GetProperty("findings")[0].GetProperty("id").GetGuid()}/files",
                   Api.FileContent("MZ\u0090\u0000"u8.ToArray(), "证据.pdf", "application/pdf")))
        {
            Assert.Contains("PDF、JPG 或 PNG", FirstError(await Api.ReadJson(exe, HttpStatusCode.BadRequest), "file"), StringComparison.Ordinal);
        }

        Assert.Equal(files, await InspectionsApi.CountAsync<InspectionFile>(app));

        // A rectification closed without the school's answer; an empty answer.
        using (var early = await province.PostAsJsonAsync($"/api/v1/inspections/rectifications/{taskId}/closure", new { }))
        {
            Assert.Contains("尚未报送整改情况", FirstError(await Api.ReadJson(early, HttpStatusCode.BadRequest), "state"), StringComparison.Ordinal);
        }

        using var school = await app.ClientFor("school-44010004");
        using (var empty = await school.PostAsJsonAsync($"/api/v1/inspections/rectifications/{taskId}/answer", new { answer = " " }))
        {
            Assert.Contains("整改情况", FirstError(await Api.ReadJson(empty, HttpStatusCode.BadRequest), "answer"), StringComparison.Ordinal);
        }

        Assert.Equal("Open", (await InspectionsApi.GetAsync(province, $"/api/v1/inspections/rectifications/{taskId}")).GetProperty("state").GetString());

        // A self-inspection that leaves items out.
        using (var partial = await school.PostAsJsonAsync("/api/v1/inspections/self-inspections", new { year = 2027, items = new[] { new { key = "aid-rules", conclusion = "Compliant" } } }))
        {
            Assert.Contains("尚缺", FirstError(await Api.ReadJson(partial, HttpStatusCode.BadRequest), "items"), StringComparison.Ordinal);
        }

        // A school cannot record a visit, nor a province a spot check.
        using (var schoolVisit = await school.PostAsJsonAsync("/api/v1/inspections/visits", new { planId = plan, schoolCode = "44010004", visitedOn = "2026-10-12", inspectors = "王敏" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, schoolVisit.StatusCode);
        }

        using (var provinceSpot = await province.PostAsJsonAsync("/api/v1/inspections/spot-checks", new { schoolCode = "44010004", visitedOn = "2026-10-12", inspectors = "王敏" }))
        {
            Assert.Contains("人社部", (await Api.ReadJson(provinceSpot, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
