using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Issue 13 item 12 over HTTP: hardship identification's panel review, decision and publication for a class at a time —
/// all-or-nothing (one refused student, nothing written, the refused ones named), each student audited as if done one by
/// one, a stale version answered 409, and every bad input a Chinese 400 naming its field with nothing written.
/// </summary>
public sealed class HardshipClassBatchApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private sealed record Row(Guid Id, int Version, string ClassName, string Name, string State);

    private async Task<Row> RowAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/hardship/{id}");
        var row = (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("row");
        return new(id, row.GetProperty("rowVersion").GetInt32(), row.GetProperty("className").GetString()!, row.GetProperty("studentName").GetString()!,
            row.GetProperty("stateText").GetString()!);
    }

    private async Task<(int Audits, int Changed)> WrittenAsync(params Guid[] ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var subjects = ids.Select(i => i.ToString()).ToList();
        var audits = await db.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => subjects.Contains(e.SubjectId));
        var versions = await db.Set<HardshipAssessment>().IgnoreQueryFilters().Where(a => ids.Contains(a.Id)).SumAsync(a => a.RowVersion);
        return (audits, versions);
    }

    private static object Students(IEnumerable<Row> rows, string? level = null) =>
        rows.Select(r => new { id = r.Id, version = r.Version, level }).ToArray();

    private static async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    private async Task<Row[]> AppliedAsync(HttpClient aid, int count)
    {
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = await RowAsync(aid, await HardshipApi.AssessmentAsync(app, School, "applied"));
        }

        return rows;
    }

    [Fact]
    public async Task ClassBatch_PanelDecisionPublication_ActOnTheSelection_AndAuditEachStudent()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var rows = await AppliedAsync(aid, 3);
        var className = rows[0].ClassName;
        Assert.All(rows, r => Assert.Equal(className, r.ClassName));

        using (var classes = await aid.GetAsync("/api/v1/hardship/classes?schoolYear=2026"))
        {
            var list = await Api.ReadJson(classes, HttpStatusCode.OK);
            var mine = list.EnumerateArray().Single(c => c.GetProperty("className").GetString() == className);
            Assert.True(mine.GetProperty("applied").GetInt32() >= 3);
        }

        var before = await WrittenAsync([.. rows.Select(r => r.Id)]);
        using (var panel = await aid.PostAsJsonAsync("/api/v1/hardship/classes/panel-review", new
        {
            schoolYear = 2026, className, students = Students(rows), members = new[] { "班主任王老师", "学生代表李明" }, reviewedOn = "2026-10-15",
        }))
        {
            var result = await Api.ReadJson(panel, HttpStatusCode.OK);
            Assert.Equal(3, result.GetProperty("count").GetInt32());
            Assert.Equal("记录班级评议", result.GetProperty("step").GetString());
        }

        var after = await WrittenAsync([.. rows.Select(r => r.Id)]);
        Assert.Equal(before.Audits + 3, after.Audits); // one audit event per student, as if recorded one by one
        rows = [.. await Task.WhenAll(rows.Select(r => RowAsync(aid, r.Id)))];
        Assert.All(rows, r => Assert.Equal("班级已评议", r.State));

        using (var decision = await aid.PostAsJsonAsync("/api/v1/hardship/classes/decision", new
        {
            schoolYear = 2026, className, students = rows.Select((r, i) => new { id = r.Id, version = r.Version, level = i == 0 ? "Extreme" : "Moderate" }).ToArray(),
        }))
        {
            Assert.Equal(3, (await Api.ReadJson(decision, HttpStatusCode.OK)).GetProperty("count").GetInt32());
        }

        rows = [.. await Task.WhenAll(rows.Select(r => RowAsync(aid, r.Id)))];
        using (var detail = await aid.GetAsync($"/api/v1/hardship/{rows[0].Id}"))
        {
            Assert.Equal("特别困难", (await Api.ReadJson(detail, HttpStatusCode.OK)).GetProperty("row").GetProperty("levelText").GetString());
        }

        using (var publication = await aid.PostAsJsonAsync("/api/v1/hardship/classes/publication", new
        {
            schoolYear = 2026, className, students = Students(rows), from = "2026-10-15", to = "2026-10-21",
        }))
        {
            Assert.Equal(3, (await Api.ReadJson(publication, HttpStatusCode.OK)).GetProperty("count").GetInt32());
        }

        rows = [.. await Task.WhenAll(rows.Select(r => RowAsync(aid, r.Id)))];
        Assert.All(rows, r => Assert.Equal("已公示", r.State));
    }

    [Fact]
    public async Task ClassBatch_MixedStates_RefusesAll_NamesTheRefused_WritesNothing()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var rows = await AppliedAsync(aid, 2);
        var reviewed = await RowAsync(aid, await HardshipApi.AssessmentAsync(app, School, "reviewed"));
        Row[] all = [.. rows, reviewed];
        var before = await WrittenAsync([.. all.Select(r => r.Id)]);

        using var response = await aid.PostAsJsonAsync("/api/v1/hardship/classes/panel-review", new
        {
            schoolYear = 2026, className = rows[0].ClassName, students = Students(all), members = new[] { "班主任王老师" }, reviewedOn = "2026-10-15",
        });
        var body = await ExpectAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("以下 1 名学生不能记录班级评议，本次未作任何更改", body, StringComparison.Ordinal);
        Assert.Contains("班级已评议", body, StringComparison.Ordinal);
        Assert.Equal(before, await WrittenAsync([.. all.Select(r => r.Id)]));
    }

    [Fact]
    public async Task ClassBatch_StaleVersion_Answers409_WritesNothing()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var rows = await AppliedAsync(aid, 2);
        var before = await WrittenAsync([.. rows.Select(r => r.Id)]);
        var stale = rows.Select(r => new { id = r.Id, version = r.Version + 1 }).ToArray(); // someone else saved a newer version

        using var response = await aid.PostAsJsonAsync("/api/v1/hardship/classes/panel-review", new
        {
            schoolYear = 2026, className = rows[0].ClassName, students = stale, members = new[] { "班主任王老师" }, reviewedOn = "2026-10-15",
        });
        var body = await ExpectAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", body, StringComparison.Ordinal);
        Assert.Equal(before, await WrittenAsync([.. rows.Select(r => r.Id)]));
    }

    [Fact]
    public async Task ClassBatch_BadInputs_Answer400NamingTheField_WriteNothing()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var rows = await AppliedAsync(aid, 2);
        var decided = await RowAsync(aid, await HardshipApi.AssessmentAsync(app, School, "decided"));
        var reviewed = await RowAsync(aid, await HardshipApi.AssessmentAsync(app, School, "reviewed"));
        var className = rows[0].ClassName;
        var panel = new { members = new[] { "班主任王老师" }, reviewedOn = "2026-10-15" };
        var cases = new (string Path, object Body, string Field, string Message)[]
        {
            ("panel-review", new { schoolYear = 2026, className = "不存在的班级", students = Students(rows), panel.members, panel.reviewedOn }, "className", "没有班级“不存在的班级”"),
            ("panel-review", new { className, students = Students(rows), panel.members, panel.reviewedOn }, "schoolYear", "请填写正确的学年"),
            ("panel-review", new { schoolYear = 2026, className = "", students = Students(rows), panel.members, panel.reviewedOn }, "className", "请选择班级"),
            ("panel-review", new { schoolYear = 2026, className, students = Array.Empty<object>(), panel.members, panel.reviewedOn }, "students", "请至少选择一名学生"),
            ("panel-review", new { schoolYear = 2026, className, students = new[] { new { id = rows[0].Id, version = rows[0].Version }, new { id = rows[0].Id, version = rows[0].Version } }, panel.members, panel.reviewedOn }, "students", "选择了两次"),
            ("panel-review", new { schoolYear = 2026, className, students = new[] { new { id = Guid.NewGuid(), version = 1 } }, panel.members, panel.reviewedOn }, "students", "不存在"),
            ("panel-review", new { schoolYear = 2026, className, students = Students(rows), reviewedOn = "2026-10-15" }, "members", "请填写班级认定评议小组成员"),
            ("panel-review", new { schoolYear = 2026, className, students = Students(rows), panel.members, reviewedOn = "2026-12-01" }, "reviewedOn", "晚于今天"),
            ("panel-review", new { schoolYear = 2026, className, students = Students(rows), panel.members, panel.reviewedOn, opinion = new string('评', 501) }, "opinion", "不能超过 500 字"),
            ("decision", new { schoolYear = 2026, className, students = Students([reviewed]) }, "students", "请为以下学生选择认定等级"),
            ("decision", new { schoolYear = 2026, className, students = Students([reviewed], "Hardship"), note = new string('注', 501) }, "note", "不能超过 500 字"),
            ("publication", new { schoolYear = 2026, className, students = Students([decided]), from = "2026-10-15", to = "2026-10-16" }, "to", "少于资助政策规定的"),
            ("publication", new { schoolYear = 2026, className, students = Students([decided]), from = "2026-10-01", to = "2026-10-21" }, "from", "不能早于今天"),
            ("publication", new { schoolYear = 2026, className, students = Students([decided]) }, "from", "请填写公示起止日期"),
        };
        Guid[] ids = [.. rows.Select(r => r.Id), decided.Id, reviewed.Id];
        var before = await WrittenAsync(ids);
        foreach (var (path, body, field, message) in cases)
        {
            using var response = await aid.PostAsJsonAsync($"/api/v1/hardship/classes/{path}", body);
            var text = await ExpectAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains(field, text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(message, text, StringComparison.Ordinal);
        }

        Assert.Equal(before, await WrittenAsync(ids));
    }

    [Fact]
    public async Task ClassBatch_OtherRolesAndClassesOfOtherSchools_AreRefused()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var rows = await AppliedAsync(aid, 1);
        var body = new { schoolYear = 2026, className = rows[0].ClassName, students = Students(rows), members = new[] { "班主任" }, reviewedOn = "2026-10-15" };
        using (var finance = await app.ClientFor("school-44010004-finance"))
        using (var response = await finance.PostAsJsonAsync("/api/v1/hardship/classes/panel-review", body))
        {
            await ExpectAsync(response, HttpStatusCode.Forbidden);
        }

        // Another school's staff: the assessment is not theirs (not found among their school's), nothing of 44010004 is touched.
        using (var other = await app.ClientFor("school-44010001"))
        using (var response = await other.PostAsJsonAsync("/api/v1/hardship/classes/panel-review", body))
        {
            await ExpectAsync(response, HttpStatusCode.BadRequest);
        }

        Assert.Equal("已申请", (await RowAsync(aid, rows[0].Id)).State);
    }
}
