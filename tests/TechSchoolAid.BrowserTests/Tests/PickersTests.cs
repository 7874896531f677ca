using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>
/// Issue 13 item 3 in the browser (docs/adr/0026-pickers.md): in a school of 5,000 students the clerk finds one by name
/// with the student picker and goes on to the change form ("新增异动" from the status-change list), and filters the student
/// list by a class chosen with the class picker. The 5,000 are planted in a school of province 51 that no other browser
/// test reads, so the other tests' counts stay as they were.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PickersTests(BrowserAppFixture fixture)
{
    private const int Students = 5_000;
    private const string Target = "司马选择";
    private const string TargetClass = "2025级数控9班";

    private static readonly SemaphoreSlim Planting = new(1, 1);
    private static string? _school;

    [Fact]
    public async Task StudentPicker_FindsOneByNameAmong5000_AndNewChangeContinuesToItsForm()
    {
        var school = await BigSchoolAsync(fixture.App);
        var target = await fixture.App.WithDbAsync(db => db.Set<StudentRecord>().AsNoTracking().SingleAsync(s => s.SchoolCode == school && s.Name == Target));
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync($"school-{school}-records");
            await s.GotoAsync("/status-changes");
            await s.TestId("new-change").ClickAsync();
            await s.Page.WaitForURLAsync("**/status-changes/new");
            await s.WaitForInteractiveAsync();

            var picker = s.TestId("new-change-student").Locator("input");
            await picker.ClickAsync();
            await picker.PressSequentiallyAsync("司马选", new() { Delay = 60 });
            var option = s.Page.GetByTestId("student-option").Filter(new() { HasText = Target });
            await option.First.WaitForAsync(new() { Timeout = 10_000 });
            var shown = await option.First.InnerTextAsync();
            Assert.Contains(TargetClass, shown, StringComparison.Ordinal);
            Assert.Contains(target.IdNumberMasked, shown, StringComparison.Ordinal);
            Assert.Contains(target.StatusNumber!, shown, StringComparison.Ordinal);
            await s.ShotAsync("options-1440");

            // The keyboard chooses: arrow down to the option, Enter.
            await picker.PressAsync("ArrowDown");
            await picker.PressAsync("Enter");
            await Assertions.ExpectTextAsync(s.TestId("picked-student"), t => t.Contains(Target, StringComparison.Ordinal) && t.Contains(TargetClass, StringComparison.Ordinal), "the chosen student");
            await s.ShotAsync("picked-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("picked-390");
            await s.Page.SetViewportSizeAsync(1440, 900);

            await s.TestId("continue-to-form").ClickAsync();
            await s.Page.WaitForURLAsync($"**/students/{target.Id}/status-changes/new");
            await s.TestId("change-form").WaitForAsync();
            await s.ShotAsync("form");
        });
    }

    [Fact]
    public async Task StudentList_FiltersByAClassChosenWithTheClassPicker()
    {
        var school = await BigSchoolAsync(fixture.App);
        var inClass = await fixture.App.WithDbAsync(db => db.Set<StudentRecord>().CountAsync(s => s.SchoolCode == school && s.ClassName == TargetClass));
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            await new LoginPage(s).SignInAsync($"school-{school}-records");
            await s.GotoAsync("/students");
            await Assertions.ExpectTextAsync(s.TestId("total-count"), t => t.Replace(",", "", StringComparison.Ordinal).StartsWith(Students.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) || int.Parse(t.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) > Students, "every student of the school");

            var picker = s.TestId("filter-class").Locator("input");
            await picker.ClickAsync();
            await picker.PressSequentiallyAsync("数控9", new() { Delay = 60 });
            var option = s.Page.GetByTestId("class-option").Filter(new() { HasText = TargetClass });
            await option.First.WaitForAsync(new() { Timeout = 10_000 });
            Assert.Contains($"{inClass} 人", await option.First.InnerTextAsync(), StringComparison.Ordinal);
            await s.ShotAsync("class-options");
            await option.First.ClickAsync();

            await Assertions.ExpectTextAsync(s.TestId("total-count"), t => t == inClass.ToString("N0", CultureInfo.InvariantCulture), "the class's students only");
            var classes = await s.Page.Locator("[data-testid=student-table] td[data-label=班级]").AllInnerTextsAsync();
            Assert.NotEmpty(classes);
            Assert.All(classes, c => Assert.Equal(TargetClass, c.Trim()));
            await s.ShotAsync("filtered-1440");
            await s.Page.SetViewportSizeAsync(390, 844);
            await s.ShotAsync("filtered-390");
        });
    }

    /// <summary>A 市管 school of province 51 no other browser test uses, with 5,000 approved students (planted once).</summary>
    private static async Task<string> BigSchoolAsync(AppServer app)
    {
        await Planting.WaitAsync();
        try
        {
            return _school ??= await PlantAsync(app);
        }
        finally
        {
            Planting.Release();
        }
    }

    private static Task<string> PlantAsync(AppServer app) => app.WithDbAsync(async db =>
    {
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var school = await db.Set<Organization>().AsNoTracking()
            .Where(o => o.Level == OrgLevel.School && o.ProvinceCode == "51" && o.ManagedBy == ManagedBy.City && o.Code != "51010004" && o.Code != StatusChangeData.ReceivingSchool)
            .OrderBy(o => o.Code).FirstAsync();
        var today = DateOnly.FromDateTime(AppServer.Now.UtcDateTime);
        var now = AppServer.Now.UtcDateTime;
        var batchId = Guid.CreateVersion7();
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
        string[] given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平"];
        var records = new List<StudentRecord>(Students);
        for (var n = 0; n < Students; n++)
        {
            var name = n == 1234 ? Target : surnames[n % surnames.Length] + given[n / surnames.Length % given.Length] + given[n / 300 % given.Length];
            var input = new StudentInput
            {
                Name = name,
                DocumentType = IdDocumentType.ResidentIdCard,
                IdNumber = IdNumbers.Valid("510104", new DateOnly(2009, 1, 1).AddDays(n / 400), n % 400 + 500),
                Ethnicity = "汉族",
                Household = Household.Rural,
                HouseholdCountyCode = "510104",
                Major = "数控加工",
                MajorIsAgricultural = false,
                TrainingLevel = TrainingLevel.Intermediate,
                EntryEducation = EntryEducation.JuniorMiddle,
                SchoolingYears = 3,
                IsFullTime = true,
                IntakeYear = 2025,
                IntakeSeason = IntakeSeason.Autumn,
                EnrolmentDate = new DateOnly(2025, 9, 1),
                ClassName = n == 1234 ? TargetClass : string.Create(CultureInfo.InvariantCulture, $"2025级数控{n % 60 + 10}班"),
                PaperFileMade = true,
            };
            var valid = StudentValidation.Validate(input, today, protector, out var errors)
                ?? throw new InvalidOperationException("Planted student invalid: " + string.Join("; ", errors.SelectMany(e => e.Value)));
            var record = new StudentRecord(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, valid.Data, valid.Personal, $"school-{school.Code}", now);
            record.Verify($"school-{school.Code}", now, VerifyRegistration.OnSite);
            record.Submit(batchId, $"school-{school.Code}", now);
            record.Approve(string.Create(CultureInfo.InvariantCulture, $"2025{school.Code}9{n:D4}"), $"city-{school.CityCode}", now);
            records.Add(record);
        }

        db.Add(new RegistrationBatch(batchId, school.Id, school.ScopePath, $"{school.Code}-picker-001", records.Count, $"school-{school.Code}", now));
        db.AddRange(records);
        await db.SaveChangesAsync();
        return school.Code;
    });
}
