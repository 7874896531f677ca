using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

/// <summary>Small HTTP steps for the aid policy tables, shared by the API tests and the authorization matrix.</summary>
public static class AidPolicyApi
{
    public static readonly Guid National2025 = Guid.Parse("a1d00000-0000-0000-0000-000000002025");

    /// <summary>The seeded central share of 北京 (11); the matrix closes it at 2099 so new rows may follow.</summary>
    public static readonly Guid BeijingShare = Guid.Parse("a1d00000-0000-0000-0002-000000000011");

    /// <summary>The seeded national range (1,000–3,000 yuan, 5 publication days, from 2024, open-ended).</summary>
    public static readonly Guid Range2024 = Guid.Parse("a1d00000-0000-0000-0001-000000002024");

    private static readonly ConcurrentDictionary<(TestApp, string), Guid> Cache = new();
    private static int _year = 2100;
    private static int _pastYear = 1900;

    /// <summary>
    /// A year before the seeded national range (2024, open-ended) that no other test uses: new national ranges go there,
    /// so they never overlap it and never change the range the policy tables of 2100+ are checked against.
    /// </summary>
    public static int FreshPastYear() => Interlocked.Increment(ref _pastYear);

    /// <summary>A national range for one whole year (money in fen).</summary>
    public static object Range(int year, long min = 100_000, long max = 300_000, int days = 5) => new
    {
        tierMinFen = min,
        tierMaxFen = max,
        nationalAverageFen = min <= max ? Math.Clamp(200_000, min, max) : 200_000,
        minPublicationWorkingDays = days,
        validFrom = $"{year}-01-01",
        validTo = $"{year}-12-31",
        source = "测试",
    };

    /// <summary>The seeded range unchanged (a PUT that changes nothing, for the matrix).</summary>
    public static object SeededRange() => new
    {
        tierMinFen = 100_000,
        tierMaxFen = 300_000,
        nationalAverageFen = 200_000,
        springApprovalDeadline = new { month = 5, day = 31 },
        autumnApprovalDeadline = new { month = 11, day = 30 },
        minPublicationWorkingDays = 5,
        validFrom = "2024-01-01",
        validTo = "2024-12-31",
        source = "人社厅函〔2024〕53号 二（一）：平均每生每年2000元，1000—3000元内分2—3档；二（二）：5月31日、11月30日前完成审批；公示不少于5个工作日",
    };

    /// <summary>A year no other table of the test run uses, so no two created tables overlap.</summary>
    public static int FreshYear() => Interlocked.Increment(ref _year);

    /// <summary>A valid table for a province for one whole year: tiers 3,000 / 2,000 yuan at 40 / 60 %.</summary>
    public static object Table(string? province, int year, object? tiers = null, int publicationWorkingDays = 5, string[]? areas = null) => new
    {
        provinceCode = province,
        title = $"{year}年度",
        validFrom = $"{year}-01-01",
        validTo = $"{year}-12-31",
        grantGradeFrom = 1,
        grantGradeTo = 3,
        grantAverageFen = 230_000,
        tiers = tiers ?? new[] { new { amountFen = 300_000, sharePercent = 40 }, new { amountFen = 200_000, sharePercent = 60 } },
        allRuralAreaCodes = areas ?? [],
        publicationWorkingDays,
        objectionAnswerWorkingDays = 5,
        source = "测试",
    };

