using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>Allocations through the API, for the budget tests and the authorization matrix.</summary>
internal static class FundsBudgetApi
{
    public static object Allocation(int year, string item, string source, string to, long amountFen, string issuedOn, string document = "财教〔2026〕31号") =>
        new { fiscalYear = year, item, source, toOrganizationCode = to, amountFen, documentNumber = document, issuedOn };

    public static async Task<Guid> AllocateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/funds/allocations", body);
        return (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> ConfirmAsync(HttpClient client, Guid id, string receivedOn, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/receipt", new { receivedOn });
        return await Api.ReadJson(response, expected);
    }

    /// <summary>Every allocation in the database (the scope lifted), to prove a refused request wrote nothing.</summary>
    public static async Task<int> CountAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<Allocation>().IgnoreQueryFilters().CountAsync();
    }

    /// <summary>A central allocation of the year and item from the ministry to province 44, confirmed by the province on <paramref name="receivedOn"/>.</summary>
    public static async Task<Guid> ReceivedByProvinceAsync(TestApp app, int year, string item, long amountFen, string issuedOn, string receivedOn)
    {
        using var ministry = await app.ClientFor("ministry");
        var id = await AllocateAsync(ministry, Allocation(year, item, "Central", "44", amountFen, issuedOn));
        using var province = await app.ClientFor("prov-44");
        await ConfirmAsync(province, id, receivedOn);
        return id;
    }
}

