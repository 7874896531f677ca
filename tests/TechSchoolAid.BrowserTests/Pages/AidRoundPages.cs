using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/aid/rounds: the grant and waiver lists in scope, and the school's 拟定名单 form.</summary>
public sealed partial class AidRoundListPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator CreateForm => session.TestId("round-create-form");

    public ILocator CreateItem => session.TestId("create-item");

    public ILocator CreateButton => session.TestId("create-submit");

    public ILocator CreateError => session.TestId("create-error");

    public ILocator WaitingForMe => session.TestId("filter-waiting");

    public ILocator Rows => session.TestId("round-row");

    public ILocator Row(Guid id) => Page.Locator($"[data-testid=round-row][data-id='{id}']");

    public async Task OpenAsync()
    {
        await session.GotoAsync("/aid/rounds");
        await Page.Locator("[data-testid=round-table], [data-testid=no-rounds]").First.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("round-filters"));
    }

    /// <summary>Chooses the item (the term stays the current one), clicks 拟定名单 and returns the new list's id from the page it lands on.</summary>
    public async Task<Guid> CreateAsync(string itemText)
    {
        await MudControls.SelectAsync(Page, CreateItem, itemText);
        await CreateButton.ClickAsync();
        var landed = Page.WaitForURLAsync(DetailUrl(), new() { WaitUntil = WaitUntilState.Commit });
        var refused = CreateError.WaitForAsync();
        var first = await Task.WhenAny(landed, refused);
        await first;
        if (first == refused)
        {
            throw new InvalidOperationException("拟定名单 was refused: " + await CreateError.InnerTextAsync());
        }

        return Guid.Parse(DetailUrl().Match(Page.Url).Groups[1].Value);
    }

    [GeneratedRegex("/aid/rounds/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex DetailUrl();
}

/// <summary>/aid/rounds/{id}: one list, who did each step, its lines, and the actions the user may take now.</summary>
public sealed class AidRoundDetailPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Title => session.TestId("round-title");

    public ILocator State => Page.Locator("div:has(> [data-testid=round-title]) [data-testid=round-state]");

    public ILocator Problem => session.TestId("action-problem");

    public ILocator Declared => session.TestId("round-declared");

    public ILocator PublicationRule => session.TestId("publication-rule");

    public ILocator PublicationDays => session.TestId("publication-days");

    public ILocator PublishButton => session.TestId("publish-submit");

    public ILocator SubmitButton => session.TestId("submit-round");

    public ILocator SubmitWait => session.TestId("submit-wait");

    public ILocator ApproveAllButton => session.TestId("approve-all");

    public ILocator ExportLink => session.TestId("export-entries");

    public ILocator EntryRows => session.TestId("entry-row");

    public ILocator EntryTotal => session.TestId("entry-total");

    /// <summary>The 经办人 cell of a step of 办理记录: created, published, submitted, reviewed.</summary>
    /// <summary>The account that did a step: the cell shows the person's name and organisation, the account is on the element (issue 13 item 8).</summary>
    public async Task<string?> StepAccountAsync(string step)
    {
        var person = session.TestId($"step-{step}").Locator("td").Nth(1).GetByTestId("person-name");
        await person.WaitForAsync();
        return await person.GetAttributeAsync("data-account");
    }

    public async Task OpenAsync(Guid id)
    {
        await session.GotoAsync($"/aid/rounds/{id}");
        await WaitLoadedAsync();
    }

    public async Task WaitLoadedAsync()
    {
        await Page.Locator("[data-testid=round-title], [data-testid=round-not-found]").First.WaitForAsync();
        await Page.Locator("[data-testid=entry-table], [data-testid=no-entries]").First.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("back-to-rounds"));
    }

    public async Task ExpectStateAsync(string expected) =>
        await Assertions.ExpectTextAsync(State, t => t.Trim() == expected, $"the state '{expected}'");

    /// <summary>Clicks an action button and waits for its success message (or fails with the problem the page shows) and the new state.</summary>
    public async Task DoAsync(ILocator button, string doneMessage, string expectedState, string? confirm = null)
    {
        await session.WaitForHandlersAsync(button);
        await button.ClickAsync();
        if (confirm is not null)
        {
            // Final decisions ask first, naming what will happen and to how many students.
            var dialog = Page.Locator(".mud-dialog");
            await dialog.WaitForAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = confirm, Exact = true }).ClickAsync();
        }

        var done = MudControls.Snackbar(Page, doneMessage).WaitForAsync();
        var refused = Problem.WaitForAsync();
        var first = await Task.WhenAny(done, refused);
        if (first == refused && refused.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"'{doneMessage}' was refused: {await Problem.InnerTextAsync()}");
        }

        await first;
        await ExpectStateAsync(expectedState);
    }

    /// <summary>The texts of one column (by data-testid inside each row) over the lines shown.</summary>
    public Task<IReadOnlyList<string>> ColumnAsync(string testId) => EntryRows.Locator($"[data-testid={testId}]").AllInnerTextsAsync();
}
