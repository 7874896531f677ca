using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Supervision;

/// <summary>
/// Issue 11, item 12: presence campaigns (到校核查) and the hanging-record scan (人籍分离/挂空学籍) cover full-time students
/// only; non-full-time students are not expected on site.
/// </summary>
public sealed class RulesFullTimeTests
{
    private const string School = "44010004"; // 市管, city 4401

    private static int _person;

    /// <summary>A person no other test of this class uses: one birth day each (TestIds.Make varies only the order code).</summary>
    private static string NewId()
    {
        var n = Interlocked.Increment(ref _person);
        return TestIds.Make(birth: new DateOnly(2009, 9, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Guid> ApprovedStudentAsync(TestDatabase db, bool fullTime)
    {
        var school = await db.ActorOf($"school-{School}");
        var input = TestIds.Student(NewId());
        input.IsFullTime = fullTime;
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, input, default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(School, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(School, [record.Id], default);
        });
        await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        return record.Id;
    }

    [Theory]
    [BothDatabases]
    public async Task PresenceCampaign_RosterAndResults_FullTimeOnly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var city = await db.ActorOf("city-4401");
        var fullTime = await ApprovedStudentAsync(db, fullTime: true);
        var partTime = await ApprovedStudentAsync(db, fullTime: false);
        var campaign = await db.As(city, sp => sp.GetRequiredService<OpenPresenceCampaign>().HandleAsync(new CampaignInput
        {
            Name = "秋季学期人籍一致核验",
            DefaultMethod = PresenceMethod.OnSite,
            StartsOn = new DateOnly(2026, 10, 1),
            EndsOn = new DateOnly(2027, 3, 31),
            SchoolCodes = [School],
        }, default));

        var roster = await db.As(city, sp => sp.GetRequiredService<PresenceCampaignQueries>().RosterAsync(campaign.Id, new RosterFilter { PageSize = 200 }, default));
        Assert.Contains(roster.Items, r => r.StudentId == fullTime);
        Assert.DoesNotContain(roster.Items, r => r.StudentId == partTime);

        var count = () => db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<PresenceCheckResult>().CountAsync());
        var before = await count();
        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<RecordPresenceResult>()
            .HandleAsync(campaign.Id, new PresenceResultInput { StudentId = partTime, Result = PresenceResult.Absent }, default)));
        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Contains("非全日制", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await count());
    }

    [Theory]
    [BothDatabases]
    public async Task HangingScan_NoActivity_FlagsFullTimeOnly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var fullTime = await ApprovedStudentAsync(db, fullTime: true);
        var partTime = await ApprovedStudentAsync(db, fullTime: false);

        db.Clock.Advance(TimeSpan.FromDays(200)); // past the policy's 180 days without activity
        await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ScanHangingFlags>().HandleAsync(School, default));

        var flagged = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<HangingFlag>().AsNoTracking()
            .Where(f => f.Reason == HangingReason.NoActivity).Select(f => f.StudentId).ToListAsync());
        Assert.Contains(fullTime, flagged);
        Assert.DoesNotContain(partTime, flagged);
    }
}
