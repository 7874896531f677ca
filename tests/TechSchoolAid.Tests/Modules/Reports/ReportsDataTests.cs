using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;
using TechSchoolAid.Modules.Reports.Features.Requests;
using TechSchoolAid.Modules.Reports.Features.Yearly;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Reports;

/// <summary>
/// RPT-1 on a real database, once per provider: the sources' figures move with known data, a submission freezes the tables
/// with a SHA-256 that reads back, a second submission is refused and writes nothing, a late answer is kept and marked.
/// Today is Thu 2026-10-15.
/// </summary>
public sealed class ReportsDataTests
{
    private const string School = "44010004"; // 市管, city 4401, province 44

    private static ReportRow Total(YearlyReport report, string key) => report.Tables.Single(t => t.Key == key).Rows.Single(r => r.Labels[0] == "合计");

    private static Task<YearlyReport> ReportAsync(TestDatabase db, Actor actor, int year) => db.As(actor, async sp =>
    {
        var builder = sp.GetRequiredService<YearlyReportBuilder>();
        return await builder.BuildAsync(await builder.ScopeAsync(null, default), year, default);
    });

    [Theory]
    [BothDatabases]
    public async Task StudentsSource_CountsANewApprovedRegistration_InTheRegisterAndAsNew_OnlyInItsProvince(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var province = await db.ActorOf("prov-44");
        var sichuan = await db.ActorOf("prov-51");
        var admin = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var before = Total(await ReportAsync(db, province, 2026), "students");
        var otherBefore = Total(await ReportAsync(db, sichuan, 2026), "students");

        var record = await db.As(admin, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, TestIds.Student(TestIds.Make(birth: "20100808")), default));
        await db.As(admin, sp => sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default));
        await db.As(admin, sp => sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default));
        await db.As(city, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));

        var after = Total(await ReportAsync(db, province, 2026), "students");
        Assert.Equal(before.Values[0] + 1, after.Values[0]);
        Assert.Equal(before.Values[1] + 1, after.Values[1]);
        Assert.Equal(otherBefore.Values, Total(await ReportAsync(db, sichuan, 2026), "students").Values);

        // The country's total is the provinces' sum; the row's labels name province, level and kind.
        var country = await ReportAsync(db, await db.ActorOf("ministry"), 2026);
        var rows = country.Tables.Single(t => t.Key == "students").Rows;
        Assert.Equal(rows.Where(r => r.Labels[0] != "合计").Sum(r => r.Values[0]), Total(country, "students").Values[0]);
        Assert.Contains(rows, r => r.Labels[0] == "广东省" && r.Labels[1] is "中级工" or "高级工" or "预备技师");
    }

    [Theory]
    [BothDatabases]
    public async Task Submission_FreezesWithAHashThatReadsBack_TwiceIsRefusedAndWritesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var province = await db.ActorOf("prov-44");
        var submitted = await db.As(province, sp => sp.GetRequiredService<SubmitYearlyReport>().HandleAsync(2025, default));
        Assert.Equal("submitted", submitted.State);

        var row = await db.As(province, sp => sp.GetRequiredService<TsaDbContext>().Set<YearlyReportSubmission>().AsNoTracking().SingleAsync(s => s.Year == 2025, default));
        Assert.Equal(submitted.Sha256, row.Sha256);
        var thawed = YearlyReportBuilder.Thaw(row.TablesJson, row.Sha256);
        Assert.Equal("广东省2025年度技工院校学生资助工作报告", thawed.Title);
        Assert.Contains(thawed.Tables, t => t.Key == "students");
        Assert.Throws<AppException>(() => YearlyReportBuilder.Thaw(row.TablesJson.Replace("\"year\":2025", "\"year\":2024", StringComparison.Ordinal), row.Sha256));

        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(province, sp => sp.GetRequiredService<SubmitYearlyReport>().HandleAsync(2025, default)));
        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("不能重复报送", refused.Message, StringComparison.Ordinal);
        var again = await db.As(province, sp => sp.GetRequiredService<TsaDbContext>().Set<YearlyReportSubmission>().AsNoTracking().SingleAsync(s => s.Year == 2025, default));
        Assert.Equal(row.Version, again.Version);
        Assert.Equal(row.Sha256, again.Sha256);
    }

    [Theory]
    [BothDatabases]
    public async Task DataRequest_AnswerAfterTheDeadline_IsKeptAndMarkedLate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ministry = await db.ActorOf("ministry");
        var province = await db.ActorOf("prov-44");
        var created = await db.As(ministry, sp => sp.GetRequiredService<CreateDataRequest>().HandleAsync(new DataRequestInput
        {
            Title = "当日截止（测试）",
            Fields = [new DataFieldInput { Name = "人数", Kind = DataFieldKind.Number }],
            DueOn = new DateOnly(2026, 10, 15),
            ProvinceCodes = ["44"],
        }, default));
        db.Clock.Advance(TimeSpan.FromDays(1));
        var answered = await db.As(province, sp => sp.GetRequiredService<AnswerDataRequest>().HandleAsync(created.Id,
            new DataAnswerInput { Values = new Dictionary<string, string?> { ["人数"] = "12" } }, default));
        var mine = Assert.Single(answered.Recipients);
        Assert.True(mine.Late);
        Assert.Equal("late", mine.State);
        Assert.Equal("12", mine.Values["人数"]);
        var stored = await db.As(province, sp => sp.GetRequiredService<TsaDbContext>().Set<DataRequestRecipient>().AsNoTracking().SingleAsync(r => r.RequestId == created.Id, default));
        Assert.True(stored.Late);
        Assert.Equal(new DateOnly(2026, 10, 16), stored.FirstAnsweredOn);
    }
}
