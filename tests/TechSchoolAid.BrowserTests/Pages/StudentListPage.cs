using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/students: filters, the server-paged MudTable with row selection, and batch verify / submit.</summary>
public sealed partial class StudentListPage(BrowserSession session)
{
    public const string Path = "/students";

    private IPage Page => session.Page;

    public ILocator Table => session.TestId("student-table");

    public ILocator Rows => Table.Locator("tbody tr.mud-table-row").Filter(new() { Has = session.TestId("student-link") });

    public ILocator TotalCount => session.TestId("total-count");

    public ILocator SelectedCount => session.TestId("selected-count");

    public ILocator VerifyButton => session.TestId("batch-verify");

    public ILocator SubmitButton => session.TestId("batch-submit");

    public ILocator Row(Guid studentId) => Table.Locator($"tbody tr:has(a[href='/students/{studentId}'])");

    public async Task OpenAsync(string? query = null)
    {
        await session.GotoAsync(Path + query);
        await WaitLoadedAsync();
    }

    /// <summary>Waits until the table shows rows (or says there are none) and its filters handle events.</summary>
    public async Task WaitLoadedAsync()
    {
        await session.WaitForHandlersAsync(session.TestId("filter-reset"));
        await Table.Locator("tbody tr.mud-table-row:has([data-testid=student-link]), [data-testid=no-students]").First.WaitForAsync();
    }

    /// <summary>Chooses a state in the 状态 filter and waits until the reloaded table shows only students in that state.</summary>
    public async Task FilterStateAsync(string stateText)
    {
        await MudControls.SelectAsync(Page, session.TestId("filter-state"), stateText);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var states = await Table.Locator("tbody [data-testid=state-chip]").AllInnerTextsAsync();
            var empty = await session.TestId("no-students").CountAsync() > 0;
            if ((empty && states.Count == 0) || (states.Count > 0 && states.All(t => t.Trim() == stateText)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The list did not show only '{stateText}' students: [{string.Join(", ", states)}].");
            }

            await Page.WaitForTimeoutAsync(50);
        }
    }

    /// <summary>Waits until one student's row contains this text (e.g. 已核验 after the table reloads).</summary>
    public async Task WaitForRowTextAsync(Guid studentId, string text) =>
        await Row(studentId).Filter(new() { HasText = text }).WaitForAsync();

    /// <summary>The ids of the students on the current page, in display order.</summary>
    public async Task<IReadOnlyList<Guid>> StudentIdsAsync()
    {
        var hrefs = await Table.Locator("[data-testid=student-link]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        return [.. hrefs.Select(h => Guid.Parse(h["/students/".Length..]))];
    }

    public async Task<string> StateOfAsync(Guid studentId) => (await Row(studentId).Locator("[data-testid=state-chip]").InnerTextAsync()).Trim();

    public async Task SelectAsync(params Guid[] studentIds)
    {
        foreach (var id in studentIds)
        {
            await Row(id).Locator("input.mud-checkbox-input").CheckAsync();
        }

        await Assertions.ExpectTextAsync(SelectedCount, t => t.Contains($"已选 {studentIds.Length} 名", StringComparison.Ordinal), $"已选 {studentIds.Length} 名");
    }

    /// <summary>现场核验 for the selected rows; returns the success message.</summary>
    public async Task<string> VerifySelectedAsync()
    {
        await VerifyButton.ClickAsync();
        // Issue 13 item 2: verifying many students is confirmed in a dialog naming how many.
        var dialog = Page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^确认核验") }).ClickAsync();
        var message = MudControls.Snackbar(Page, "现场核验");
        await message.WaitForAsync();
        return await message.InnerTextAsync();
    }

    /// <summary>报送审核 for the selected rows, confirmed in the dialog; returns the batch number from the message.</summary>
    public async Task<string> SubmitSelectedAsync()
    {
        await SubmitButton.ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await session.ShotAsync("submit-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "报送", Exact = true }).ClickAsync();
        var message = MudControls.Snackbar(Page, "批次号");
        await message.WaitForAsync();
        var text = await message.InnerTextAsync();
        return BatchNumber().Match(text) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("No batch number in: " + text);
    }

    [GeneratedRegex(@"批次号\s*(\S+?)[，,]")]
    private static partial Regex BatchNumber();
}