    /// <summary>One table per province and app, created once by the ministry (for update cells).</summary>
    public static async Task<Guid> TableOf(TestApp app, string province)
    {
        if (!Cache.TryGetValue((app, province), out var id))
        {
            using var ministry = await app.ClientFor("ministry");
            using var response = await ministry.PostAsJsonAsync("/api/v1/aid-policies", Table(province, FreshYear()));
            id = (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            Cache[(app, province)] = id;
        }

        return id;
    }

    /// <summary>The body of a stored table, to send back unchanged.</summary>
    public static async Task<JsonElement> ValuesOf(TestApp app, Guid id)
    {
        using var ministry = await app.ClientFor("ministry");
        using var response = await ministry.GetAsync($"/api/v1/aid-policies/{id}");
        return (await Api.ReadJson(response, HttpStatusCode.OK)).GetProperty("values");
    }

    /// <summary>Closes Beijing's open-ended seeded share at the end of 2099 (once per app), so a new row from 2100 is valid.</summary>
    public static async Task CloseBeijingShare(TestApp app)
    {
        if (Cache.ContainsKey((app, "share")))
        {
            return;
        }

        using var ministry = await app.ClientFor("ministry");
        using var response = await ministry.PutAsJsonAsync($"/api/v1/aid-policies/central-shares/{BeijingShare}",
            new { provinceCode = "11", sharePercent = 10, validFrom = "2024-01-01", validTo = "2099-12-31", source = "国办发〔2018〕6号" });
        await Api.ReadJson(response, HttpStatusCode.OK);
        Cache[(app, "share")] = BeijingShare;
    }
}

public sealed class AidPolicyApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task List_Seeded_ShowsNationalDefaultsWithExpectedAverage()
    {
        using var client = await app.ClientFor("school-44010004-aid");
        using var response = await client.GetAsync("/api/v1/aid-policies?provinceCode=44");
        var list = await Api.ReadJson(response, HttpStatusCode.OK);
        var national = list.EnumerateArray().Where(p => p.GetProperty("values").GetProperty("provinceCode").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(2, national.Count);
        var y2025 = national.Single(p => p.GetProperty("id").GetGuid() == AidPolicyApi.National2025);
        Assert.Equal(230_000, y2025.GetProperty("values").GetProperty("grantAverageFen").GetInt64());
        Assert.Equal(230_000, y2025.GetProperty("expectedAverageFen").GetInt64());
        Assert.True(y2025.GetProperty("meetsStandard").GetBoolean());
    }

