using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/crosscheck/waivers and /crosscheck/grants: 教育部免学费/助学金比对结果查询 over the user's scope.</summary>
public sealed class CrossCheckResultsPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Title => session.TestId("results-title");

    public ILocator Rows => session.TestId("case-row");

    public ILocator Empty => session.TestId("no-cases");

    public ILocator Row(Guid id) => Page.Locator($"[data-testid=case-row][data-id='{id}']");

    /// <summary>Opens the list ("waivers" or "grants", with an optional query such as "?overdue=true") and waits for its table or empty state.</summary>
    public async Task OpenAsync(string which, string query = "")
    {
        await session.GotoAsync($"/crosscheck/{which}{query}");
        await Page.Locator("[data-testid=case-table], [data-testid=no-cases]").First.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("case-filters"));
    }

    public async Task<CrossCheckCaseDetailPage> OpenCaseAsync(Guid id)
    {
        await Row(id).GetByTestId("open-case").ClickAsync();
        await Page.WaitForURLAsync($"**/crosscheck/cases/{id}");
        var detail = new CrossCheckCaseDetailPage(session);
        await detail.WaitLoadedAsync();
        return detail;
    }
}

/// <summary>/crosscheck/cases/{id}: the case, who did each step, and the school's clearance form.</summary>
public sealed class CrossCheckCaseDetailPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Title => session.TestId("case-title");

    public ILocator State => Page.Locator("div:has(> [data-testid=case-title]) [data-testid=case-state]");

    public ILocator Form => session.TestId("clearance-form");

    public ILocator Note => session.TestId("clearance-note");

    public ILocator Submit => session.TestId("clearance-submit");

    public ILocator Error => session.TestId("clearance-error");

    public ILocator ChosenEvidence => session.TestId("chosen-evidence");

    /// <summary>MudFileUpload adds a fresh &lt;input type=file&gt; after each choice and hides the used one (class d-none).</summary>
    public ILocator EvidenceInput => Page.Locator("input[type=file][data-testid=upload-evidence]:not(.d-none)");

    public ILocator FoundBy => session.TestId("step-found-by");

    public ILocator ClearedBy => session.TestId("step-cleared-by");

    public ILocator ClearedNote => session.TestId("step-note");

    public ILocator EvidenceLink => session.TestId("evidence-link");

    public async Task WaitLoadedAsync()
    {
        await Title.WaitForAsync();
        if (await Form.CountAsync() > 0)
        {
            await session.WaitForHandlersAsync(Form);
        }
    }

    /// <summary>Clicks the radio of a clearance way by the start of its label ("保留", "本校撤销", "已转学").</summary>
    public async Task ChooseAsync(string label)
    {
        await Form.Locator("label").Filter(new() { HasText = label }).First.ClickAsync();
    }

    public async Task AttachAsync(string fileName, string mimeType, byte[] content)
    {
        await EvidenceInput.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await Assertions.ExpectTextAsync(ChosenEvidence, t => t.StartsWith(fileName, StringComparison.Ordinal), $"the chosen file {fileName}");
    }
}
