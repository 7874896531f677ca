using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Dashboards.Features;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Dashboards;

/// <summary>
/// RPT-1 on both databases: the overview's units per level (ministry → provinces; province → its cities and its 省管
/// schools; city → its schools), and the figures of the registration and status-change sources counted by unit, on
/// time against late, with their tone. Today is 2026-10-15; the autumn 2026 registration deadline is 31 October; a
/// status change of 2026-09-28 is due 2026-10-16 (10 working days). Figures are compared as differences from the demo
/// data, so they prove exactly what the test's own records add.
/// </summary>
public sealed class DashboardDataTests
{
    private const string School = "44010004";   // 市管, city 4401, province 44
    private const string ProvinceSchool = "44010001"; // 省管, directly under province 44
    private static readonly Dictionary<string, string?> NoCache = new() { ["Dashboards:CacheSeconds"] = "0" };
    private static int _person;

    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2009, 5, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<DashboardView> DashboardAsync(TestDatabase db, Actor who, int? year = null) =>
        db.As(who, sp => sp.GetRequiredService<GetDashboard>().HandleAsync(year, default));

    private static async Task<DashboardTile> TileAsync(TestDatabase db, Actor who, string key) =>
        Assert.Single((await DashboardAsync(db, who)).Tiles, t => t.Key == key);

    private static long[] RowOf(DashboardTile tile, string unitCode) =>
        [.. Assert.Single(tile.Breakdown!.Rows, r => r.UnitCode == unitCode).Values];

    private static DashboardFigure Figure(DashboardTile tile, string label) => Assert.Single(tile.Figures, f => f.Label == label);

