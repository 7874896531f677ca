using Microsoft.Playwright;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>How a user drives the MudBlazor controls the pages are built from.</summary>
public static class MudControls
{
    /// <summary>
    /// Types into a MudTextField/MudNumericField/editable MudDatePicker (the data-testid lands on its &lt;input&gt;) and
    /// leaves the field, which fires the change event that commits the value to the component.
    /// </summary>
    public static async Task TypeAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.BlurAsync();
        await Assertions.ExpectValueAsync(input, text);
    }

    /// <summary>Opens a MudSelect (its &lt;input role=combobox&gt;), clicks the option with exactly this text, and waits until it shows.</summary>
    public static async Task SelectAsync(IPage page, ILocator combobox, string optionText)
    {
        await combobox.ClickAsync();
        var option = page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = optionText, Exact = true });
        await option.ClickAsync();
        await Assertions.ExpectShownAsync(combobox, optionText);
        await page.Locator(".mud-popover-open [role=listbox]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>The (first) snackbar message containing this text.</summary>
    public static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar").Filter(new() { HasText = text }).First;
}

/// <summary>Small polling assertions (xUnit has no waiting asserts; Playwright's Expect lives in its test adapters).</summary>
public static class Assertions
{
    public static async Task ExpectValueAsync(ILocator input, string expected, int timeoutMs = 5_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        string actual;
        while ((actual = await input.InputValueAsync()) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{input} shows '{actual}', expected '{expected}'.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// What a MudSelect shows: its combobox is an empty &lt;input&gt; until a value is chosen, then a &lt;div&gt; with the text.
    /// </summary>
    public static Task<string> ShownAsync(ILocator combobox) =>
        combobox.EvaluateAsync<string>("el => (el.tagName === 'INPUT' ? el.value : el.innerText).trim()");

    public static async Task ExpectShownAsync(ILocator combobox, string expected, int timeoutMs = 5_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        string actual;
        while ((actual = await ShownAsync(combobox)) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{combobox} shows '{actual}', expected '{expected}'.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task ExpectTextAsync(ILocator locator, Func<string, bool> condition, string description, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        string actual;
        while (!condition(actual = await locator.InnerTextAsync()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{locator} shows '{actual}', expected {description}.");
            }

            await Task.Delay(50);
        }
    }
}