    [Fact]
    public async Task Effective_AroundSpring2025_AndNoPolicyIs404()
    {
        using var client = await app.ClientFor("city-4401");
        using var before = await client.GetAsync("/api/v1/aid-policies/effective?provinceCode=44&date=2024-11-30");
        Assert.Equal(2, (await Api.ReadJson(before, HttpStatusCode.OK)).GetProperty("grantGradeTo").GetInt32());
        using var after = await client.GetAsync("/api/v1/aid-policies/effective?provinceCode=66&date=2025-03-01");
        var json = await Api.ReadJson(after, HttpStatusCode.OK);
        Assert.Equal(3, json.GetProperty("grantGradeTo").GetInt32());
        Assert.Equal(80, json.GetProperty("centralSharePercent").GetInt32());
        using var none = await client.GetAsync("/api/v1/aid-policies/effective?provinceCode=44&date=2023-06-01");
        var problem = await Api.ReadJson(none, HttpStatusCode.NotFound);
        Assert.Contains("该学期没有资助政策", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string, string> BadTables() => new()
    {
        { "one-tier", "tiers", "须分 2—3 档，当前为 1 档" },
        { "four-tiers", "tiers", "当前为 4 档" },
        { "tier-3500", "tiers[0].amountFen", "第 1 档 3,500 元超出国家规定的 1,000—3,000 元范围" },
        { "publication-4", "publicationWorkingDays", "公示期不得少于国家规定的 5 个工作日" },
        { "unknown-county", "allRuralAreaCodes", "不是有效的县级" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public async Task Create_BadTable_400ProblemWithFieldError_NothingWritten(string name, string field, string message)
    {
        using var client = await app.ClientFor("prov-44");
        var year = AidPolicyApi.FreshYear();
        object T(int amount, int share) => new { amountFen = amount, sharePercent = share };
        var body = name switch
        {
            "one-tier" => AidPolicyApi.Table("44", year, new[] { T(230_000, 100) }),
            "four-tiers" => AidPolicyApi.Table("44", year, new[] { T(300_000, 25), T(250_000, 25), T(200_000, 25), T(150_000, 25) }),
            "tier-3500" => AidPolicyApi.Table("44", year, new[] { T(350_000, 50), T(200_000, 50) }),
            "publication-4" => AidPolicyApi.Table("44", year, publicationWorkingDays: 4),
            _ => AidPolicyApi.Table("44", year, areas: ["440599"]),
        };
        using var before = await client.GetAsync("/api/v1/aid-policies?provinceCode=44");
        var count = (await Api.ReadJson(before, HttpStatusCode.OK)).GetArrayLength();

        using var response = await client.PostAsJsonAsync("/api/v1/aid-policies", body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(errors.EnumerateArray(), e => e.GetString()!.Contains(message, StringComparison.Ordinal));

        using var after = await client.GetAsync("/api/v1/aid-policies?provinceCode=44");
        Assert.Equal(count, (await Api.ReadJson(after, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task CreateThenUpdate_ProvinceAdmin_OwnProvince_OverlapRefused_OtherProvinceForbidden()
    {
        using var client = await app.ClientFor("prov-44");
        var year = AidPolicyApi.FreshYear();
        using var created = await client.PostAsJsonAsync("/api/v1/aid-policies", AidPolicyApi.Table("44", year, areas: ["440523"]));
        var json = await Api.ReadJson(created, HttpStatusCode.Created);
        Assert.Equal(240_000, json.GetProperty("expectedAverageFen").GetInt64());
        Assert.Equal(10_000, json.GetProperty("differenceFen").GetInt64());
        var id = json.GetProperty("id").GetGuid();

        using var overlap = await client.PostAsJsonAsync("/api/v1/aid-policies", AidPolicyApi.Table("44", year));
        Assert.True((await Api.ReadJson(overlap, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("validFrom", out _));

        using var updated = await client.PutAsJsonAsync($"/api/v1/aid-policies/{id}", AidPolicyApi.Table("44", year,
            new[] { new { amountFen = 300_000, sharePercent = 30 }, new { amountFen = 200_000, sharePercent = 70 } }));
        var u = await Api.ReadJson(updated, HttpStatusCode.OK);
        Assert.True(u.GetProperty("meetsStandard").GetBoolean()); // at the national floor (2,300), not below it
        Assert.Equal(0, u.GetProperty("differenceFen").GetInt64());

        using var other = await client.PostAsJsonAsync("/api/v1/aid-policies", AidPolicyApi.Table("51", AidPolicyApi.FreshYear()));
        await Api.ReadJson(other, HttpStatusCode.Forbidden);
        using var national = await client.PostAsJsonAsync("/api/v1/aid-policies", AidPolicyApi.Table(null, AidPolicyApi.FreshYear()));
        await Api.ReadJson(national, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CentralShares_SeededGroups_BadPercentRefused()
    {
        using var client = await app.ClientFor("ministry");
        using var list = await client.GetAsync("/api/v1/aid-policies/central-shares?date=2025-03-01");
        var shares = await Api.ReadJson(list, HttpStatusCode.OK);
        Assert.Equal(37, shares.GetArrayLength()); // 32 provinces and the five 计划单列市
        using var bad = await client.PostAsJsonAsync("/api/v1/aid-policies/central-shares",
            new { provinceCode = "44", sharePercent = 40, validFrom = "2200-01-01", source = "测试" });
        var problem = await Api.ReadJson(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("sharePercent", out _));
    }

    public static TheoryData<string, string> BadRanges() => new()
    {
        { "min-not-below-max", "tierMaxFen" },
        { "negative-min", "tierMinFen" },
        { "zero-publication-days", "minPublicationWorkingDays" },
        { "overlaps-seeded", "validFrom" },
        { "to-before-from", "validTo" },
    };

    [Theory]
    [MemberData(nameof(BadRanges))]
    public async Task NationalRange_BadInput_400ProblemWithFieldError_NothingWritten(string name, string field)
    {
        using var client = await app.ClientFor("ministry");
        var year = AidPolicyApi.FreshPastYear();
        object body = name switch
        {
            "min-not-below-max" => AidPolicyApi.Range(year, min: 300_000, max: 200_000),
            "negative-min" => AidPolicyApi.Range(year, min: -100),
            "zero-publication-days" => AidPolicyApi.Range(year, days: 0),
            "overlaps-seeded" => new { tierMinFen = 100_000, tierMaxFen = 300_000, minPublicationWorkingDays = 5, validFrom = "2030-01-01", source = "测试" },
            _ => new { tierMinFen = 100_000, tierMaxFen = 300_000, minPublicationWorkingDays = 5, validFrom = $"{year}-12-31", validTo = $"{year}-01-01", source = "测试" },
        };
        var before = await RangesJson(client);

        using var response = await client.PostAsJsonAsync("/api/v1/aid-policies/national-ranges", body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));

        using var put = await client.PutAsJsonAsync($"/api/v1/aid-policies/national-ranges/{AidPolicyApi.Range2024}", name == "overlaps-seeded" ? AidPolicyApi.Range(year, min: 300_000, max: 200_000) : body);
        await Api.ReadJson(put, HttpStatusCode.BadRequest);
        Assert.Equal(before, await RangesJson(client));
    }

    [Fact]
    public async Task NationalRange_MinistryCreatesAndEdits_ProvinceAndSchool403_NothingWritten()
    {
        using var ministry = await app.ClientFor("ministry");
        var year = AidPolicyApi.FreshPastYear();
        using var created = await ministry.PostAsJsonAsync("/api/v1/aid-policies/national-ranges", AidPolicyApi.Range(year, 80_000, 250_000, 6));
        var json = await Api.ReadJson(created, HttpStatusCode.Created);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/aid-policies/national-ranges/{id}", created.Headers.Location?.OriginalString);
        using var edited = await ministry.PutAsJsonAsync($"/api/v1/aid-policies/national-ranges/{id}", AidPolicyApi.Range(year, 90_000, 250_000, 6));
        Assert.Equal(90_000, (await Api.ReadJson(edited, HttpStatusCode.OK)).GetProperty("tierMinFen").GetInt64());

        using var audit = await ministry.GetAsync($"/api/v1/audit-events?subjectId={id}");
        var actions = (await Api.ReadJson(audit, HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("aid_national_range.created", actions);
        Assert.Contains("aid_national_range.updated", actions);

        var before = await RangesJson(ministry);
        foreach (var user in new[] { "prov-44", "ministry-viewer", "school-44010004" })
        {
            using var client = await app.ClientFor(user);
            using var post = await client.PostAsJsonAsync("/api/v1/aid-policies/national-ranges", AidPolicyApi.Range(AidPolicyApi.FreshPastYear()));
            Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
            await Api.ReadJson(post, HttpStatusCode.Forbidden);
            using var put = await client.PutAsJsonAsync($"/api/v1/aid-policies/national-ranges/{id}", AidPolicyApi.Range(year, 150_000, 250_000));
            await Api.ReadJson(put, HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await RangesJson(ministry));
        using var missing = await ministry.PutAsJsonAsync($"/api/v1/aid-policies/national-ranges/{Guid.NewGuid()}", AidPolicyApi.Range(AidPolicyApi.FreshPastYear()));
        await Api.ReadJson(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CentralShare_ProvinceAdmin403_MinistryEditAudited()
    {
        var guangdong = Guid.Parse("a1d00000-0000-0000-0002-000000000044");
        using var province = await app.ClientFor("prov-44");
        using var forbidden = await province.PutAsJsonAsync($"/api/v1/aid-policies/central-shares/{guangdong}",
            new { provinceCode = "44", sharePercent = 80, validFrom = "2024-01-01", source = "国办发〔2018〕6号" });
        await Api.ReadJson(forbidden, HttpStatusCode.Forbidden);
        using var forbiddenPost = await province.PostAsJsonAsync("/api/v1/aid-policies/central-shares",
            new { provinceCode = "44", sharePercent = 80, validFrom = "2300-01-01", source = "测试" });
        await Api.ReadJson(forbiddenPost, HttpStatusCode.Forbidden);

        using var ministry = await app.ClientFor("ministry");
        using var shares = await ministry.GetAsync("/api/v1/aid-policies/central-shares?date=2025-03-01");
        Assert.Equal(30, (await Api.ReadJson(shares, HttpStatusCode.OK)).EnumerateArray().Single(s => s.GetProperty("provinceCode").GetString() == "44" && s.GetProperty("cityCode").ValueKind == JsonValueKind.Null).GetProperty("sharePercent").GetInt32());

        using var bad = await ministry.PutAsJsonAsync($"/api/v1/aid-policies/central-shares/{guangdong}",
            new { provinceCode = "44", sharePercent = 30, validFrom = "2024-01-01", validTo = "2023-12-31", source = "国办发〔2018〕6号" });
        Assert.True((await Api.ReadJson(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("validTo", out _));

        using var audit = await ministry.GetAsync($"/api/v1/audit-events?subjectId={guangdong}");
        Assert.Equal(0, (await Api.ReadJson(audit, HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    private static async Task<string> RangesJson(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/aid-policies/national-ranges");
        return (await Api.ReadJson(response, HttpStatusCode.OK)).GetRawText();
    }
}