    /// <summary>A new student of the autumn 2026 intake at the school, taken to the given step.</summary>
    private static async Task<Guid> StudentAsync(TestDatabase db, string step)
    {
        var school = await db.ActorOf($"school-{School}");
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(NewId()), default));
        if (step is "submitted" or "approved")
        {
            await db.As(school, async sp =>
            {
                await sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default);
                return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default);
            });
        }

        if (step == "approved")
        {
            await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        }

        return record.Id;
    }

    [Theory]
    [BothDatabases]
    public async Task Units_AreTheLevelBelow_AndACitySeesOnlyItsSchools(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 2, NoCache);
        var ministry = await DashboardAsync(db, await db.ActorOf("ministry"));
        Assert.All(ministry.Units, u => Assert.Equal(OrgLevel.Province, u.Level));
        Assert.Contains(ministry.Units, u => u.Code == "44");
        Assert.Contains(ministry.Units, u => u.Code == "51");

        var province = await DashboardAsync(db, await db.ActorOf("prov-44"));
        Assert.Contains(province.Units, u => u.Code == "4401" && u.Level == OrgLevel.City);
        Assert.Contains(province.Units, u => u.Code == ProvinceSchool && u.Level == OrgLevel.School);
        Assert.DoesNotContain(province.Units, u => u.Code == School); // 市管: it is counted in its city's row
        Assert.All(province.Units, u => Assert.Equal("/44/", ScopePaths.ParentOf(u.ScopePath)));
        Assert.True(province.Units.TakeWhile(u => u.Level == OrgLevel.City).Count() == province.Units.Count(u => u.Level == OrgLevel.City), "cities first, then 省管 schools");

        var city = await DashboardAsync(db, await db.ActorOf("city-4401"));
        Assert.Contains(city.Units, u => u.Code == School);
        Assert.All(city.Units, u => Assert.StartsWith("/44/4401/", u.ScopePath, StringComparison.Ordinal));
        foreach (var tile in city.Tiles.Where(t => t.Breakdown is not null))
        {
            Assert.All(tile.Breakdown!.Rows, r => Assert.Contains(city.Units, u => u.Code == r.UnitCode));
        }

        // Tiles come in page order; the school level has no overview.
        Assert.Equal(city.Tiles.OrderBy(t => t.Order).Select(t => t.Key), city.Tiles.Select(t => t.Key));
        var school = await db.ActorOf($"school-{School}");
        var refused = await Assert.ThrowsAsync<AppException>(() => DashboardAsync(db, school));
        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        var cityActor = await db.ActorOf("city-4401");
        var badYear = await Assert.ThrowsAsync<AppException>(() => DashboardAsync(db, cityActor, 1999));
        Assert.Equal(ErrorKind.Validation, badYear.Kind);
        Assert.Contains("统计年度", badYear.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Registration_CountsByUnitAndState_LateOnlyAfterTheDeadline(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 2, NoCache);
        var city = await db.ActorOf("city-4401");
        var province = await db.ActorOf("prov-44");
        var before = RowOf(await TileAsync(db, city, RegistrationDashboardSource.Key), School);
        var provinceBefore = RowOf(await TileAsync(db, province, RegistrationDashboardSource.Key), "4401");
        var lateBefore = Figure(await TileAsync(db, city, RegistrationDashboardSource.Key), "逾期未注册").Value;

        await StudentAsync(db, "collected");
        await StudentAsync(db, "submitted");
        await StudentAsync(db, "approved");

        // Columns: 新生, 学校待报送, 待主管部门审核, 已注册, 逾期未注册, 注册完成率.
        var tile = await TileAsync(db, city, RegistrationDashboardSource.Key);
        var after = RowOf(tile, School);
        Assert.Equal([3, 1, 1, 1, 0], after.Take(5).Zip(before.Take(5), (a, b) => a - b));
        Assert.Equal(DashboardBreakdown.PerMille(after[3], after[0]), after[5]);
        Assert.Equal("/students?school=44010004", Assert.Single(tile.Breakdown!.Rows, r => r.UnitCode == School).DrillDown);
        var provinceAfter = RowOf(await TileAsync(db, province, RegistrationDashboardSource.Key), "4401");
        Assert.Equal([3, 1, 1, 1, 0], provinceAfter.Take(5).Zip(provinceBefore.Take(5), (a, b) => a - b));
        Assert.Equal(lateBefore, Figure(tile, "逾期未注册").Value);

        // After 31 October the two students not registered are late, and the figure turns bad.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        tile = await TileAsync(db, city, RegistrationDashboardSource.Key);
        var late = RowOf(tile, School);
        Assert.Equal(late[0] - late[3], late[4]); // both 2026 deadlines have passed: every student not registered is late
        Assert.True(late[4] >= before[4] + 2);
        var figure = Figure(tile, "逾期未注册");
        Assert.True(figure.Value >= 2);
        Assert.Equal(DashboardTone.Bad, figure.Tone);
    }

    [Theory]
    [BothDatabases]
    public async Task StatusChanges_CompletedByTheDueDateAreOnTime_OpenPastItAreLate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 2, NoCache);
        var city = await db.ActorOf("city-4401");
        var clerk = await db.ActorOf($"school-{School}-records");
        var before = RowOf(await TileAsync(db, city, StatusChangeDashboardSource.Key), School);

        var first = await StudentAsync(db, "approved");
        var second = await StudentAsync(db, "approved");
        var input = new StatusChangeInput { Kind = StatusChangeKind.Withdrawal, OccurredOn = new DateOnly(2026, 9, 28), Reason = "家庭原因，本人及监护人申请" };
        var onTime = await db.As(clerk, sp => sp.GetRequiredService<EnterStatusChange>().HandleAsync(first, input, TechSchoolAid.Tests.Modules.StatusChanges.StatusChangeTestEvidence.Application, default));
        await db.As(clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(onTime.Id, default));
        await db.As(city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(onTime.Id, default));
        var open = await db.As(clerk, sp => sp.GetRequiredService<EnterStatusChange>().HandleAsync(second, input, TechSchoolAid.Tests.Modules.StatusChanges.StatusChangeTestEvidence.Application, default));
        Assert.Equal(new DateOnly(2026, 10, 16), open.DueDate);

        // Columns: 异动, 按期完成, 逾期完成, 办理中, 逾期未完成, 按期完成率.
        var now = RowOf(await TileAsync(db, city, StatusChangeDashboardSource.Key), School);
        Assert.Equal([2, 1, 0, 1, 0], now.Take(5).Zip(before.Take(5), (a, b) => a - b));

        // On 2026-10-19 the open change is past its due date: late, not open; the tile's figure is bad.
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 19, 2, 0, 0, TimeSpan.Zero));
        var tile = await TileAsync(db, city, StatusChangeDashboardSource.Key);
        var later = RowOf(tile, School);
        Assert.Equal(before[4] + 1, later[4]);
        Assert.Equal(DashboardTone.Bad, Figure(tile, "逾期未完成").Tone);

        // Completed after the due date: late completion, not on time.
        await db.As(clerk, sp => sp.GetRequiredService<SubmitStatusChange>().HandleAsync(open.Id, default));
        await db.As(city, sp => sp.GetRequiredService<ApproveStatusChange>().HandleAsync(open.Id, default));
        var done = RowOf(await TileAsync(db, city, StatusChangeDashboardSource.Key), School);
        Assert.Equal([2, 1, 1, 0, 0], done.Take(5).Zip(before.Take(5), (a, b) => a - b));
        Assert.Equal(DashboardBreakdown.PerMille(done[1], done[1] + done[2]), done[5]);
    }
}
