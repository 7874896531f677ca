using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Policies.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>Students in the state a test needs, through the API.</summary>
internal static class AidStudents
{
    /// <summary>A new student of the school (rural, full time, 数控加工 unless <paramref name="tweak"/> says otherwise) approved by its supervisor.</summary>
    public static async Task<Guid> ActiveAsync(TestApp app, string school, string name, Action<Dictionary<string, object?>>? tweak = null)
    {
        using var admin = await app.ClientFor($"school-{school}");
        using var created = await admin.PostAsJsonAsync($"/api/v1/schools/{school}/students", Api.NewStudent(IdNumbers.Next(), name, tweak));
        var id = (await Api.ReadJson(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await Api.VerifyAsync(admin, school, id);
        var batch = await Api.SubmitAsync(admin, school, id);
        using var reviewer = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
        using var approved = await Api.DecideBatchAsync(reviewer, "approve", batch, new { batchId = batch });
        await Api.ReadJson(approved, HttpStatusCode.OK);
        return id;
    }

    /// <summary>A student whose hardship assessment for 2026 was decided as 困难 (grant tier 2,300), with the 低保 priority group.</summary>
    public static async Task<Guid> HardshipAsync(TestApp app, string school, string name, bool decide = true, Action<Dictionary<string, object?>>? tweak = null)
    {
        var student = await ActiveAsync(app, school, name, tweak);
        await HardshipApi.NoticeAsync(app, school);
        using var admin = await app.ClientFor($"school-{school}");
        var id = (await HardshipApi.PostAsync(admin, $"/api/v1/students/{student}/hardship", HardshipApi.Application(), HttpStatusCode.Created)).GetProperty("row").GetProperty("id").GetGuid();
        if (decide)
        {
            await HardshipApi.PostAsync(admin, $"/api/v1/hardship/{id}/panel-review", HardshipApi.Panel);
            await HardshipApi.PostAsync(admin, $"/api/v1/hardship/{id}/decision", HardshipApi.Decision);
            await HardshipApi.PostAsync(admin, $"/api/v1/hardship/{id}/publication", HardshipApi.Publication);
            await HardshipApi.EndPublicationAsync(app, id);
        }

        return student;
    }

    public static async Task<JsonElement> EntriesAsync(HttpClient client, Guid round) =>
        await AidRoundApi.GetAsync(client, $"/api/v1/aid-rounds/{round}/entries?pageSize=500");

    public static JsonElement EntryOf(JsonElement entries, Guid student) =>
        entries.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("studentId").GetGuid() == student);

    public static void AdvanceTo(TestApp app, DateTimeOffset moment) => app.Clock.SetUtcNow(moment);

    /// <summary>A client signed in now (tokens cached by the app expire once the clock has moved on by days).</summary>
    public static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.DemoPassword });
        var token = (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>One full autumn 2026 round over HTTP at 市管 school 44010004, as its aid officer and city 4401 (AID-3..7).</summary>
public sealed class AidRoundApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Fact]
    public async Task FullRound_PublishObjectSubmitApprove_RecordsWhoAndWhen_ReportsTheGap()
    {
        var aid = await app.ClientFor("school-44010004-aid");
        var poor = await AidStudents.HardshipAsync(app, School, "韦困难");
        var rural = await AidStudents.ActiveAsync(app, School, "覃农村");
        // A 低保 student not yet decided, urban and outside any list: the priority-gap report must name her.
        var forgotten = await AidStudents.HardshipAsync(app, School, "蒙遗漏", decide: false, tweak: s => s["household"] = "Urban");

        var waiver = await AidRoundApi.PostAsync(aid, "/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Waiver" }, HttpStatusCode.Created);
        var grant = await AidRoundApi.PostAsync(aid, "/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Grant" }, HttpStatusCode.Created);
        var (waiverId, grantId) = (AidRoundApi.IdOf(waiver), AidRoundApi.IdOf(grant));
        Assert.Equal("2026-11-30", grant.GetProperty("row").GetProperty("approvalDeadline").GetString());
        Assert.Equal("school-44010004-aid", grant.GetProperty("createdBy").GetString());
        var grantEntries = await AidStudents.EntriesAsync(aid, grantId);
        var poorLine = AidStudents.EntryOf(grantEntries, poor);
        Assert.Equal(230_000, poorLine.GetProperty("yearAmountFen").GetInt64()); // 困难 → the middle tier
        Assert.Equal(115_000, poorLine.GetProperty("amountFen").GetInt64());
        Assert.DoesNotContain(grantEntries.GetProperty("items").EnumerateArray(), e => e.GetProperty("studentId").GetGuid() == forgotten);
        var waiverEntries = await AidStudents.EntriesAsync(aid, waiverId);
        Assert.Contains(waiverEntries.GetProperty("items").EnumerateArray(), e => e.GetProperty("studentId").GetGuid() == rural);

        // Publication shorter than 5 working days: refused in Chinese, nothing written.
        using (var tooShort = await AidRoundApi.SendAsync(aid, $"/api/v1/aid-rounds/{grantId}/publication", new { from = "2026-10-15", to = "2026-10-20" }))
        {
            var problem = await Api.ReadJson(tooShort, HttpStatusCode.BadRequest);
            Assert.Contains("少于资助政策规定的 5 个工作日", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("最早可于 2026-10-21 结束", problem.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        }

        var unchanged = await AidRoundApi.GetAsync(aid, $"/api/v1/aid-rounds/{grantId}");
        Assert.Equal("Draft", unchanged.GetProperty("row").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("publishedBy").ValueKind);

        var published = await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{grantId}/publication", AidRoundApi.Publication);
        Assert.Equal("Published", published.GetProperty("row").GetProperty("state").GetString());
        await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{waiverId}/publication", AidRoundApi.Publication);

        // The public list: name, class, item and tier (and the period) only.
        using (var finance = await app.ClientFor("school-44010004-finance"))
        {
            var list = await AidRoundApi.GetAsync(finance, $"/api/v1/schools/{School}/aid-publication");
            Assert.Contains(list.EnumerateArray(), e => e.GetProperty("name").GetString() == "韦困难" && e.GetProperty("tier").GetString() == "2,300 元/年" && e.GetProperty("item").GetString() == "国家助学金");
            Assert.Contains(list.EnumerateArray(), e => e.GetProperty("name").GetString() == "覃农村" && e.GetProperty("tier").GetString() == "免学费");
            foreach (var e in list.EnumerateArray())
            {
                Assert.Equal(["className", "item", "name", "publishedFrom", "publishedTo", "tier"], e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            }
        }

        var objected = await AidRoundApi.PostAsync(aid, $"/api/v1/aid-entries/{poorLine.GetProperty("id").GetGuid()}/objection", new { text = "该生家中新购轿车" });
        Assert.Equal("2026-10-22", objected.GetProperty("objectionDueDate").GetString());
        using (var early = await AidRoundApi.SendAsync(aid, $"/api/v1/aid-rounds/{grantId}/submission", new { }))
        {
            var problem = await Api.ReadJson(early, HttpStatusCode.Conflict);
            Assert.Contains("公示期满后才能报送", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var answered = await AidRoundApi.PostAsync(aid, $"/api/v1/aid-entries/{poorLine.GetProperty("id").GetGuid()}/objection-answer", new { answer = "经核实，轿车为亲属所有，维持原认定" });
        Assert.Equal("school-44010004-aid", answered.GetProperty("objectionAnsweredBy").GetString());
        Assert.Equal("Proposed", answered.GetProperty("state").GetString());

        // The publication ends on 21 October: on the 22nd the list is withdrawn from view and may be submitted.
        var submittedAt = new DateTimeOffset(2026, 10, 22, 2, 0, 0, TimeSpan.Zero);
        AidStudents.AdvanceTo(app, submittedAt);
        aid.Dispose();
        aid = await AidStudents.SignInAsync(app, "school-44010004-aid");
        Assert.Equal(0, (await AidRoundApi.GetAsync(aid, $"/api/v1/schools/{School}/aid-publication")).GetArrayLength());
        var proposedGrant = (await AidRoundApi.GetAsync(aid, $"/api/v1/aid-rounds/{grantId}/proposed-ids")).GetArrayLength();
        var declared = proposedGrant + 2;
        var submitted = await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{grantId}/submission", new { declaredEligibleCount = declared });
        Assert.Equal("Submitted", submitted.GetProperty("row").GetProperty("state").GetString());
        Assert.Equal("school-44010004-aid", submitted.GetProperty("submittedBy").GetString());
        await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{waiverId}/submission", new { });

        // The province is not the direct supervisor of a 市管 school.
        using (var province = await AidStudents.SignInAsync(app, "prov-44-reviewer"))
        using (var refused = await AidRoundApi.SendAsync(province, $"/api/v1/aid-rounds/{grantId}/review", new { decision = "Approve" }))
        {
            var problem = await Api.ReadJson(refused, HttpStatusCode.Forbidden);
            Assert.Contains("直接主管部门", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var reviewedAt = submittedAt.AddHours(3);
        AidStudents.AdvanceTo(app, reviewedAt);
        aid.Dispose();
        aid = await AidStudents.SignInAsync(app, "school-44010004-aid");
        using var city = await AidStudents.SignInAsync(app, "city-4401");
        var waiting = await AidRoundApi.GetAsync(city, "/api/v1/aid-rounds?waitingForMe=true");
        Assert.Contains(waiting.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == grantId);
        var result = await AidRoundApi.PostAsync(city, $"/api/v1/aid-rounds/{grantId}/review", new { decision = "Approve", note = "材料齐全" });
        Assert.Equal(proposedGrant, result.GetProperty("approved").GetInt32());
        Assert.Equal(0, result.GetProperty("undecided").GetInt32());
        Assert.Equal("Reviewed", result.GetProperty("state").GetString());
        await AidRoundApi.PostAsync(city, $"/api/v1/aid-rounds/{waiverId}/review", new { decision = "Approve" });

        // AID-6: who collected, submitted and reviewed the student's aid, and when.
        var records = await AidRoundApi.GetAsync(aid, $"/api/v1/students/{poor}/aid-records");
        var record = records.EnumerateArray().Single(r => r.GetProperty("item").GetString() == "Grant");
        Assert.Equal("审核通过", record.GetProperty("stateText").GetString());
        Assert.Equal(115_000, record.GetProperty("amountFen").GetInt64());
        Assert.Equal("school-44010004-aid", record.GetProperty("collectedBy").GetString());
        Assert.Equal(new DateTime(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc), record.GetProperty("collectedAtUtc").GetDateTime().ToUniversalTime());
        Assert.Equal("school-44010004-aid", record.GetProperty("submittedBy").GetString());
        Assert.Equal(submittedAt.UtcDateTime, record.GetProperty("submittedAtUtc").GetDateTime().ToUniversalTime());
        Assert.Equal("city-4401", record.GetProperty("reviewedBy").GetString());
        Assert.Equal(reviewedAt.UtcDateTime, record.GetProperty("reviewedAtUtc").GetDateTime().ToUniversalTime());
        Assert.Equal("材料齐全", record.GetProperty("reviewNote").GetString());

        // AID-7: declared against approved; the gap × half the 2,300 average × the 30 % central share of province 44.
        var gap = await AidRoundApi.GetAsync(city, "/api/v1/aid-reports/funding-gap?schoolYear=2026&semester=Autumn&item=Grant&perSchool=true");
        var row = gap.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == School);
        Assert.Equal(declared, row.GetProperty("declaredEligible").GetInt32());
        Assert.Equal(proposedGrant, row.GetProperty("approved").GetInt32());
        Assert.Equal(2, row.GetProperty("gap").GetInt32());
        Assert.Equal(2 * 115_000, row.GetProperty("gapAmountFen").GetInt64());
        Assert.Equal(30, row.GetProperty("centralSharePercent").GetInt32());
        Assert.Equal(2 * 115_000 * 30 / 100, row.GetProperty("centralGapFen").GetInt64());

        using (var export = await city.GetAsync("/api/v1/aid-reports/funding-gap/export?schoolYear=2026&semester=Autumn&item=Grant"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
            using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
            var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(["代码", "名称", "层级", "学校数", "未申报的符合条件学生（学校负责）", "未申报中央资金缺口（元）", "逾期审批人数", "逾期审批负责层级",
                "逾期审批中央资金缺口（元）", "申报符合条件人数", "审核通过人数", "差额人数", "差额资金（元）", "中央分担比例（%）", "中央资金缺口（元）", "中央资金缺口合计（元）"], sheet[0].Keys);
            var line = sheet.Single(r => Convert.ToString(r["代码"], System.Globalization.CultureInfo.InvariantCulture) == School);
            Assert.Equal(690m, Convert.ToDecimal(line["中央资金缺口（元）"], System.Globalization.CultureInfo.InvariantCulture)); // 2 × 1,150 × 30 %
            Assert.Equal(2m, Convert.ToDecimal(line["差额人数"], System.Globalization.CultureInfo.InvariantCulture));
        }

        // AID-2: the undecided 低保 student receives nothing this term; the aided one is not listed.
        var gaps = await AidRoundApi.GetAsync(aid, "/api/v1/aid-reports/priority-gaps?schoolYear=2026&semester=Autumn");
        var missing = gaps.GetProperty("students").EnumerateArray().Single(s => s.GetProperty("studentId").GetGuid() == forgotten);
        Assert.Contains("低保家庭", missing.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("未享受国家助学金或免学费", missing.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(gaps.GetProperty("students").EnumerateArray(), s => s.GetProperty("studentId").GetGuid() == poor);
        aid.Dispose();
    }
}

/// <summary>Bad input on the school's side: each refused with a clear problem-details answer, and nothing written.</summary>
public sealed class AidRoundBadInputTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    private async Task<int> RoundCountAsync(HttpClient client) =>
        (await AidRoundApi.GetAsync(client, "/api/v1/aid-rounds?pageSize=500")).GetProperty("total").GetInt32();

    [Fact]
    public async Task Create_MissingFields_400PerField_NothingWritten()
    {
        using var aid = await app.ClientFor("school-44010004-aid");
        var before = await RoundCountAsync(aid);
        using var response = await aid.PostAsJsonAsync("/api/v1/aid-rounds", new { });
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("学年", errors.GetProperty("schoolYear")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("学期", errors.GetProperty("semester")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("资助项目", errors.GetProperty("item")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RoundCountAsync(aid));
    }

    [Fact]
    public async Task Lines_WrongTier_PartTime_Withdrawn_PerformingArts_AreRefused_NothingWritten()
    {
        var round = AidRoundApi.IdOf(await AidRoundApi.RoundAsync(app, School, "Grant", "draft"));
        using var aid = await app.ClientFor("school-44010004-aid");
        var before = await AidStudents.EntriesAsync(aid, round);
        var line = before.GetProperty("items")[0];

        using (var tier = await AidRoundApi.SendAsync(aid, $"/api/v1/aid-entries/{line.GetProperty("id").GetGuid()}/tier", new { yearAmountFen = 250_000 }))
        {
            var problem = await Api.ReadJson(tier, HttpStatusCode.BadRequest);
            Assert.Contains("3,000、2,300、1,600 元/年之一", problem.GetProperty("errors").GetProperty("yearAmountFen")[0].GetString(), StringComparison.Ordinal);
        }

        var partTime = await AidStudents.ActiveAsync(app, School, "钟业余", s => s["isFullTime"] = false);
        using (var added = await aid.PostAsJsonAsync($"/api/v1/aid-rounds/{round}/entries", new { studentId = partTime }))
        {
            var problem = await Api.ReadJson(added, HttpStatusCode.BadRequest);
            Assert.Contains("非全日制学生不享受国家助学金和免学费", problem.GetProperty("errors").GetProperty("studentId")[0].GetString(), StringComparison.Ordinal);
        }

        var withdrawn = await AidStudents.HardshipAsync(app, School, "黄退学");
        using (var admin = await app.ClientFor($"school-{School}"))
        using (var city = await app.ClientFor("city-4401"))
        {
            var change = (await StatusChangeApi.EnterAsync(admin, withdrawn, "Withdrawal")).GetProperty("id").GetGuid();
            await StatusChangeApi.AttachAsync(admin, change); // a withdrawal is approved only with its evidence
            await StatusChangeApi.PostAsync(admin, change, "submit");
            await StatusChangeApi.PostAsync(city, change, "approve");
        }

        using (var added = await aid.PostAsJsonAsync($"/api/v1/aid-rounds/{round}/entries", new { studentId = withdrawn }))
        {
            var problem = await Api.ReadJson(added, HttpStatusCode.BadRequest);
            Assert.Contains("黄退学 不符合", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var after = await AidStudents.EntriesAsync(aid, round);
        Assert.Equal(before.GetProperty("total").GetInt32(), after.GetProperty("total").GetInt32());
        Assert.Equal(line.GetProperty("yearAmountFen").GetInt64(), AidStudents.EntryOf(after, line.GetProperty("studentId").GetGuid()).GetProperty("yearAmountFen").GetInt64());

        // A performing-arts student (rural, so otherwise eligible) in the waiver list.
        var actor = await AidStudents.ActiveAsync(app, School, "杜表演", s => { s["major"] = "舞蹈表演"; s["majorArts"] = "PerformingArts"; });
        var waiver = AidRoundApi.IdOf(await AidRoundApi.RoundAsync(app, School, "Waiver", "draft"));
        var waiverBefore = (await AidStudents.EntriesAsync(aid, waiver)).GetProperty("total").GetInt32();
        Assert.DoesNotContain((await AidStudents.EntriesAsync(aid, waiver)).GetProperty("items").EnumerateArray(), e => e.GetProperty("studentId").GetGuid() == actor);
        using (var added = await aid.PostAsJsonAsync($"/api/v1/aid-rounds/{waiver}/entries", new { studentId = actor }))
        {
            var problem = await Api.ReadJson(added, HttpStatusCode.BadRequest);
            Assert.Contains("艺术类表演专业", problem.GetProperty("errors").GetProperty("studentId")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(waiverBefore, (await AidStudents.EntriesAsync(aid, waiver)).GetProperty("total").GetInt32());
        var explained = await AidRoundApi.GetAsync(aid, $"/api/v1/students/{actor}/aid-explanation?schoolYear=2026&semester=Autumn");
        Assert.False(explained.GetProperty("waiver").GetProperty("eligible").GetBoolean());
    }
}

/// <summary>A term no policy covers: the national and provincial rows end before autumn 2026 in this app's database.</summary>
public sealed class AidRoundNoPolicyTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Create_SemesterWithoutPolicy_409_NothingWritten()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-no-policy");
            var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
            var closed = await db.Set<AidPolicyRecord>().IgnoreQueryFilters().Where(p => p.ValidTo == null || p.ValidTo > new DateOnly(2026, 8, 31))
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ValidTo, (DateOnly?)new DateOnly(2026, 8, 31)));
            Assert.True(closed > 0);
        }

        using var aid = await app.ClientFor("school-44010004-aid");
        var before = (await AidRoundApi.GetAsync(aid, "/api/v1/aid-rounds")).GetProperty("total").GetInt32();
        using var response = await aid.PostAsJsonAsync("/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Grant" });
        var problem = await Api.ReadJson(response, HttpStatusCode.Conflict);
        Assert.Contains("没有资助政策", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await AidRoundApi.GetAsync(aid, "/api/v1/aid-rounds")).GetProperty("total").GetInt32());
    }
}

/// <summary>The approval deadline and the province's reopening; one person approved at two schools in one term.</summary>
public sealed class AidRoundDeadlineTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Fact]
    public async Task ApprovalAfter30November_409_UntilProvinceReopens_AndApprovedElsewhere_409NamesTheSchool()
    {
        var aid = await app.ClientFor("school-44010004-aid");
        var mover = await AidStudents.ActiveAsync(app, School, "陆转学");
        await AidStudents.HardshipAsync(app, School, "莫困难");
        var waiver = AidRoundApi.IdOf(await AidRoundApi.PostAsync(aid, "/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Waiver" }, HttpStatusCode.Created));
        var grant = AidRoundApi.IdOf(await AidRoundApi.PostAsync(aid, "/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Grant" }, HttpStatusCode.Created));
        foreach (var round in new[] { waiver, grant })
        {
            await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{round}/publication", AidRoundApi.Publication);
        }

        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 10, 22, 2, 0, 0, TimeSpan.Zero));
        aid.Dispose();
        aid = await AidStudents.SignInAsync(app, "school-44010004-aid");
        foreach (var round in new[] { waiver, grant })
        {
            await AidRoundApi.PostAsync(aid, $"/api/v1/aid-rounds/{round}/submission", new { });
        }

        var city = await AidStudents.SignInAsync(app, "city-4401");
        await AidRoundApi.PostAsync(city, $"/api/v1/aid-rounds/{waiver}/review", new { decision = "Approve" });

        // The waiver approved here, the student moves to 44010007 (same city); that school cannot list him again.
        using (var admin = await AidStudents.SignInAsync(app, $"school-{School}"))
        using (var receiver = await AidStudents.SignInAsync(app, "school-44010007"))
        {
            var outId = (await StatusChangeApi.EnterAsync(admin, mover, "Transfer", "2026-10-20", "44010007")).GetProperty("id").GetGuid();
            await StatusChangeApi.AttachAsync(admin, outId); // the sending side is approved only with the receiving school's consent on file
            var inId = (await StatusChangeApi.PostAsync(admin, outId, "submit")).GetProperty("counterpartId").GetGuid();
            await StatusChangeApi.PostAsync(receiver, inId, "accept");
            await StatusChangeApi.PostAsync(city, outId, "approve");
            var moved = (await StatusChangeApi.PostAsync(city, inId, "approve")).GetProperty("newStudentId").GetGuid();

            var other = AidRoundApi.IdOf(await AidRoundApi.PostAsync(receiver, "/api/v1/aid-rounds", new { schoolYear = 2026, semester = "Autumn", item = "Waiver" }, HttpStatusCode.Created));
            var before = await AidStudents.EntriesAsync(receiver, other);
            Assert.DoesNotContain(before.GetProperty("items").EnumerateArray(), e => e.GetProperty("studentId").GetGuid() == moved);
            using var added = await receiver.PostAsJsonAsync($"/api/v1/aid-rounds/{other}/entries", new { studentId = moved });
            var problem = await Api.ReadJson(added, HttpStatusCode.Conflict);
            var schoolName = (await AidRoundApi.GetAsync(aid, $"/api/v1/aid-rounds/{waiver}")).GetProperty("row").GetProperty("schoolName").GetString()!;
            Assert.Contains($"已在 {schoolName} 审核通过", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(before.GetProperty("total").GetInt32(), (await AidStudents.EntriesAsync(receiver, other)).GetProperty("total").GetInt32());
        }

        // 1 December: the autumn deadline (30 November) has passed.
        AidStudents.AdvanceTo(app, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        city.Dispose();
        aid.Dispose();
        city = await AidStudents.SignInAsync(app, "city-4401");
        using (var late = await AidRoundApi.SendAsync(city, $"/api/v1/aid-rounds/{grant}/review", new { decision = "Approve" }))
        {
            var problem = await Api.ReadJson(late, HttpStatusCode.Conflict);
            Assert.Contains("审批截止日期 2026-11-30 已过", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var still = await AidRoundApi.GetAsync(city, $"/api/v1/aid-rounds/{grant}");
        Assert.Equal("Submitted", still.GetProperty("row").GetProperty("state").GetString());
        Assert.Equal(0, still.GetProperty("row").GetProperty("approved").GetInt32());
        Assert.True(still.GetProperty("row").GetProperty("isLate").GetBoolean());

        using (var cityReopen = await city.PostAsJsonAsync("/api/v1/aid-rounds/reopenings", new { provinceCode = "44", schoolYear = 2026, semester = "Autumn", until = "2026-12-10", reason = "补审" }))
        {
            await Api.ReadJson(cityReopen, HttpStatusCode.Forbidden);
        }

        using (var province = await AidStudents.SignInAsync(app, "prov-44"))
        {
            var reopening = await AidRoundApi.PostAsync(province, "/api/v1/aid-rounds/reopenings",
                new { schoolYear = 2026, semester = "Autumn", until = "2026-12-10", reason = "部分学校名单因系统故障未能按时审核" }, HttpStatusCode.Created);
            Assert.Equal("44", reopening.GetProperty("provinceCode").GetString());
            Assert.Equal("prov-44", reopening.GetProperty("createdBy").GetString());
        }

        var approved = await AidRoundApi.PostAsync(city, $"/api/v1/aid-rounds/{grant}/review", new { decision = "Approve" });
        Assert.True(approved.GetProperty("approved").GetInt32() >= 1);
        Assert.Equal("Reviewed", approved.GetProperty("state").GetString());
        city.Dispose();
    }
}
