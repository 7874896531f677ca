using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Organizations.Features.Fees;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Organizations;

/// <summary>
/// The waiver amounts from the school fees (ORG-2, AID-4) on a real database, once per provider. Demo data: 44010004 is
/// a 民办 技师学院 (市管, city 4401) whose own approved fee is 6,600 yuan; Guangdong's comparable public tuition of 技师学院
/// is 3,300 yuan; 44010007 is a public school of city 4401 with an approved tuition of 2,700 yuan. The clock is 2026-10-15.
/// </summary>
public sealed class SchoolFeesDataTests
{
    private const string PrivateSchool = "44010004";
    private const string PublicSchool = "44010007";
    private static readonly AidTerm Autumn2026 = new(2026, Semester.Autumn);

    private static TuitionInput Input(long fen, string? major = null, SchoolKind? kind = null, DateOnly? from = null, DateOnly? to = null, int? version = null) => new()
    {
        AmountFen = fen, Major = major, Kind = kind, DocumentNumber = "粤发改价格〔2026〕1号", DocumentDate = new(2026, 7, 1),
        ValidFrom = from ?? new DateOnly(2026, 9, 1), ValidTo = to, Version = version,
    };

    /// <summary>A rural, full-time, active student of the school (eligible for the waiver), with its major.</summary>
    private static async Task<StudentAidFacts> WaiverStudentAsync(TestDatabase db, string school)
    {
        var s = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().StudentAidFactsInScope()
            .Where(x => x.SchoolCode == school && x.RegistrationApproved && x.Status == EnrolmentStatus.Active && x.IsFullTime && x.MajorArts != MajorArts.PerformingArts)
            .OrderBy(x => x.Id).FirstAsync());
        await db.AsSystemAsync((ctx, _) => ctx.Set<StudentRecord>().Where(x => x.Id == s.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Household, Household.Rural).SetProperty(x => x.EnrolmentDate, new DateOnly(2026, 9, 1))));
        return s;
    }

    private static async Task<ItemEligibility> WaiverAsync(TestDatabase db, Guid studentId) =>
        (await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<AidEligibilityRules>().ExplainAsync(studentId, Autumn2026, null, default))).Waiver;

    private static Task<T> Run<T>(TestDatabase db, Actor actor, Func<IServiceProvider, Task<T>> f) => db.As(actor, f);

    [Theory]
    [BothDatabases]
    public async Task PrivateSchool_WaiverIsTheComparablePublicFee_CityBeforeProvince_MajorBeforeKind_NeverAboveItsOwnFee(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 4);
        var student = await WaiverStudentAsync(db, PrivateSchool);
        var city = await db.ActorOf("city-4401");

        var w = await WaiverAsync(db, student.Id);
        Assert.True(w.Eligible);
        Assert.Equal(330_000, w.YearAmountFen); // the province's comparable figure, not the school's own 660,000
        Assert.Equal(165_000, w.TermAmountFen);
        Assert.Contains(w.Reasons, r => r.Contains("同类型公办学校学费标准 3300 元", StringComparison.Ordinal));

        // The city's figure for its area comes before the province's.
        await Run(db, city, sp => sp.GetRequiredService<RecordComparableTuition>().HandleAsync(Input(300_000, kind: SchoolKind.TechnicianCollege), default));
        Assert.Equal(300_000, (await WaiverAsync(db, student.Id)).YearAmountFen);

        // The student's major's figure before the kind's general one.
        await Run(db, city, sp => sp.GetRequiredService<RecordComparableTuition>().HandleAsync(Input(280_000, student.Major, SchoolKind.TechnicianCollege), default));
        Assert.Equal(280_000, (await WaiverAsync(db, student.Id)).YearAmountFen);

        // Never above what the school charges: its own approved fee, when lower, is the amount.
        var own = await db.As(city, sp => sp.GetRequiredService<TsaDbContext>().Set<SchoolTuition>().AsNoTracking()
            .SingleAsync(t => t.ScopePath.EndsWith("/" + PrivateSchool + "/")));
        var correction = Input(250_000, from: own.ValidFrom, version: own.Version);
        correction.DocumentNumber = own.DocumentNumber;
        correction.DocumentDate = own.DocumentDate;
        await Run(db, city, async sp =>
        {
            await sp.GetRequiredService<CorrectSchoolTuition>().HandleAsync(PrivateSchool, own.Id, correction, default);
            return 0;
        });
        var low = await WaiverAsync(db, student.Id);
        Assert.Equal(250_000, low.YearAmountFen);
        Assert.Contains(low.Reasons, r => r.Contains("按本校收费", StringComparison.Ordinal));
    }

    [Theory]
    [BothDatabases]
    public async Task PrivateSchool_WithoutComparableFigure_IsNotPricedAtItsOwnFee_TheExplanationSaysSo(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 4);
        var student = await WaiverStudentAsync(db, PrivateSchool);
        await db.AsSystemAsync((ctx, _) => ctx.Set<ComparableTuition>().Where(t => t.ProvinceCode == "44").ExecuteDeleteAsync());

        var w = await WaiverAsync(db, student.Id);
        Assert.False(w.Eligible);
        Assert.Null(w.YearAmountFen);
        Assert.Contains(ISchoolFees.ComparableTuitionMissing, w.Reasons);

        // The list of the term leaves the student out rather than paying the school's own fee.
        var basis = await db.As(Actor.System("test"), async sp =>
        {
            var id = await sp.GetRequiredService<TsaDbContext>().Set<Organization>().Where(o => o.Code == PrivateSchool).Select(o => o.Id).SingleAsync();
            return (await sp.GetRequiredService<ISchoolFees>().ScheduleAsync(id, Autumn2026.StartsOn, default)).WaiverFor(student.Major);
        });
        Assert.Equal(ISchoolFees.ComparableTuitionMissing, basis.Missing);
    }

    [Theory]
    [BothDatabases]
    public async Task PublicSchool_PaysItsApprovedTuition_TheMajorsWhereRecorded_AndSaysWhenNoneIsInForce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 4);
        var student = await WaiverStudentAsync(db, PublicSchool);
        var city = await db.ActorOf("city-4401");
        Assert.Equal(270_000, (await WaiverAsync(db, student.Id)).YearAmountFen);

        await Run(db, city, sp => sp.GetRequiredService<RecordSchoolTuition>().HandleAsync(PublicSchool, Input(310_000, student.Major), default));
        Assert.Equal(310_000, (await WaiverAsync(db, student.Id)).YearAmountFen);

        await db.AsSystemAsync((ctx, _) => ctx.Set<SchoolTuition>().Where(t => t.ScopePath.EndsWith("/" + PublicSchool + "/")).ExecuteDeleteAsync());
        var none = await WaiverAsync(db, student.Id);
        Assert.False(none.Eligible);
        Assert.Contains(ISchoolFees.PublicTuitionMissing, none.Reasons);
    }

    [Theory]
    [BothDatabases]
    public async Task OverlappingPeriod_IsRefused_NothingWritten_AndARecordingIsAudited(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 2);
        var city = await db.ActorOf("city-4401");
        Task<(int Tuitions, int Audit)> Counts() => db.As(Actor.System("test"), async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            return (await ctx.Set<SchoolTuition>().CountAsync(),
                await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.Action == OrganizationAuditActions.TuitionRecorded.Code));
        });

        await Run(db, city, sp => sp.GetRequiredService<RecordSchoolTuition>().HandleAsync(PublicSchool, Input(300_000, "数控加工", to: new DateOnly(2027, 8, 31)), default));
        var before = await Counts();
        Assert.Equal(1, before.Audit);
        var ex = await Assert.ThrowsAsync<AppException>(() =>
            Run(db, city, sp => sp.GetRequiredService<RecordSchoolTuition>().HandleAsync(PublicSchool, Input(320_000, "数控加工", from: new DateOnly(2027, 3, 1)), default)));
        Assert.Contains("validFrom", ex.Errors.Keys);
        Assert.Contains("重叠", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Counts());

        // The next period, from the day after, is accepted.
        await Run(db, city, sp => sp.GetRequiredService<RecordSchoolTuition>().HandleAsync(PublicSchool, Input(320_000, "数控加工", from: new DateOnly(2027, 9, 1)), default));
        Assert.Equal(before.Tuitions + 1, (await Counts()).Tuitions);
    }
}
