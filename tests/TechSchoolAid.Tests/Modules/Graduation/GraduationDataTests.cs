using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Graduation.Features;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Seeding;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Graduation;

/// <summary>
/// GRD-1 and GRD-2 on a real database, once per provider. Demo data: school 44010007 (市管, city 4401, 技师学院) has four
/// active students of the 2023 cohort whose schooling ended on 2026-09-01; 44010010 has an approved round.
/// </summary>
public sealed class GraduationDataTests
{
    private const string School = "44010007";
    private static readonly DateOnly July = new(2026, 7, 1);

    /// <summary>The data tests' database plus the graduation demo (which the registration tests' data sets leave out).</summary>
    private static async Task<TestDatabase> CreateAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await db.AsSystemAsync((ctx, sp) => GraduationDemoData.EnsureAsync(ctx, sp.GetRequiredService<PersonalDataProtector>(), db.Clock, default));
        return db;
    }

    private static Task<T> As<T>(TestDatabase db, Actor actor, Func<GraduationWorkflow, Task<T>> step) =>
        db.As(actor, sp => step(sp.GetRequiredService<GraduationWorkflow>()));

    private static Task<GraduationRoundDetail> Detail(TestDatabase db, Guid id) =>
        db.As(Actor.System("test"), sp => sp.GetRequiredService<GraduationQueries>().DetailAsync(id, default));

    private static Task<PublicCertificateAnswer?> Lookup(TestDatabase db, string number, string name) =>
        db.As(Actor.Anonymous, sp => sp.GetRequiredService<PublicCertificateLookup>().LookupAsync(number, name, "203.0.113.9", "api", default));

    private static Task<EnrolmentStatus> StatusOf(TestDatabase db, Guid student) =>
        db.As(Actor.System("test"), async sp => (await sp.GetRequiredService<StudentLifecycle>().GetAsync(student, default)).Status);

    private static async Task<GraduationRound> OpenAndAssessAsync(TestDatabase db, Actor clerk, params bool[] coursesPassed)
    {
        var round = await As(db, clerk, w => w.OpenAsync(School, new NewRoundInput { Name = "2026年夏季毕业", GraduationDate = July }, default));
        var entries = (await Detail(db, round.Id)).Entries;
        Assert.Equal(4, entries.Count);
        await As(db, clerk, w => w.AssessAsync(round.Id, new AssessmentsInput
        {
            Items = entries.Select((e, i) => new AssessmentInput { EntryId = e.Id, ConductPassed = true, CoursesPassed = i >= coursesPassed.Length || coursesPassed[i] }).ToList(),
        }, default));
        return round;
    }

    [Fact]
    public void CertificateNumber_CheckChar_IsGb11643Mod112AndCatchesTypos()
    {
        // The same ISO 7064 MOD 11-2 as the ID number: one algorithm, checked against the kernel's.
        Assert.Equal(IdDocument.ComputeCheckChar("11010519491231002"), CertificateNumber.CheckChar("11010519491231002"));
        var number = CertificateNumber.Compose(2026, "44010004", 1, CertificateKind.Graduation, 1);
        Assert.Equal("20264401000411000013", number);
        Assert.True(CertificateNumber.IsValid(number));
        for (var i = 0; i < 19; i++)
        {
            var typo = number[..i] + (char)('0' + ((number[i] - '0' + 1) % 10)) + number[(i + 1)..];
            Assert.False(CertificateNumber.IsValid(typo), $"single-digit error at {i} not caught: {typo}");
            if (number[i] != number[i + 1] && i < 18)
            {
                var swapped = number[..i] + number[i + 1] + number[i] + number[(i + 2)..];
                Assert.False(CertificateNumber.IsValid(swapped), $"transposition at {i} not caught: {swapped}");
            }
        }

        Assert.Equal("20264401000411000013", CertificateNumber.Normalize(" 2026-4401-0004-1100-0013 "));
        Assert.False(CertificateNumber.IsValid("2026440100041100001"));
    }

    [Theory]
    [BothDatabases]
    public async Task Round_AssessedSubmittedApproved_IssuesValidUniqueNumbersAndClosesRecords(string provider)
    {
        await using var db = await CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var round = await OpenAndAssessAsync(db, clerk, true, true, true, false);
        await As(db, clerk, w => w.SubmitAsync(round.Id, default));
        Assert.Contains(await db.As(city, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), i => i.Title == "毕业名单待审核" && i.Link == $"/graduation/{round.Id}");

        await As(db, city, w => w.ApproveAsync(round.Id, default));

        var detail = await Detail(db, round.Id);
        Assert.Equal(GraduationRoundState.Approved, detail.Round.State);
        Assert.All(detail.Entries, e => Assert.True(CertificateNumber.IsValid(e.CertificateNumber!)));
        Assert.Equal(3, detail.Entries.Count(e => e.CertificateKind == CertificateKind.Graduation));
        var completion = Assert.Single(detail.Entries, e => e.CertificateKind == CertificateKind.Completion);
        Assert.StartsWith("2026440100071", detail.Entries[0].CertificateNumber!, StringComparison.Ordinal); // year, school, 技师学院
        var all = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Certificate>().Select(c => c.Number).ToListAsync());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(9, all.Count); // 5 demo certificates at 44010010 + these 4

        foreach (var e in detail.Entries)
        {
            Assert.Equal(e.CertificateKind == CertificateKind.Graduation ? EnrolmentStatus.Graduated : EnrolmentStatus.Completed, await StatusOf(db, e.StudentId));
        }

        // Graduates leave the active count and give up the one full-time place (ENR-4).
        var holding = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>()
            .CountAsync(s => detail.Entries.Select(x => x.StudentId).Contains(s.Id) && (s.HoldsPlace || s.Status == EnrolmentStatus.Active)));
        Assert.Equal(0, holding);

        // Public lookup: right name → answer; wrong name → exactly as unknown.
        var found = await Lookup(db, detail.Entries[0].CertificateNumber!, detail.Entries[0].StudentName);
        Assert.NotNull(found);
        Assert.Equal("毕业证书", found.CertificateKind);
        Assert.Null(await Lookup(db, detail.Entries[0].CertificateNumber!, "错名字"));

        // Upgrade: a new graduation number, the old one superseded and saying so.
        var upgraded = await db.As(city, sp => sp.GetRequiredService<GraduationWorkflow>().UpgradeAsync(completion.CertificateNumber!, new UpgradeInput("补考全部合格"), default));
        Assert.Equal(CertificateKind.Graduation, upgraded.Kind);
        Assert.True(CertificateNumber.IsValid(upgraded.Number));
        Assert.NotEqual(completion.CertificateNumber, upgraded.Number);
        Assert.Equal(EnrolmentStatus.Graduated, await StatusOf(db, completion.StudentId));
        var old = await Lookup(db, completion.CertificateNumber!, completion.StudentName);
        Assert.NotNull(old);
        Assert.False(old.Valid);
        Assert.Contains("换发为毕业证书", old.Status, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<GraduationWorkflow>().UpgradeAsync(completion.CertificateNumber!, new UpgradeInput("再次"), default)));
        Assert.Equal(ErrorKind.Conflict, again.Kind);

        // Every lookup logged, with a hashed client and no name.
        var log = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CertificateLookup>().ToListAsync());
        Assert.Equal(3, log.Count);
        Assert.Equal([true, false, true], log.OrderBy(l => l.Id).Select(l => l.Found));
        Assert.All(log, l => Assert.DoesNotContain("203.0.113.9", l.ClientHash, StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task Refusals_UnassessedNonSupervisorInactive_WriteNothing(string provider)
    {
        await using var db = await CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}");
        var round = await As(db, clerk, w => w.OpenAsync(School, new NewRoundInput { Name = "2026年夏季毕业", GraduationDate = July }, default));

        // Submitting with unassessed candidates.
        var unassessed = await Assert.ThrowsAsync<AppException>(() => As(db, clerk, w => w.SubmitAsync(round.Id, default)));
        Assert.Equal(ErrorKind.Conflict, unassessed.Kind);
        Assert.Contains("未完成毕业评定", unassessed.Message, StringComparison.Ordinal);
        Assert.Equal(GraduationRoundState.Draft, (await Detail(db, round.Id)).Round.State);

        // A candidate who is not active / whose schooling has not ended, chosen by hand.
        var young = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>()
            .Where(s => s.SchoolCode == School && s.Status == EnrolmentStatus.Active && s.IntakeYear == 2026).Select(s => s.Id).FirstAsync());
        var notEnded = await Assert.ThrowsAsync<AppException>(() => As(db, clerk, w => w.OpenAsync(School, new NewRoundInput { Name = "补充", GraduationDate = July, StudentIds = [young] }, default)));
        Assert.Contains("尚未学业期满", notEnded.Message, StringComparison.Ordinal);
        var graduated = (await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Certificate>().Select(c => c.StudentId).FirstAsync()));
        var otherClerk = await db.ActorOf("school-44010010");
        var inactive = await Assert.ThrowsAsync<AppException>(() => As(db, otherClerk, w => w.OpenAsync("44010010", new NewRoundInput { Name = "补充", GraduationDate = July, StudentIds = [graduated] }, default)));
        Assert.Contains("不是在籍学生", inactive.Message, StringComparison.Ordinal);

        // Approval by anyone but the direct supervisor.
        var entries = (await Detail(db, round.Id)).Entries;
        await As(db, clerk, w => w.AssessAsync(round.Id, new AssessmentsInput { Items = entries.Select(e => new AssessmentInput { EntryId = e.Id, ConductPassed = true, CoursesPassed = true }).ToList() }, default));
        await As(db, clerk, w => w.SubmitAsync(round.Id, default));
        foreach (var who in new[] { "prov-44", $"school-{School}", "city-4403", "ministry" })
        {
            var actor = await db.ActorOf(who);
            var refused = await Assert.ThrowsAsync<AppException>(() => As(db, actor, w => w.ApproveAsync(round.Id, default)));
            Assert.True(refused.Kind is ErrorKind.Forbidden or ErrorKind.NotFound, $"{who}: {refused.Kind}");
        }

        // A candidate who stopped being active after submission: approval refused, nothing issued.
        await db.AsSystemAsync(async (ctx, sp) =>
        {
            await sp.GetRequiredService<StudentLifecycle>().ChangeStatusAsync(entries[0].StudentId, EnrolmentStatus.Suspended, new DateOnly(2026, 10, 1), default);
            await ctx.SaveChangesAsync();
        });
        var city = await db.ActorOf("city-4401");
        var suspended = await Assert.ThrowsAsync<AppException>(() => As(db, city, w => w.ApproveAsync(round.Id, default)));
        Assert.Contains("不是在籍学生", suspended.Message, StringComparison.Ordinal);
        var detail = await Detail(db, round.Id);
        Assert.Equal(GraduationRoundState.Submitted, detail.Round.State);
        Assert.All(detail.Entries, e => Assert.Null(e.CertificateNumber));

        // The way out: the authority returns the list, the school takes the suspended student out (with a reason) and
        // resubmits; the others then graduate.
        await As(db, city, w => w.ReturnAsync(round.Id, new ReturnRoundInput { Reason = "有学生已休学，请移出后重新报送" }, default));
        var noReason = await Assert.ThrowsAsync<AppException>(() => As(db, clerk, w => w.RemoveEntryAsync(round.Id, entries[0].Id, " ", default)));
        Assert.Equal(ErrorKind.Validation, noReason.Kind);
        await As(db, clerk, w => w.RemoveEntryAsync(round.Id, entries[0].Id, "学生已休学", default));
        await As(db, clerk, w => w.SubmitAsync(round.Id, default));
        await As(db, city, w => w.ApproveAsync(round.Id, default));
        var after = await Detail(db, round.Id);
        Assert.Equal(GraduationRoundState.Approved, after.Round.State);
        Assert.DoesNotContain(after.Entries, e => e.Id == entries[0].Id);
        Assert.All(after.Entries, e => Assert.NotNull(e.CertificateNumber));
    }

    [Theory]
    [BothDatabases]
    public async Task Return_PerStudentWithReason_ShowsInSchoolTodoAndCanBeResubmitted(string provider)
    {
        await using var db = await CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}");
        var city = await db.ActorOf("city-4401");
        var round = await OpenAndAssessAsync(db, clerk);
        await As(db, clerk, w => w.SubmitAsync(round.Id, default));
        var entries = (await Detail(db, round.Id)).Entries;

        var noReason = await Assert.ThrowsAsync<AppException>(() => As(db, city, w => w.ReturnAsync(round.Id, new ReturnRoundInput { Reason = " " }, default)));
        Assert.Equal(ErrorKind.Validation, noReason.Kind);
        await As(db, city, w => w.ReturnAsync(round.Id, new ReturnRoundInput { Reason = "课程成绩单缺失", EntryIds = [entries[1].Id] }, default));

        var detail = await Detail(db, round.Id);
        Assert.Equal(GraduationRoundState.Returned, detail.Round.State);
        Assert.Equal("课程成绩单缺失", detail.Entries.Single(e => e.Id == entries[1].Id).ReturnNote);
        Assert.Contains(await db.As(clerk, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default)), i => i.Title == "毕业名单被退回");

        await As(db, clerk, w => w.AssessAsync(round.Id, new AssessmentsInput { Items = [new AssessmentInput { EntryId = entries[1].Id, ConductPassed = true, CoursesPassed = false }] }, default));
        await As(db, clerk, w => w.SubmitAsync(round.Id, default));
        await As(db, city, w => w.ApproveAsync(round.Id, default));
        Assert.Equal(CertificateKind.Completion, (await Detail(db, round.Id)).Entries.Single(e => e.Id == entries[1].Id).CertificateKind);
    }

    [Fact]
    public void Rights_ApproverIsTheDirectSupervisorOnly()
    {
        var city = new Actor("city-4401", "", Role.CityReviewer, "4401", OrgLevel.City, "/44/4401/", null);
        var province = new Actor("prov-44", "", Role.ProvinceAdmin, "44", OrgLevel.Province, "/44/", null);
        Assert.True(GraduationRights.IsReviewerOf(city, "/44/4401/44010007/"));
        Assert.False(GraduationRights.IsReviewerOf(province, "/44/4401/44010007/"));
        Assert.True(GraduationRights.IsReviewerOf(province, "/44/44010001/"));
    }
}
