using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Funds.Domain;
using Assertions = TechSchoolAid.BrowserTests.Pages.Assertions;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// FND-1 and FND-3 in the browser: the ministry reads the factor calculation and allocates to 广东; the province confirms
/// receipt and passes money on to city 4401, which confirms and passes it to school 44010004, whose finance officer sees
/// it; the province sets its targets and self-evaluation; the ministry sees the ranking.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FundsBudgetsTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Budget_MinistryToProvinceToCityToSchool_ThenPerformance()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var login = new LoginPage(s);
            await login.SignInAsync("ministry");
            await s.GotoAsync("/funds/budgets");
            await Assertions.ExpectTextAsync(s.Page.Locator("[data-testid=factor-table], [data-testid=factor-none]").First, t => t.Length > 0, "the factor calculation");
            await s.ShotAsync("ministry-factor");
            await Tab(s, "资金收到与下达");
            await Allocate(s, "44", "中央资金", "100000", $"财教〔2026〕{tag}号");
            await Assertions.ExpectTextAsync(s.TestId("sent-table"), t => t.Contains($"财教〔2026〕{tag}号", StringComparison.Ordinal), "the ministry's allocation in its sent list");
            await s.ShotAsync("ministry-allocated");

            await SwitchAsync(s, login, "prov-44");
            await Tab(s, "资金收到与下达");
            var received = s.TestId("received-row").Filter(new() { HasText = $"财教〔2026〕{tag}号" });
            await received.GetByTestId("confirm-receipt").ClickAsync();
            await Assertions.ExpectTextAsync(received, t => t.Contains("已确认收到", StringComparison.Ordinal), "the province's receipt confirmed");
            await Allocate(s, "4401", "中央资金", "60000", $"粤财教〔2026〕{tag}号");
            await Assertions.ExpectTextAsync(s.TestId("sent-table"), t => t.Contains($"粤财教〔2026〕{tag}号", StringComparison.Ordinal) && t.Contains("按期", StringComparison.Ordinal), "the province's sub-allocation, on time");
            await s.ShotAsync("province-passed-on");
            await Tab(s, "预算与需求对比");
            await Assertions.ExpectTextAsync(s.TestId("units-table"), t => t.Contains("结余", StringComparison.Ordinal) || t.Contains("资金缺口", StringComparison.Ordinal), "budget against need in Chinese");
            await s.ShotAsync("province-budget-vs-need");

            await SwitchAsync(s, login, "city-4401");
            await Tab(s, "资金收到与下达");
            var cityReceived = s.TestId("received-row").Filter(new() { HasText = $"粤财教〔2026〕{tag}号" });
            await cityReceived.GetByTestId("confirm-receipt").ClickAsync();
            await Assertions.ExpectTextAsync(cityReceived, t => t.Contains("已确认收到", StringComparison.Ordinal), "the city's receipt confirmed");
            await Allocate(s, "44010004", "中央资金", "30000", $"穗财教〔2026〕{tag}号");
            await s.ShotAsync("city-passed-on");

            await SwitchAsync(s, login, "school-44010004-finance");
            await Tab(s, "资金收到与下达");
            var schoolReceived = s.TestId("received-row").Filter(new() { HasText = $"穗财教〔2026〕{tag}号" });
            await schoolReceived.GetByTestId("confirm-receipt").ClickAsync();
            await Assertions.ExpectTextAsync(schoolReceived, t => t.Contains("已确认收到", StringComparison.Ordinal), "the school's receipt confirmed");
            await s.ShotAsync("school-received");

            await SwitchAsync(s, login, "prov-44", "/funds/performance");
            await MudControls.TypeAsync(s.TestId("target-execution"), "90");
            await MudControls.TypeAsync(s.TestId("target-timeliness"), "95");
            await MudControls.TypeAsync(s.TestId("target-approval"), "100");
            await MudControls.TypeAsync(s.TestId("target-duplicates"), "100");
            await MudControls.TypeAsync(s.TestId("target-rectification"), "90");
            await s.TestId("targets-save").ClickAsync();
            await MudControls.Snackbar(s.Page, "绩效目标已保存").WaitForAsync();
            await MudControls.TypeAsync(s.TestId("self-score"), "86");
            await MudControls.TypeAsync(s.TestId("self-notes"), "中央资金按期分解下达，学校发放及时。");
            await s.TestId("self-save").ClickAsync();
            await MudControls.Snackbar(s.Page, "绩效自评已提交").WaitForAsync();
            await Assertions.ExpectTextAsync(s.TestId("province-table"), t => t.Contains("目标 90%", StringComparison.Ordinal), "the targets beside the indicators");
            await s.ShotAsync("province-performance");

            await SwitchAsync(s, login, "ministry", "/funds/performance");
            await Assertions.ExpectTextAsync(s.TestId("province-table"), t => t.Contains("广东省", StringComparison.Ordinal) && t.Contains("86", StringComparison.Ordinal), "the ranking with the self-evaluation");
            await s.ShotAsync("ministry-ranking");
        });

        var sent = await fixture.App.WithDbAsync(db => db.Set<Allocation>().CountAsync(a => a.DocumentNumber.Contains(tag) && a.ReceivedOn != null));
        Assert.Equal(3, sent);
    }

    private static async Task Tab(BrowserSession s, string name) => await s.Page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();

    /// <summary>Records an allocation on the form, choosing the recipient by its code (the option reads "名称（层级，代码）").</summary>
    private static async Task Allocate(BrowserSession s, string toCode, string source, string yuan, string document)
    {
        await s.TestId("allocation-to").ClickAsync();
        await s.Page.Locator(".mud-popover-open").GetByRole(AriaRole.Option).Filter(new() { HasText = $"，{toCode}）" }).First.ClickAsync();
        await s.Page.Locator(".mud-popover-open [role=listbox]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await MudControls.SelectAsync(s.Page, s.TestId("allocation-source"), source);
        await MudControls.TypeAsync(s.TestId("allocation-amount"), yuan);
        await MudControls.TypeAsync(s.TestId("allocation-document"), document);
        await s.TestId("allocation-record").ClickAsync();
        await MudControls.Snackbar(s.Page, "已登记对").WaitForAsync();
    }

    private static async Task SwitchAsync(BrowserSession s, LoginPage login, string user, string path = "/funds/budgets")
    {
        await s.Context.ClearCookiesAsync();
        await login.SignInAsync(user);
        await s.GotoAsync(path);
    }
}
