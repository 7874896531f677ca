using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/status-changes/{id}: one change, its deadline, the buttons the current user may press, and its history.</summary>
public sealed class StatusChangeDetailPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Title => session.TestId("change-title");

    public ILocator State => session.TestId("change-state");

    public ILocator Deadline => session.Page.Locator("div:has(> [data-testid=change-title]) [data-testid=deadline-chip]");

    public ILocator NotFound => session.TestId("change-not-found");

    public ILocator Actions => session.TestId("change-actions");

    public ILocator AcceptButton => session.TestId("accept-change");

    public ILocator ApproveButton => session.TestId("approve-change");

    public ILocator SubmitButton => session.TestId("submit-change");

    public ILocator HistoryRows => session.TestId("history-row");

    /// <summary>The 学生 link: the sending record, or on a completed transfer's In row the record at the receiving school.</summary>
    public ILocator StudentLink => session.TestId("section-change").Locator("a[href^='/students/']");

    /// <summary>The value next to a label in 异动信息 (学籍号, 学校, 转入学校, 发生日期, 办理期限, …).</summary>
    public ILocator Value(string label) =>
        Page.Locator("dl.change-fields dt").Filter(new() { HasTextRegex = new($"^{label}$") }).Locator("xpath=following-sibling::dd[1]").First;

    public async Task OpenAsync(Guid id)
    {
        await session.GotoAsync($"/status-changes/{id}");
        await WaitLoadedAsync();
    }

    /// <summary>Waits until the change (or the not-found message) shows and the page handles events.</summary>
    public async Task WaitLoadedAsync()
    {
        await Page.Locator("[data-testid=change-title], [data-testid=change-not-found]").First.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("back-to-changes"));
    }

    public async Task<string> StateTextAsync() => (await State.InnerTextAsync()).Trim();

    public async Task ExpectStateAsync(string expected) =>
        await Assertions.ExpectTextAsync(State, t => t.Trim() == expected, $"the state '{expected}'");

    /// <summary>Clicks an action button and waits for its success message and the reloaded state.</summary>
    public async Task DoAsync(ILocator button, string doneMessage, string expectedState, string? confirm = null)
    {
        await session.WaitForHandlersAsync(button);
        await button.ClickAsync();
        if (confirm is not null)
        {
            // Final decisions ask first, naming the student and what will happen.
            var dialog = Page.Locator(".mud-dialog");
            await dialog.WaitForAsync();
            await session.ShotAsync("confirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        }

        try
        {
            await MudControls.Snackbar(Page, doneMessage).WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            var shown = await Page.Locator(".mud-snackbar").AllInnerTextsAsync();
            throw new InvalidOperationException($"No '{doneMessage}' after the click; messages shown: [{string.Join(" | ", shown)}].", ex);
        }

        await ExpectStateAsync(expectedState);
    }

    /// <summary>办理记录 as (环节, 经办人's account, 说明).</summary>
    public async Task<IReadOnlyList<(string Action, string By, string Note)>> HistoryAsync()
    {
        var result = new List<(string, string, string)>();
        foreach (var row in await HistoryRows.AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            // 经办人 shows the person and organisation; the account is on the element (issue 13, item 8).
            var person = row.Locator("td").Nth(1).GetByTestId("person-name");
            var by = await person.CountAsync() > 0 ? await person.GetAttributeAsync("data-account") ?? cells[1].Trim() : cells[1].Trim();
            result.Add((cells[0].Trim(), by, cells[3].Trim()));
        }

        return result;
    }
}
