using System.Text.RegularExpressions;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using static TechSchoolAid.BrowserTests.Infrastructure.StatusChangeData;
using static TechSchoolAid.BrowserTests.Infrastructure.TestData;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>STA-1/STA-2 in the browser: a transfer from 广州 (44) to 成都 (51) through both schools and both cities, and an overdue change.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusChangeTests(BrowserAppFixture fixture)
{
    /// <summary>
    /// Transfer dated Monday 12 October 2026: ten working days later on the official calendar is Monday 26 October.
    /// </summary>
    private static readonly DateOnly TransferOn = new(2026, 10, 12);
    private const string TransferDue = "2026-10-26";

    /// <summary>
    /// Tuesday 22 September 2026: ten working days on the official calendar skip 中秋 (25 Sep) and 国庆 (1–7 Oct) and count
    /// the make-up Saturday 10 October, so the due date is 13 October (counting plain weekdays would give 6 October). The
    /// fake clock says 15 October: two days late.
    /// </summary>
    private static readonly DateOnly OverdueOn = new(2026, 9, 22);
    private const string OverdueDue = "2026-10-13";

    [Fact]
    public async Task Transfer_AcrossCitiesAndProvinces_ReceivingSchoolAcceptsBothAuthoritiesApprove_RecordMoves()
    {
        const string test = nameof(Transfer_AcrossCitiesAndProvinces_ReceivingSchoolAcceptsBothAuthoritiesApprove_RecordMoves);
        var student = await fixture.App.FreeActiveStudentAsync(CitySchool);
        var outId = Guid.Empty;
        var inId = Guid.Empty;
        var newId = Guid.Empty;
        string receivingName = "";

        // 1. The sending school (广州, 市管) proposes the transfer to a school in 成都 and submits it.
        await using (var s = await fixture.NewSessionAsync(test + "-1-sending-school"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CitySchoolUser);
                var studentPage = new StudentDetailPage(s);
                await studentPage.OpenAsync(student.Id);
                await s.ShotAsync("student");
                Assert.Equal(student.Name, (await studentPage.Name.InnerTextAsync()).Trim());

                var entry = new StatusChangeEntryPage(s);
                await entry.OpenFromStudentAsync(student.Id);
                Assert.Equal("在籍", (await entry.StudentStatus.InnerTextAsync()).Trim());
                await entry.FillAsync("转学", TransferOn, "随父母工作调动迁居成都，申请转学（浏览器测试）", ReceivingSchool);
                await entry.AttachAsync("转入学校接收证明.png"); // required before approval (issue 13, item 2)
                await Assertions.ExpectTextAsync(entry.DueDateHint, t => t.Contains(TransferDue, StringComparison.Ordinal), $"the due date {TransferDue}");
                await s.ShotAsync("filled");

                var id = await entry.SaveAndSubmitAsync();
                Assert.True(id is not null, "The transfer was refused: " + await s.SafeTextAsync());
                outId = id.Value;

                var detail = new StatusChangeDetailPage(s);
                await detail.WaitLoadedAsync();
                await detail.ExpectStateAsync("待转入学校接收");
                await s.ShotAsync("submitted");
                Assert.Equal($"{student.Name} · 转学（转出）", (await detail.Title.InnerTextAsync()).Trim());
                receivingName = (await detail.Value("转入学校").InnerTextAsync()).Trim();
                Assert.EndsWith($"（{ReceivingSchool}）", receivingName, StringComparison.Ordinal);
                receivingName = receivingName[..receivingName.IndexOf('（', StringComparison.Ordinal)];
                Assert.StartsWith(TransferDue, (await detail.Value("办理期限").InnerTextAsync()).Trim(), StringComparison.Ordinal);
                // Submitted but not completed: the due date runs to the completion (issue 11), so it is "not due yet", not "on time".
                Assert.Equal("未到期", (await detail.Deadline.InnerTextAsync()).Trim());
                Assert.Equal(0, await detail.ApproveButton.CountAsync()); // a school never approves a transfer
            });
        }

        // 2. The receiving school (成都) sees the request in its to-do panel, opens it from its list and accepts.
        await using (var s = await fixture.NewSessionAsync(test + "-2-receiving-school"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ReceivingSchoolUser);
                var waiting = s.TestId("todo-WaitingForMe").GetByRole(Microsoft.Playwright.AriaRole.Link).Filter(new() { HasText = "转学待接收" });
                await waiting.WaitForAsync();
                await s.ShotAsync("home-todo");
                await waiting.ClickAsync();

                var list = new StatusChangeListPage(s);
                await s.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == StatusChangeListPage.Path);
                await list.WaitLoadedAsync();
                var row = list.RowsOf(student.Name).Filter(new() { HasText = "转入（自 " });
                await row.WaitForAsync();
                await s.ShotAsync("inbox");
                Assert.Equal(1, await row.CountAsync());
                inId = Guid.Parse((await row.GetAttributeAsync("data-id"))!);
                Assert.Contains("待本校接收", await row.InnerTextAsync(), StringComparison.Ordinal);

                await row.GetByTestId("open-change").ClickAsync();
                await s.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/status-changes/{inId}");
                var detail = new StatusChangeDetailPage(s);
                await detail.WaitLoadedAsync();
                await detail.ExpectStateAsync("待本校接收");
                Assert.Equal($"{student.Name} · 转学（转入）", (await detail.Title.InnerTextAsync()).Trim());
                Assert.Equal($"{(await s.App.GetStatusChangeAsync(outId))!.SchoolName}（{CitySchool}）", (await detail.Value("转出学校").InnerTextAsync()).Trim());
                await s.ShotAsync("to-accept");

                await detail.DoAsync(detail.AcceptButton, "已接收，等待双方主管部门审批", "待主管部门审批");
                await s.ShotAsync("accepted");
                Assert.Equal(0, await detail.AcceptButton.CountAsync());
                Assert.Equal(0, await detail.ApproveButton.CountAsync());
            });
        }

        // 3. The sending school's authority (city 4401) approves its side: the transfer still waits for the other side.
        await using (var s = await fixture.NewSessionAsync(test + "-3-sending-city"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CityReviewer);
                var detail = new StatusChangeDetailPage(s);
                await detail.OpenAsync(outId);
                await detail.ExpectStateAsync("待主管部门审批");
                await s.ShotAsync("to-approve");

                await detail.DoAsync(detail.ApproveButton, "已审批通过", "本方已审批，待对方审批", confirm: "审批通过");
                await s.ShotAsync("approved-own-side");
                Assert.Equal(0, await detail.ApproveButton.CountAsync());
                Assert.Equal(EnrolmentStatus.Active, (await s.App.GetStudentAsync(student.Id))!.Status); // nothing moves yet
            });
        }

        // 4. The receiving school's authority (city 5101) approves: both sides have approved, the record moves.
        await using (var s = await fixture.NewSessionAsync(test + "-4-receiving-city"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ReceivingCityReviewer);
                var detail = new StatusChangeDetailPage(s);
                await detail.OpenAsync(inId);
                await detail.ExpectStateAsync("待主管部门审批");
                await s.ShotAsync("to-approve");

                await detail.DoAsync(detail.ApproveButton, "已审批通过", "已办结", confirm: "审批通过");
                await s.ShotAsync("completed");
                var history = await detail.HistoryAsync();
                Assert.Contains(history, h => h.Action == "转入学校接收" && h.By == ReceivingSchoolUser);
                Assert.Contains(history, h => h.Action == "审批通过" && h.By == ReceivingCityReviewer);
                Assert.Contains(history, h => h.Action == "办结" && h.Note.Contains("由 ", StringComparison.Ordinal) && h.Note.Contains("转入", StringComparison.Ordinal));
                var href = await detail.StudentLink.GetAttributeAsync("href");
                Assert.NotNull(href);
                newId = Guid.Parse(href["/students/".Length..]);
                Assert.NotEqual(student.Id, newId);
            });
        }

        // 5. The student is now at the receiving school: in its list, with a 学籍号 of that school.
        await using (var s = await fixture.NewSessionAsync(test + "-5-receiving-school"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(ReceivingSchoolUser);
                var list = new StudentListPage(s);
                await list.OpenAsync();
                await list.Row(newId).WaitForAsync();
                await s.ShotAsync("list");
                Assert.Contains(student.Name, await list.Row(newId).InnerTextAsync(), StringComparison.Ordinal);

                var detail = new StudentDetailPage(s);
                await detail.OpenAsync(newId);
                await s.ShotAsync("detail");
                Assert.Equal(student.Name, (await detail.Name.InnerTextAsync()).Trim());
                Assert.Equal(student.IdNumberMasked, (await detail.IdNumber.InnerTextAsync()).Trim());
                Assert.Equal($"{receivingName}（{ReceivingSchool}）", (await detail.Value("学校").InnerTextAsync()).Trim());
                Assert.Matches(new Regex($"^{student.IntakeYear}{ReceivingSchool}\\d{{5}}$"), (await detail.StatusNumber.InnerTextAsync()).Trim());
            });
        }

        // 6. The sending school: the change is 已办结, the record shows 转出, and the person is one person at one school.
        await using (var s = await fixture.NewSessionAsync(test + "-6-sending-school"))
        {
            await s.RunAsync(async () =>
            {
                await new LoginPage(s).SignInAsync(CitySchoolUser);
                var list = new StatusChangeListPage(s);
                await list.OpenAsync($"?studentId={student.Id}");
                var row = list.Row(outId);
                await row.WaitForAsync();
                await s.ShotAsync("changes-of-student");
                var rowText = await row.InnerTextAsync();
                Assert.Contains($"转出（至 {receivingName}）", rowText, StringComparison.Ordinal);
                Assert.Contains("已办结", rowText, StringComparison.Ordinal);
                Assert.Contains("按时办理", rowText, StringComparison.Ordinal);

                var detail = new StatusChangeDetailPage(s);
                await detail.OpenAsync(outId);
                await detail.ExpectStateAsync("已办结");
                await s.ShotAsync("change-completed");
                var history = await detail.HistoryAsync();
                // The receiving school's acceptance letter was attached on the entry form (issue 13, item 2).
                Assert.Equal(["登记", "上传证明材料", "报送", "转入学校接收", "审批通过", "办结"], history.Select(h => h.Action).ToArray());
                Assert.Equal(CityReviewer, history[4].By);
                Assert.Equal($"学籍已转至 {receivingName}", history[5].Note);

                // The student detail page does not show the 学籍状态; the entry form does.
                var entry = new StatusChangeEntryPage(s);
                await entry.OpenAsync(student.Id);
                await s.ShotAsync("record-transferred-out");
                Assert.Equal("已转出", (await entry.StudentStatus.InnerTextAsync()).Trim());
            });
        }

        var change = await fixture.App.GetStatusChangeAsync(outId);
        Assert.Equal(StatusChangeState.Approved, change!.State);
        Assert.Equal(newId, change.NewStudentId);
        var records = await fixture.App.RecordsOfPersonAsync(student.Id);
        Assert.Equal(2, records.Count);
        Assert.Equal(EnrolmentStatus.TransferredOut, records.Single(r => r.Id == student.Id).Status);
        var continued = records.Single(r => r.Id == newId);
        Assert.Equal((ReceivingSchool, EnrolmentStatus.Active, student.Id), (continued.SchoolCode, continued.Status, continued.ContinuedFromId!.Value));
    }

    [Fact]
    public async Task StatusChange_OccurredMoreThanTenWorkingDaysAgo_ListedAsOverdueAndOnHomeLatePanel()
    {
        await using var s = await fixture.NewSessionAsync();
        await s.RunAsync(async () =>
        {
            var student = await s.App.FreeActiveStudentAsync(CitySchool);
            var home = await new LoginPage(s).SignInAsync(CitySchoolUser);

            // Entered through the form, saved but not submitted (the 休学 is the school's own decision).
            var studentPage = new StudentDetailPage(s);
            await studentPage.OpenAsync(student.Id);
            var entry = new StatusChangeEntryPage(s);
            await entry.OpenFromStudentAsync(student.Id);
            await entry.FillAsync("休学", OverdueOn, "因病住院治疗，申请休学一年（浏览器测试）");
            await Assertions.ExpectTextAsync(entry.DueDateHint, t => t.Contains($"办理期限：{OverdueDue}", StringComparison.Ordinal), $"the due date {OverdueDue}");
            await s.ShotAsync("filled");
            var id = await entry.SaveAsync();
            Assert.True(id is not null, "The change was refused: " + await s.SafeTextAsync());

            var detail = new StatusChangeDetailPage(s);
            await detail.WaitLoadedAsync();
            await detail.ExpectStateAsync("未报送");
            await s.ShotAsync("saved");
            Assert.Equal("已逾期 2 天", (await detail.Deadline.InnerTextAsync()).Trim());
            Assert.StartsWith(OverdueDue, (await detail.Value("办理期限").InnerTextAsync()).Trim(), StringComparison.Ordinal);
            Assert.Equal(OverdueDue, (await s.App.GetStatusChangeAsync(id.Value))!.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            // /status-changes → 已逾期: only late, unprocessed changes; this one among them with the red chip.
            var list = new StatusChangeListPage(s);
            await list.OpenAsync();
            await list.ShowOverdueAsync();
            await s.ShotAsync("overdue-list");
            var row = list.Row(id.Value);
            await row.WaitForAsync();
            var cells = await StatusChangeListPage.CellsAsync(row);
            Assert.StartsWith(student.Name, cells[0], StringComparison.Ordinal);
            // The date cell carries the suspension's expected return under its start (issue 13, item 7).
            Assert.Equal("休学", cells[2]);
            Assert.StartsWith("2026-09-22", cells[3], StringComparison.Ordinal);
            Assert.Contains("预计 2027-03-22 复学", cells[3], StringComparison.Ordinal);
            Assert.Equal([OverdueDue, "已逾期 2 天", "学校（录入/报送）", "未报送"], cells.Skip(4).Take(4).ToArray());
            var chip = StatusChangeListPage.DeadlineChip(row);
            Assert.Contains("mud-chip-color-error", await chip.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^已逾期 \((\d+)\)$"), (await list.OverdueFilter.InnerTextAsync()).Trim());
            var counted = int.Parse(Regex.Match(await list.OverdueFilter.InnerTextAsync(), @"\((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(counted, await list.Rows.CountAsync()); // the button's count is the list's length (fewer than a page)
            Assert.True(counted >= 2, "The demo's late suspension should be listed too.");

            // Home: the 已逾期 to-do panel names it and links to it.
            await home.OpenAsync();
            var late = s.TestId("todo-Late");
            var item = late.GetByRole(Microsoft.Playwright.AriaRole.Link).Filter(new() { HasText = $"{student.Name} 的休学应于 {OverdueDue} 前报送" });
            await item.WaitForAsync();
            await s.ShotAsync("home-late");
            Assert.Contains("学籍异动已逾期", await item.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal($"/status-changes/{id}", await item.GetAttributeAsync("href"));
            Assert.Equal(0, await s.TestId("todo-DueSoon").GetByRole(Microsoft.Playwright.AriaRole.Link).Filter(new() { HasText = student.Name }).CountAsync());

            await item.ClickAsync();
            await s.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/status-changes/{id}");
            await detail.WaitLoadedAsync();
            await s.ShotAsync("opened-from-home");
            Assert.Equal("已逾期 2 天", (await detail.Deadline.InnerTextAsync()).Trim());
        });
    }
}