/// <summary>FND-1 over HTTP: the factor calculation, allocation down the levels, receipt, the 30-day rule, budget against need, and every bad input refused.</summary>
public sealed class FundsBudgetsApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task FactorCalculation_AllocationDownTheLevels_ReceiptLatenessAndBudgetAgainstNeed()
    {
        // An approved autumn-2026 waiver list at 市管 school 44010004 (city 4401): the need and the factor count.
        await AidRoundApi.RoundAsync(app, "44010004", "Waiver", "reviewed");
        using var ministry = await app.ClientFor("ministry");
        var factor = await AidRoundApi.GetAsync(ministry, "/api/v1/funds/budgets/factor?fiscalYear=2026&item=Waiver");
        var gd = factor.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("provinceCode").GetString() == "44");
        Assert.True(gd.GetProperty("students").GetInt32() >= 1);
        var line = gd.GetProperty("lines")[0];
        var formula = line.GetProperty("formula").GetString()!;
        Assert.Contains(" 人 × ", formula, StringComparison.Ordinal);
        Assert.Contains("% = ", formula, StringComparison.Ordinal);
        Assert.Equal(line.GetProperty("students").GetInt64() * line.GetProperty("termStandardFen").GetInt64() * line.GetProperty("centralSharePercent").GetInt64() / 100,
            line.GetProperty("amountFen").GetInt64());
        var calculated = gd.GetProperty("calculatedFen").GetInt64();
        Assert.True(calculated > 0);
        Assert.Equal("尚未登记中央下达", gd.GetProperty("comparison").GetString());

        // The ministry records more than calculated (the recorded figure may differ), with its document.
        var central = await FundsBudgetApi.AllocateAsync(ministry, FundsBudgetApi.Allocation(2026, "Waiver", "Central", "44", calculated + 100_000, "2026-06-01"));
        factor = await AidRoundApi.GetAsync(ministry, "/api/v1/funds/budgets/factor?fiscalYear=2026&item=Waiver");
        gd = factor.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("provinceCode").GetString() == "44");
        Assert.Equal("登记金额比测算多 1,000.00 元", gd.GetProperty("comparison").GetString());

        // The province sees its own calculation and the money to confirm on its to-do list.
        using var province = await app.ClientFor("prov-44");
        var own = await AidRoundApi.GetAsync(province, "/api/v1/funds/budgets/factor?fiscalYear=2026&item=Waiver");
        Assert.Equal(["44"], own.GetProperty("provinces").EnumerateArray().Select(p => p.GetProperty("provinceCode").GetString()));
        var todo = await AidRoundApi.GetAsync(province, "/api/v1/todo");
        Assert.Contains(todo.EnumerateArray(), t => t.GetProperty("title").GetString() == "确认收到2026年度免学费资金");

        var receipt = await FundsBudgetApi.ConfirmAsync(province, central, "2026-06-05");
        Assert.Equal("2026-07-05", receipt.GetProperty("passOnDueOn").GetString());

        // Passed on to the city 57 days after receipt: late. Part kept back: flagged as not passed on after 30 days.
        var toCity = await AidRoundApi.PostAsync(province, "/api/v1/funds/allocations",
            FundsBudgetApi.Allocation(2026, "Waiver", "Central", "4401", calculated, "2026-08-01", "粤财教〔2026〕88号"), HttpStatusCode.Created);
        Assert.True(toCity.GetProperty("isLate").GetBoolean());
        var overview = await AidRoundApi.GetAsync(province, "/api/v1/funds/budgets?fiscalYear=2026");
        var received = overview.GetProperty("received").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == central);
        Assert.Equal(calculated, received.GetProperty("passedOnFen").GetInt64());
        Assert.True(received.GetProperty("notPassedOnLate").GetBoolean());
        Assert.True(overview.GetProperty("sent").EnumerateArray().Single(a => a.GetProperty("toCode").GetString() == "4401").GetProperty("isLate").GetBoolean());
        var me = overview.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "44" && u.GetProperty("item").GetString() == "Waiver");
        Assert.Equal(100_000, me.GetProperty("keptFen").GetInt64());
        Assert.Equal(1, me.GetProperty("lateSubAllocations").GetInt32());
        Assert.Equal(1, me.GetProperty("notPassedOnLate").GetInt32());
        todo = await AidRoundApi.GetAsync(province, "/api/v1/todo");
        Assert.Contains(todo.EnumerateArray(), t => t.GetProperty("title").GetString() == "向下级分配2026年度免学费资金" && t.GetProperty("kind").GetString() == "Late");

        // The city confirms and passes half on to the school; the school confirms; the city's budget against the need.
        using var city = await app.ClientFor("city-4401");
        await FundsBudgetApi.ConfirmAsync(city, toCity.GetProperty("id").GetGuid(), "2026-08-03");
        var toSchool = await FundsBudgetApi.AllocateAsync(city, FundsBudgetApi.Allocation(2026, "Waiver", "Central", "44010004", calculated / 2, "2026-08-10", "穗财教〔2026〕9号"));
        using var finance = await app.ClientFor("school-44010004-finance");
        Assert.Contains((await AidRoundApi.GetAsync(finance, "/api/v1/todo")).EnumerateArray(), t => t.GetProperty("title").GetString() == "确认收到2026年度免学费资金");
        await FundsBudgetApi.ConfirmAsync(finance, toSchool, "2026-08-12");
        var school = await AidRoundApi.GetAsync(finance, "/api/v1/funds/budgets?fiscalYear=2026");
        Assert.Equal("已确认收到", school.GetProperty("received")[0].GetProperty("status").GetString());
        var schoolUnit = school.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("item").GetString() == "Waiver");
        Assert.Equal(calculated / 2, schoolUnit.GetProperty("budgetFen").GetInt64());
        Assert.True(schoolUnit.GetProperty("needFen").GetInt64() > 0);
        var balance = schoolUnit.GetProperty("balance").GetString()!;
        Assert.True(balance.StartsWith("资金缺口 ", StringComparison.Ordinal) || balance.StartsWith("结余 ", StringComparison.Ordinal), balance);
        Assert.EndsWith(" 元", balance, StringComparison.Ordinal);

        var cityView = await AidRoundApi.GetAsync(city, "/api/v1/funds/budgets?fiscalYear=2026");
        var cityUnit = cityView.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "4401" && u.GetProperty("item").GetString() == "Waiver");
        Assert.Equal(calculated, cityUnit.GetProperty("receivedFen").GetInt64());
        Assert.Equal(calculated / 2, cityUnit.GetProperty("passedOnFen").GetInt64());
        Assert.Equal(0, cityUnit.GetProperty("lateSubAllocations").GetInt32());
    }

    [Theory]
    [InlineData("negative", "amountFen", "大于 0")]
    [InlineData("zero", "amountFen", "大于 0")]
    [InlineData("absurd", "amountFen", "超出合理范围")]
    [InlineData("outside-province", "toOrganizationCode", "不在本单位管理范围内")]
    [InlineData("not-directly-below", "toOrganizationCode", "不是本单位的直接下级")]
    [InlineData("more-than-received", "amountFen", "超过本单位已收到")]
    [InlineData("bidi-document", "documentNumber", "")]
    [InlineData("control-document", "documentNumber", "")]
    [InlineData("undefined-item", "item", "")]
    [InlineData("undefined-source", "source", "")]
    [InlineData("future-issue", "issuedOn", "不能晚于今天")]
    [InlineData("wrong-source-for-level", "source", "本级不能下达")]
    public async Task RecordAllocation_BadInput_RefusedNamingTheField_NothingWritten(string bad, string field, string message)
    {
        await FundsBudgetApi.ReceivedByProvinceAsync(app, 2025, "Grant", 1_000_000, "2025-03-01", "2025-03-05");
        using var province = await app.ClientFor("prov-44");
        object body = bad switch
        {
            "negative" => FundsBudgetApi.Allocation(2025, "Grant", "Central", "4401", -100, "2025-03-10"),
            "zero" => FundsBudgetApi.Allocation(2025, "Grant", "Central", "4401", 0, "2025-03-10"),
            "absurd" => FundsBudgetApi.Allocation(2025, "Grant", "Provincial", "4401", 9_000_000_000_000_000, "2025-03-10"),
            "outside-province" => FundsBudgetApi.Allocation(2025, "Grant", "Provincial", "5101", 100, "2025-03-10"),
            "not-directly-below" => FundsBudgetApi.Allocation(2025, "Grant", "Provincial", "44010004", 100, "2025-03-10"),
            "more-than-received" => FundsBudgetApi.Allocation(2025, "Grant", "Central", "4403", 50_000_000, "2025-03-10"),
            "bidi-document" => FundsBudgetApi.Allocation(2025, "Grant", "Provincial", "4401", 100, "2025-03-10", "粤财教\u202E〔2025〕1号"),
            "control-document" => FundsBudgetApi.Allocation(2025, "Grant", "Provincial", "4401", 100, "2025-03-10", "粤财教\u0007〔2025〕1号"),
            "undefined-item" => new { fiscalYear = 2025, item = 9, source = "Provincial", toOrganizationCode = "4401", amountFen = 100, documentNumber = "粤财教〔2025〕1号", issuedOn = "2025-03-10" },
            "undefined-source" => new { fiscalYear = 2025, item = "Grant", source = 7, toOrganizationCode = "4401", amountFen = 100, documentNumber = "粤财教〔2025〕1号", issuedOn = "2025-03-10" },
            "future-issue" => FundsBudgetApi.Allocation(2026, "Grant", "Provincial", "4401", 100, "2026-12-01"),
            _ => FundsBudgetApi.Allocation(2025, "Grant", "Local", "4401", 100, "2025-03-10"),
        };
        var before = await FundsBudgetApi.CountAsync(app);

        using var response = await province.PostAsJsonAsync("/api/v1/funds/allocations", body);
        var problem = await Api.ReadJson(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, await FundsBudgetApi.CountAsync(app));
    }

    [Theory]
    [InlineData("2026-10-16", "不能晚于今天")]
    [InlineData("2024-02-28", "不能早于下达日期")]
    public async Task ConfirmReceipt_DateInTheFutureOrBeforeIssue_Refused_NothingChanged(string receivedOn, string message)
    {
        using var ministry = await app.ClientFor("ministry");
        var id = await FundsBudgetApi.AllocateAsync(ministry, FundsBudgetApi.Allocation(2024, "Waiver", "Central", "44", 500_000, "2024-03-01"));
        using var province = await app.ClientFor("prov-44");

        var problem = await FundsBudgetApi.ConfirmAsync(province, id, receivedOn, HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("receivedOn")[0].GetString(), StringComparison.Ordinal);
        var overview = await AidRoundApi.GetAsync(province, "/api/v1/funds/budgets?fiscalYear=2024");
        Assert.Equal("待确认收到", overview.GetProperty("received").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("status").GetString());
    }

    [Fact]
    public async Task StaleVersion_OrSecondConfirmation_Answers409_InChinese()
    {
        using var ministry = await app.ClientFor("ministry");
        var id = await FundsBudgetApi.AllocateAsync(ministry, FundsBudgetApi.Allocation(2024, "Grant", "Central", "44", 700_000, "2024-04-01"));
        using var province = await app.ClientFor("prov-44");

        using var stale = await province.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/receipt", new { receivedOn = "2024-04-03", version = 5 });
        Assert.Contains("已被他人修改", (await Api.ReadJson(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Two clerks confirming at once with the version they both saw: one wins, the other gets 409.
        var first = province.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/receipt", new { receivedOn = "2024-04-03", version = 0 });
        var second = province.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/receipt", new { receivedOn = "2024-04-04", version = 0 });
        var statuses = (await Task.WhenAll(first, second)).Select(r => r.StatusCode).OrderBy(s => s).ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
    }

    [Fact]
    public async Task ClosedYear_RefusesAllocationAndReceipt_409()
    {
        using var ministry = await app.ClientFor("ministry");
        var id = await FundsBudgetApi.AllocateAsync(ministry, FundsBudgetApi.Allocation(2023, "Waiver", "Central", "44", 300_000, "2023-05-01"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-close-year");
            var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
            var province = await db.Set<Modules.Organizations.Domain.Organization>().IgnoreQueryFilters().SingleAsync(o => o.Code == "44");
            var year = new FundsYear(Guid.NewGuid(), province.Id, province.ScopePath, 2023);
            year.Close("prov-44", DateTime.UtcNow);
            db.Add(year);
            await db.SaveChangesAsync();
        }

        var before = await FundsBudgetApi.CountAsync(app);
        using var prov = await app.ClientFor("prov-44");
        var refused = await FundsBudgetApi.ConfirmAsync(prov, id, "2023-05-03", HttpStatusCode.Conflict);
        Assert.Contains("2023年度的资金账目已关闭", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var response = await prov.PostAsJsonAsync("/api/v1/funds/allocations", FundsBudgetApi.Allocation(2023, "Waiver", "Provincial", "4401", 100, "2023-05-10"));
        Assert.Contains("已关闭", (await Api.ReadJson(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await FundsBudgetApi.CountAsync(app));
    }
}
