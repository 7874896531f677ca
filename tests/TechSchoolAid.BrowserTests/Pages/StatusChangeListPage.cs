using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/status-changes: deadline filters (全部 / 已逾期 / 即将到期 / 逾期办结), state and kind filters, the list and on-time rates.</summary>
public sealed class StatusChangeListPage(BrowserSession session)
{
    public const string Path = "/status-changes";

    private IPage Page => session.Page;

    public ILocator Table => session.TestId("change-table");

    public ILocator Rows => session.TestId("change-row");

    public ILocator Total => session.TestId("change-total");

    public ILocator OverdueFilter => session.TestId("filter-overdue");

    public ILocator Row(Guid changeId) => Page.Locator($"tr[data-testid=change-row][data-id='{changeId}']");

    /// <summary>The rows naming this student (the name cell also holds the masked ID number).</summary>
    public ILocator RowsOf(string studentName) => Rows.Filter(new() { HasText = studentName });

    public static ILocator DeadlineChip(ILocator row) => row.Locator("[data-testid=deadline-chip]");

    public async Task OpenAsync(string? query = null)
    {
        await session.GotoAsync(Path + query);
        await WaitLoadedAsync();
    }

    /// <summary>Waits until the table or "nothing found" shows and the filters handle events.</summary>
    public async Task WaitLoadedAsync()
    {
        await session.WaitForHandlersAsync(OverdueFilter);
        await Page.Locator("[data-testid=change-table], [data-testid=no-changes]").First.WaitForAsync();
    }

    /// <summary>Clicks 已逾期 and waits until the reloaded list shows only overdue changes (or none).</summary>
    public async Task ShowOverdueAsync()
    {
        await OverdueFilter.ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var chips = await Rows.Locator("[data-testid=deadline-chip]").AllInnerTextsAsync();
            var empty = await session.TestId("no-changes").CountAsync() > 0;
            if ((empty && chips.Count == 0) || (chips.Count > 0 && chips.All(t => t.Trim().StartsWith("已逾期 ", StringComparison.Ordinal))))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The list did not show only overdue changes after 已逾期: [{string.Join(", ", chips)}].");
            }

            await Page.WaitForTimeoutAsync(50);
        }
    }

    /// <summary>The row's cells' text: 学生, 学籍号, (学校,) 类型, 发生日期, 办理期限, 期限, 状态.</summary>
    public static async Task<IReadOnlyList<string>> CellsAsync(ILocator row) =>
        [.. (await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim())];
}
