using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/students/import: choose a file, import, and the accepted / refused report.</summary>
public sealed class StudentImportPage(BrowserSession session)
{
    public const string Path = "/students/import";

    /// <summary>MudFileUpload adds a fresh &lt;input type=file&gt; after each choice and hides the used one (class d-none).</summary>
    public ILocator FileInput => session.Page.Locator("input[type=file][data-testid=import-file]:not(.d-none)");

    public ILocator ChosenFile => session.TestId("chosen-file");

    public ILocator ImportButton => session.TestId("import-submit");

    public ILocator Success => session.TestId("import-success");

    public ILocator Failed => session.TestId("import-failed");

    public ILocator ErrorTable => session.TestId("import-errors");

    public ILocator ErrorRows => ErrorTable.Locator("tbody tr.mud-table-row");

    public async Task OpenAsync()
    {
        await session.GotoAsync(Path);
        await session.WaitForHandlersAsync(session.TestId("choose-file"));
    }

    /// <summary>Chooses the file (as the file picker would) and clicks 开始导入 once it is enabled; waits for the report.</summary>
    public async Task ImportAsync(string fileName, byte[] content)
    {
        await FileInput.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });
        await Assertions.ExpectTextAsync(ChosenFile, t => t.StartsWith(fileName, StringComparison.Ordinal), $"the chosen file {fileName}");
        await ImportButton.ClickAsync();
        await session.Page.Locator("[data-testid=import-success], [data-testid=import-failed], [data-testid=import-error]").First.WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>The per-row errors as (行号 text, 姓名, 列, 问题).</summary>
    public async Task<IReadOnlyList<(string Row, string Name, string Column, string Message)>> ErrorsAsync()
    {
        var result = new List<(string, string, string, string)>();
        foreach (var row in await ErrorRows.AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            result.Add((cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim()));
        }

        return result;
    }
}
