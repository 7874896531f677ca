using System.Text.RegularExpressions;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Students.Contracts;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class RegistrationReviewTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task Registration_SchoolSubmitsAndCityApproves_DetailShowsStatusNumber()
    {
        const string test = nameof(Registration_SchoolSubmitsAndCityApproves_DetailShowsStatusNumber);
        Guid[] chosen = [];
        var batch = "";

        // The school: pick two not-yet-submitted students, record the on-site check, submit them as one batch.
        await using (var school = await fixture.NewSessionAsync(test + "-school"))
        {
            await school.RunAsync(async () =>
            {
                await new LoginPage(school).SignInAsync(CitySchoolUser);
                var list = new StudentListPage(school);
                await list.OpenAsync();
                await list.FilterStateAsync("已采集");
                await school.ShotAsync("collected");
                var ids = await list.StudentIdsAsync();
                Assert.True(ids.Count >= 2, $"The demo data should leave at least two collected students at {CitySchool}; found {ids.Count}.");
                chosen = [ids[0], ids[1]];

                await list.SelectAsync(chosen);
                await school.ShotAsync("selected");
                var verified = await list.VerifySelectedAsync();
                Assert.Contains("已记录 2 名学生的现场核验", verified, StringComparison.Ordinal);

                // The table reloads after the check (and clears the selection): once both rows show the check, select them
                // again and submit.
                foreach (var id in chosen)
                {
                    await list.WaitForRowTextAsync(id, "已核验");
                }

                await list.SelectAsync(chosen);
                batch = await list.SubmitSelectedAsync();
                await school.ShotAsync("submitted");
                Assert.Matches(BatchNumber(), batch);
                foreach (var id in chosen)
                {
                    var record = await school.App.GetStudentAsync(id);
                    Assert.Equal(TechSchoolAid.Modules.Students.Contracts.RegistrationState.Submitted, record!.RegistrationState);
                    Assert.Null(record.StatusNumber);
                }
            });
        }

        // The city (supervisor of the 市管 school): approve the batch; every student gets a 学籍号.
        await using var city = await fixture.NewSessionAsync(test + "-city");
        await city.RunAsync(async () =>
        {
            await new LoginPage(city).SignInAsync(CityReviewer);
            var review = new RegistrationsPage(city);
            await review.OpenAsync();
            await review.BatchRow(batch).WaitForAsync();
            await city.ShotAsync("pending");
            Assert.Contains("2 名", await review.BatchRow(batch).InnerTextAsync(), StringComparison.Ordinal);

            var approved = await review.ApproveBatchAsync(batch);
            await city.ShotAsync("approved");
            Assert.Contains("已审核通过 2 名新生", approved, StringComparison.Ordinal);
            await review.BatchRow(batch).WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });

            var detail = new StudentDetailPage(city);
            foreach (var id in chosen)
            {
                await detail.OpenAsync(id);
                await city.ShotAsync("detail");
                var number = (await detail.StatusNumber.InnerTextAsync()).Trim();
                Assert.Matches(StatusNumber(), number);
                Assert.Contains(number, approved, StringComparison.Ordinal); // the message names the first and last number
                Assert.Equal("审核通过", (await detail.State.InnerTextAsync()).Trim());
                // The reviewer as a person and organisation, the account on hover (issue 13, item 8).
                var reviewer = city.TestId("history-reviewed").GetByTestId("person-name");
                Assert.Equal(CityReviewer, await reviewer.GetAttributeAsync("data-account"));
                await Assertions.ExpectTextAsync(reviewer, t => t.EndsWith(" · 广州市", StringComparison.Ordinal), "the reviewer's name and organisation");
                Assert.Equal(number, (await city.App.GetStudentAsync(id))!.StatusNumber);
            }
        });
    }

    /// <summary>{school}-{yyyyMMdd}-{nnn}, dated by the (fake) clock.</summary>
    [GeneratedRegex(@"^44010004-20261015-\d{3}$")]
    private static partial Regex BatchNumber();

    /// <summary>学籍号: intake year, school code, five-digit sequence.</summary>
    [GeneratedRegex(@"^202644010004\d{5}$")]
    private static partial Regex StatusNumber();
}
