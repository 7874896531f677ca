using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Seeding;

namespace TechSchoolAid.BrowserTests.Pages;

/// <summary>/students/new: the new-student form (every input carries data-testid="field-{jsonField}").</summary>
public sealed partial class StudentEntryPage(BrowserSession session)
{
    public const string Path = "/students/new";

    private IPage Page => session.Page;

    public ILocator Field(string jsonField) => session.TestId("field-" + jsonField);

    /// <summary>The red text under one field, keyed by the JSON field name (e.g. "idNumber").</summary>
    public ILocator FieldError(string jsonField) => session.TestId("error-" + jsonField);

    public ILocator FormError => session.TestId("form-error");

    public ILocator WindowState => session.TestId("window-state");

    public ILocator Submit => session.TestId("submit");

    public async Task OpenAsync()
    {
        await session.GotoAsync(Path);
        await session.WaitForHandlersAsync(Submit);
        await WindowState.WaitForAsync();
    }

    /// <summary>Fills every required field of a resident-ID-card student of the current (autumn 2026) intake.</summary>
    public async Task FillAsync(NewStudent s)
    {
        await MudControls.TypeAsync(Field("name"), s.Name);
        await MudControls.TypeAsync(Field("idNumber"), s.IdNumber);
        await MudControls.SelectAsync(Page, Field("ethnicity"), s.Ethnicity);
        await Field("household").GetByText(s.Household, new() { Exact = true }).ClickAsync();
        await ChooseCountyAsync(s.CountyCode);
        await ChooseMajorAsync(s.Major, s.Major);
        await MudControls.SelectAsync(Page, Field("trainingLevel"), s.TrainingLevel);
        await MudControls.SelectAsync(Page, Field("entryEducation"), s.EntryEducation);
        await MudControls.TypeAsync(Field("enrolmentDate"), s.EnrolmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await MudControls.TypeAsync(Field("className"), s.ClassName);
    }

    /// <summary>The household county through the province → city → county cascade (the selects show names, not codes).</summary>
    public async Task ChooseCountyAsync(string countyCode)
    {
        var province = countyCode[..2];
        var county = Divisions.CountiesOfProvince(province).Single(c => c.Code == countyCode);
        var city = Divisions.Cities.Single(c => c.Code == county.ParentCode);
        await MudControls.SelectAsync(Page, Field("household-county-province"), Divisions.ProvinceName(province)!);
        await MudControls.SelectAsync(Page, Field("household-county-city"), city.Name);
        await MudControls.SelectAsync(Page, Field("household-county-county"), county.Name);
    }

    /// <summary>Types into the major's autocomplete (code or name), picks the catalogue entry named <paramref name="majorName"/>.</summary>
    public async Task ChooseMajorAsync(string typed, string majorName)
    {
        var input = Field("major");
        await input.ClickAsync();
        await input.FillAsync(typed);
        var option = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = majorName }).First;
        await option.ClickAsync();
        var entry = MajorCatalogueDemoData.Entries.Single(e => e.Name == majorName);
        await Assertions.ExpectValueAsync(input, $"{entry.Code} {entry.Name}");
    }

    /// <summary>Clicks 登记 and waits for either the detail page (returns its id) or the form's error (returns null).</summary>
    public async Task<Guid?> SubmitAsync()
    {
        await Submit.ClickAsync();
        var detail = Page.WaitForURLAsync(DetailUrl(), new() { WaitUntil = WaitUntilState.Commit });
        var refused = FormError.WaitForAsync();
        var first = await Task.WhenAny(detail, refused);
        await first; // surfaces a timeout of whichever finished first
        if (first == detail)
        {
            return Guid.Parse(DetailUrl().Match(Page.Url).Groups[1].Value);
        }

        return null;
    }

    [GeneratedRegex("/students/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex DetailUrl();
}

public sealed record NewStudent(string Name, string IdNumber)
{
    public string Ethnicity { get; init; } = "汉族";

    public string Household { get; init; } = "农村";

    public string CountyCode { get; init; } = "440305";

    public string Major { get; init; } = "数控加工";

    public string TrainingLevel { get; init; } = "中级工";

    public string EntryEducation { get; init; } = "初中";

    public DateOnly EnrolmentDate { get; init; } = new(2026, 9, 1);

    public string ClassName { get; init; } = "2026级数控9班";
}
