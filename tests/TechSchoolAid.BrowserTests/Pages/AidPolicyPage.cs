using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>
/// /aid/policies (资助政策): the policy tables with the expected average against the standard, the form that enters a
/// tier table, the national tier ranges and the central shares (ministry administrators edit the last two).
/// </summary>
public sealed class AidPolicyPage(BrowserSession session)
{
    public const string Path = "/aid/policies";

    private IPage Page => session.Page;

    public ILocator Table => session.TestId("policy-table");

    public ILocator NewButton => session.TestId("new-policy");

    public ILocator Form => session.TestId("policy-form");

    /// <summary>The alert at the top of the form listing every reason the save was refused.</summary>
    public ILocator FormError => Form.GetByTestId("form-error");

    public ILocator Title => session.TestId("field-title");

    public ILocator ValidFrom => session.TestId("field-valid-from");

    public ILocator ValidTo => session.TestId("field-valid-to");

    public ILocator TierRows => session.TestId("tier-row");

    public ILocator AddTier => session.TestId("tier-add");

    public ILocator LiveAverage => session.TestId("live-average");

    public ILocator SaveButton => session.TestId("save-policy");

    public ILocator RangeForm => session.TestId("range-form");

    public ILocator ShareForm => session.TestId("share-form");

    /// <summary>The message under one field of the open form ("tiers", "tiers[0].amountFen", "validTo", …).</summary>
    public ILocator FieldError(ILocator form, string field) => form.GetByTestId($"error-{field}");

    /// <summary>The policy rows of one province (code "44") or of the national default ("national").</summary>
    public ILocator RowsOf(string province) => Page.Locator($"tr[data-testid=policy-row][data-province='{province}']");

    public ILocator ShareChip(string province) => Page.Locator($"[data-testid=share-row][data-province='{province}'][data-city='']");

    public ILocator RangeRow(Guid id) => Page.Locator($"tr[data-testid=range-row][data-id='{id}']");

    public async Task OpenAsync()
    {
        await session.GotoAsync(Path);
        await Table.WaitForAsync();
        await session.WaitForHandlersAsync(Page.Locator(".mud-main-content"));
    }

    public async Task NewPolicyAsync()
    {
        await session.WaitForHandlersAsync(NewButton);
        await NewButton.ClickAsync();
        await Form.WaitForAsync();
        await session.WaitForHandlersAsync(SaveButton);
    }

    public async Task FillPeriodAsync(string title, string from, string to)
    {
        await MudControls.TypeAsync(Title, title);
        await MudControls.TypeAsync(ValidFrom, from);
        await MudControls.TypeAsync(ValidTo, to);
    }

    /// <summary>Sets the tier table to exactly these tiers (yuan, expected share %), adding or removing rows as a user would.</summary>
    public async Task SetTiersAsync(params (long Yuan, int Share)[] tiers)
    {
        while (await TierRows.CountAsync() < tiers.Length)
        {
            var before = await TierRows.CountAsync();
            await AddTier.ClickAsync();
            await WaitForCountAsync(TierRows, before + 1);
        }

        while (await TierRows.CountAsync() > tiers.Length)
        {
            var before = await TierRows.CountAsync();
            await session.TestId($"tier-remove-{before - 1}").ClickAsync();
            await WaitForCountAsync(TierRows, before - 1);
        }

        for (var i = 0; i < tiers.Length; i++)
        {
            await MudControls.TypeAsync(session.TestId($"tier-amount-{i}"), tiers[i].Yuan.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await MudControls.TypeAsync(session.TestId($"tier-share-{i}"), tiers[i].Share.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>保存: true when saved (the form closed with a confirmation), false when refused (the reasons show in the form).</summary>
    public Task<bool> SaveAsync() => SaveAndWaitAsync(SaveButton, Form, "已保存资助政策");

    /// <summary>Opens a province's central share from its chip (ministry administrators only).</summary>
    public async Task EditShareAsync(string province)
    {
        await session.WaitForHandlersAsync(ShareChip(province));
        await ShareChip(province).ClickAsync();
        await ShareForm.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("save-share"));
    }

    public Task SelectShareAsync(string optionText) => MudControls.SelectAsync(Page, session.TestId("share-percent"), optionText);

    public Task<bool> SaveShareAsync() => SaveAndWaitAsync(session.TestId("save-share"), ShareForm, "中央分担比例");

    public async Task EditRangeAsync(Guid id)
    {
        var button = RangeRow(id).GetByTestId("edit-range");
        await session.WaitForHandlersAsync(button);
        await button.ClickAsync();
        await RangeForm.WaitForAsync();
        await session.WaitForHandlersAsync(session.TestId("save-range"));
    }

    public Task<bool> SaveRangeAsync() => SaveAndWaitAsync(session.TestId("save-range"), RangeForm, "国家助学金档次范围");

    /// <summary>
    /// Clicks a form's 保存 and waits for the answer: the confirmation (form closed) or a refusal that differs from the one
    /// shown before the click (a form may already show the reasons of an earlier attempt).
    /// </summary>
    private async Task<bool> SaveAndWaitAsync(ILocator button, ILocator form, string savedText)
    {
        var alert = form.Locator(".mud-alert");
        // AllInnerTextsAsync never waits: the alert (or the whole form) may vanish between two reads.
        var before = string.Join("\n", await alert.AllInnerTextsAsync());
        await button.ClickAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await MudControls.Snackbar(Page, savedText).CountAsync() > 0)
            {
                await form.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                return true;
            }

            if (string.Join("\n", await alert.AllInnerTextsAsync()) is { Length: > 0 } now && now != before)
            {
                // The alert also changes while the form re-renders around a save that succeeds: a refusal is only a
                // refusal if no confirmation follows and the form stays.
                var settle = DateTime.UtcNow.AddSeconds(2);
                while (DateTime.UtcNow < settle)
                {
                    if (await MudControls.Snackbar(Page, savedText).CountAsync() > 0)
                    {
                        await form.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                        return true;
                    }

                    await Task.Delay(50);
                }

                return false;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Neither '{savedText}' nor a new refusal appeared after clicking {button}.");
    }

    private static async Task WaitForCountAsync(ILocator locator, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await locator.CountAsync() != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{locator}: expected {count} elements.");
            }

            await Task.Delay(50);
        }
    }
}
