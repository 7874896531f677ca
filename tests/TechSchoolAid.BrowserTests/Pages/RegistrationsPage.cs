using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/registrations: the reviewer's pending batches and students, approve or return.</summary>
public sealed partial class RegistrationsPage(BrowserSession session)
{
    public const string Path = "/registrations";

    private IPage Page => session.Page;

    public ILocator ReviewSection => session.TestId("review-section");

    public ILocator ReviewError => session.TestId("review-error");

    public ILocator BatchRow(string batchNumber) => Page.Locator($"tr[data-testid=batch-row][data-batch='{batchNumber}']");

    public ILocator ApproveBatchButton(string batchNumber) => Page.Locator($"[data-testid=approve-batch][data-batch='{batchNumber}']");

    public async Task OpenAsync()
    {
        await session.GotoAsync(Path);
        // The pending list loads after the first render: wait for the batches or the "nothing pending" message.
        await Page.Locator("[data-testid=batch-table], [data-testid=review-empty]").First.WaitForAsync();
    }

    /// <summary>整批通过 for one batch, confirmed in the dialog; returns the success message (with the 学籍号 range).</summary>
    public async Task<string> ApproveBatchAsync(string batchNumber)
    {
        await session.WaitForHandlersAsync(ApproveBatchButton(batchNumber));
        await ApproveBatchButton(batchNumber).ClickAsync();
        var dialog = Page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await session.ShotAsync("approve-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "整批通过", Exact = true }).ClickAsync();
        var message = Page.Locator(".mud-snackbar").Filter(new() { HasTextRegex = ApprovedMessage() }).First;
        var error = ReviewError;
        await Page.Locator(".mud-snackbar:has-text('已审核通过'), [data-testid=review-error]").First.WaitForAsync();
        if (await error.CountAsync() > 0)
        {
            throw new InvalidOperationException("Approval refused: " + await error.InnerTextAsync());
        }

        return await message.InnerTextAsync();
    }

    [GeneratedRegex("已审核通过 \\d+ 名新生")]
    private static partial Regex ApprovedMessage();
}
