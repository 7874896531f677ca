using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/students/{id}: one student, masked ID number, the 学籍 section and the handling history.</summary>
public sealed class StudentDetailPage(BrowserSession session)
{
    public ILocator Name => session.TestId("student-name");

    public ILocator IdNumber => session.TestId("id-number");

    public ILocator State => session.TestId("state-chip");

    public ILocator NotFound => session.TestId("student-not-found");

    public ILocator EnrolmentSection => session.TestId("section-enrolment");

    /// <summary>The value next to a label in the field lists (there is no data-testid on single values such as 学籍号).</summary>
    public ILocator Value(string label) =>
        session.Page.Locator("dl.student-fields dt").Filter(new() { HasTextRegex = new($"^{label}$") }).Locator("xpath=following-sibling::dd[1]").First;

    public ILocator StatusNumber => Value("学籍号");

    public async Task OpenAsync(Guid id)
    {
        await session.GotoAsync($"/students/{id}");
        await WaitLoadedAsync();
    }

    /// <summary>Waits until the page shows the student or the not-found message.</summary>
    public async Task WaitLoadedAsync() =>
        await session.Page.Locator("[data-testid=student-name], [data-testid=student-not-found]").First.WaitForAsync();
}
