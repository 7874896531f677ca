using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/certificates: the public certificate lookup, a static (no circuit) form posted to the server, no sign-in.</summary>
public sealed class CertificateLookupPage(BrowserSession session)
{
    public const string Path = "/certificates";

    private IPage Page => session.Page;

    public ILocator Card => Page.Locator(".lookup-card");

    public ILocator Number => session.TestId("lookup-number");

    public ILocator Name => session.TestId("lookup-name");

    public ILocator Submit => session.TestId("lookup-submit");

    public ILocator Result => session.TestId("lookup-result");

    public ILocator Status => session.TestId("lookup-status");

    public ILocator NotFound => session.TestId("lookup-not-found");

    /// <summary>The answer's value next to a label (证书编号, 证书类型, 学校, 专业, 等级, 毕业日期, 状态).</summary>
    public ILocator Value(string label) =>
        Result.Locator("dt").Filter(new() { HasTextRegex = new($"^{label}$") }).Locator("xpath=following-sibling::dd[1]").First;

    public async Task OpenAsync(string? query = null)
    {
        await session.GotoAsync(Path + query, interactive: false);
        await Number.WaitForAsync();
    }

    /// <summary>Fills the form and posts it; returns the HTTP status of the POST once the answered page has loaded.</summary>
    public async Task<int> LookUpAsync(string number, string name)
    {
        await Number.FillAsync(number);
        await Name.FillAsync(name);
        var response = await Page.RunAndWaitForResponseAsync(
            () => Submit.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == Path);
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Page.Locator("[data-testid=lookup-result], [data-testid=lookup-not-found]").First.WaitForAsync();
        return response.Status;
    }

    /// <summary>The answer's labels, in order.</summary>
    public async Task<IReadOnlyList<string>> LabelsAsync() => [.. (await Result.Locator("dt").AllInnerTextsAsync()).Select(t => t.Trim())];
}
