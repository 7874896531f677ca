using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>
/// /students/{id}/status-changes/new: the 办理学籍异动 form, reached from the student detail page's button (every input
/// carries data-testid="field-…").
/// </summary>
public sealed partial class StatusChangeEntryPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Form => session.TestId("change-form");

    /// <summary>当前状态 of the record, as the form shows it (在籍, 转出, …).</summary>
    public ILocator StudentStatus => session.TestId("student-status");

    public ILocator Kind => session.TestId("field-kind");

    public ILocator OccurredOn => session.TestId("field-occurred-on");

    public ILocator ToSchool => session.TestId("field-to-school");

    public ILocator Reason => session.TestId("field-reason");

    /// <summary>休学 only: 预计复学日期.</summary>
    public ILocator ExpectedReturn => session.TestId("field-expected-return");

    /// <summary>The evidence files chosen on the form (chips), before saving.</summary>
    public ILocator ChosenEvidence => session.TestId("entry-evidence-file");

    /// <summary>"审批前须上传：…" under the evidence picker, for the chosen kind.</summary>
    public ILocator EvidenceRule => session.TestId("evidence-rule");

    public ILocator SaveAndNextButton => session.TestId("save-next-change");

    public ILocator FormError => session.TestId("form-error");

    public ILocator SaveButton => session.TestId("save-change");

    public ILocator SaveAndSubmitButton => session.TestId("save-submit-change");

    /// <summary>The helper text under 发生日期: "办理期限：yyyy-MM-dd（10 个工作日）" once a date is chosen.</summary>
    public ILocator DueDateHint => Form.Locator(".mud-input-helper-text").Filter(new() { HasText = "办理期限" });

    /// <summary>From the student detail page (already open): clicks 办理学籍异动 and waits for the interactive form.</summary>
    public async Task OpenFromStudentAsync(Guid studentId)
    {
        var button = session.TestId("new-status-change");
        await button.ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/students/{studentId}/status-changes/new");
        await WaitLoadedAsync();
    }

    public async Task OpenAsync(Guid studentId)
    {
        await session.GotoAsync($"/students/{studentId}/status-changes/new");
        await WaitLoadedAsync();
    }

    public async Task WaitLoadedAsync()
    {
        await Form.WaitForAsync();
        await session.WaitForHandlersAsync(SaveAndSubmitButton);
    }

    /// <summary>Fills kind, date, (休学) expected return — half a year later unless given —, (transfer) receiving school and reason.</summary>
    public async Task FillAsync(string kindText, DateOnly occurredOn, string reason, string? toSchoolCode = null, DateOnly? expectedReturn = null)
    {
        await MudControls.SelectAsync(Page, Kind, kindText);
        if (toSchoolCode is not null)
        {
            await ToSchool.WaitForAsync();
            await MudControls.TypeAsync(ToSchool, toSchoolCode);
        }

        await MudControls.TypeAsync(OccurredOn, occurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (kindText == "休学")
        {
            await ExpectedReturn.WaitForAsync();
            await MudControls.TypeAsync(ExpectedReturn, (expectedReturn ?? occurredOn.AddMonths(6)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        await MudControls.TypeAsync(Reason, reason);
    }

    /// <summary>Chooses an evidence file as the file picker would (a small PNG) and waits for its chip.</summary>
    public async Task AttachAsync(string fileName)
    {
        var before = await ChosenEvidence.CountAsync();
        await session.TestId("entry-evidence").Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "image/png", Buffer = Png });
        await Assertions.ExpectTextAsync(ChosenEvidence.Nth(before), t => t.StartsWith(fileName, StringComparison.Ordinal), $"the chosen file {fileName}");
    }

    /// <summary>保存并录入下一个: waits for the next entry's address, or returns false when the form refused the change.</summary>
    public async Task<bool> SaveAndNextAsync()
    {
        // Only the address tells: an error of an earlier attempt may still be on screen while this save runs.
        await SaveAndNextButton.ClickAsync();
        try
        {
            await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/status-changes/new", new() { WaitUntil = WaitUntilState.Commit, Timeout = 15_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");

    /// <summary>保存（暂不报送）: returns the new change's id from the detail page it lands on, or null when the form refused it.</summary>
    public Task<Guid?> SaveAsync() => ClickAndWaitAsync(SaveButton);

    /// <summary>保存并报送: returns the new change's id from the detail page it lands on, or null when the form refused it.</summary>
    public Task<Guid?> SaveAndSubmitAsync() => ClickAndWaitAsync(SaveAndSubmitButton);

    private async Task<Guid?> ClickAndWaitAsync(ILocator button)
    {
        await button.ClickAsync();
        var detail = Page.WaitForURLAsync(DetailUrl(), new() { WaitUntil = WaitUntilState.Commit });
        var refused = Page.Locator("[data-testid=form-error], .mud-input-error").First.WaitForAsync();
        var first = await Task.WhenAny(detail, refused);
        await first;
        return first == detail ? Guid.Parse(DetailUrl().Match(Page.Url).Groups[1].Value) : null;
    }

    [GeneratedRegex("/status-changes/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex DetailUrl();
}
