using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>Registration end to end on a real database, once per provider.</summary>
public sealed class RegistrationDataTests
{
    private const string CitySchool = "44010004";   // 市管, under city 4401
    private const string ProvinceSchool = "44010001"; // 省管, directly under province 44
    private const string OtherCitySchool = "44030005";

    static RegistrationDataTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Csv(params string[] rows)
    {
        var header = string.Join(",", ImportStudents.Columns.Select(c => c.Header));
        return string.Join("\r\n", [header, .. rows]);
    }

    private static string Row(string name, string id, string klass = "2026级数控1班") =>
        $"{name},居民身份证,{id},,,汉族,农村,440305,数控加工,否,中级工,初中,3,是,2026,秋季,2026-09-01,{klass},13800138000,,,否";

    [Theory]
    [BothDatabases]
    public async Task Register_ThenVerifySubmitApprove_IssuesStatusNumberAndRecordsEachActor(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var city = await db.ActorOf("city-4401");

        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(), default));
        Assert.Equal(RegistrationState.Collected, record.RegistrationState);
        Assert.Matches(@"^440\*{14}[\dX]$", record.IdNumberMasked);

        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(CitySchool, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(CitySchool, [record.Id], default);
        });
        var approved = await db.As(city, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        Assert.Single(approved.StatusNumbers);
        Assert.StartsWith("2026" + CitySchool, approved.StatusNumbers[0]);

        var dto = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().GetAsync(record.Id, default));
        Assert.Equal(RegistrationState.Approved, dto.RegistrationState);
        Assert.Equal($"school-{CitySchool}", dto.CollectedBy);
        Assert.Equal($"school-{CitySchool}", dto.VerifiedBy);
        Assert.Equal($"school-{CitySchool}", dto.SubmittedBy);
        Assert.Equal("city-4401", dto.ReviewedBy);
        Assert.NotNull(dto.ReviewedAt);

        var actions = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<TechSchoolAid.Modules.Audit.Domain.AuditEvent>()
            .Where(e => e.SubjectId == record.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(["student.registered", "student.verified", "student.submitted", "student.approved"], actions);
    }

    [Theory]
    [BothDatabases]
    public async Task Register_PersonActiveAtAnotherSchool_RefusedNamingOnlyThatSchool(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = TestIds.Make();
        await db.As(await db.ActorOf($"school-{CitySchool}"), sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id), default));

        var ex = await Assert.ThrowsAsync<AppException>(() =>
            db.As(db.ActorOf($"school-{OtherCitySchool}").Result, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(OtherCitySchool, TestIds.Student(id, "李重复"), default)));
        Assert.Equal(ErrorKind.Conflict, ex.Kind);
        Assert.Contains("华信技师学院", ex.Message);
        Assert.DoesNotContain(id, ex.Message);
        Assert.DoesNotContain("张测试", ex.Message);
    }

    [Theory]
    [BothDatabases]
    public async Task OnePlaceIndex_SecondActiveRecordForSamePerson_RefusedByDatabase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var school = await db.ActorOf($"school-{CitySchool}");
        var first = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(), default));

        // Bypass the handler's check, as a concurrent writer would: the unique filtered index must still hold.
        await Assert.ThrowsAsync<DbUpdateException>(() => db.As(school, async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            var copy = await ctx.Set<StudentRecord>().AsNoTracking().SingleAsync(s => s.Id == first.Id);
            ctx.Entry(copy).Property(s => s.Id).CurrentValue = Guid.NewGuid();
            ctx.Entry(copy).Property(s => s.StatusNumber).CurrentValue = null;
            ctx.Add(copy);
            return await ctx.SaveChangesAsync();
        }));
    }

    [Theory]
    [BothDatabases]
    public async Task Scope_SchoolAndCityUsers_SeeOnlyTheirSubtree(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 3);
        var bySchool = await db.As(await db.ActorOf($"school-{CitySchool}"), sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { PageSize = 500 }, default));
        Assert.All(bySchool.Items, s => Assert.Equal(CitySchool, s.SchoolCode));
        Assert.Equal(3, bySchool.Total);

        var byCity = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { PageSize = 500 }, default));
        Assert.All(byCity.Items, s => Assert.StartsWith("4401", s.SchoolCode));
        Assert.DoesNotContain(byCity.Items, s => s.SchoolCode == ProvinceSchool); // 省管 schools are the province's

        var byProvince = await db.As(await db.ActorOf("prov-44"), sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { PageSize = 500 }, default));
        Assert.Equal(30, byProvince.Total);
        Assert.All(byProvince.Items, s => Assert.StartsWith("44", s.SchoolCode));

        var byMinistry = await db.As(await db.ActorOf("ministry"), sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { PageSize = 1 }, default));
        Assert.Equal(60, byMinistry.Total);

        var other = byProvince.Items.First(s => s.SchoolCode != CitySchool).Id;
        var notFound = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf($"school-{CitySchool}").Result, sp => sp.GetRequiredService<StudentQueries>().GetAsync(other, default)));
        Assert.Equal(ErrorKind.NotFound, notFound.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Scope_WriteToAnotherSchoolsRow_RefusedByTheContext(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var ex = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf($"school-{CitySchool}").Result, async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            var foreign = await ctx.Set<StudentRecord>().IgnoreQueryFilters().FirstAsync(s => s.SchoolCode == ProvinceSchool);
            foreign.Verify("intruder", DateTime.UtcNow, "x");
            return await ctx.SaveChangesAsync();
        }));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_SameFileTwice_WithPartTimeStudents_SecondChangesNothing(string provider)
    {
        // A part-time student holds no full-time place; the second import must still recognise him as already registered.
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{CitySchool}");
        static string PartTime(string row) => row.Replace(",3,是,", ",3,否,", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(Csv(PartTime(Row("夜校一", TestIds.Make())), Row("全日二", TestIds.Make(male: false))));

        var first = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, bytes, "mixed.csv", default));
        Assert.Equal(2, first.Imported);
        var second = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, bytes, "mixed.csv", default));
        Assert.True(second.Accepted);
        Assert.Equal(0, second.Imported);
        Assert.Equal(2, second.Unchanged);
        var total = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter(), default));
        Assert.Equal(3, total.Total);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_SameFileTwice_SecondChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{CitySchool}");
        var bytes = Encoding.UTF8.GetBytes(Csv(Row("王一", TestIds.Make()), Row("王二", TestIds.Make(male: false)), Row("王三", TestIds.Make())));

        var first = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, bytes, "new.csv", default));
        Assert.True(first.Accepted);
        Assert.Equal(3, first.Imported);

        var second = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, bytes, "new.csv", default));
        Assert.True(second.Accepted);
        Assert.Equal(0, second.Imported);
        Assert.Equal(3, second.Unchanged);
        var total = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter(), default));
        Assert.Equal(4, total.Total);
    }

    [Theory]
    [BothDatabases]
    public async Task Import_OneBadRowAndOneDuplicate_NothingWrittenAndEachReported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{CitySchool}");
        var dup = TestIds.Make();
        var badCheck = TestIds.Make();
        badCheck = badCheck[..17] + (badCheck[17] == '1' ? '2' : '1');
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(Csv(Row("赵一", dup), Row("赵二", badCheck), Row("=HYPERLINK(1)", TestIds.Make()), Row("赵四", dup)));

        var report = await db.As(school, sp => sp.GetRequiredService<ImportStudents>().HandleAsync(CitySchool, gbk, "gbk.csv", default));
        Assert.False(report.Accepted);
        Assert.Contains(report.Errors, e => e.Row == 3 && e.Column == "证件号码");
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Column == "姓名");
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Column == "证件号码" && e.Message.Contains("第 2 行"));
        var total = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter(), default));
        Assert.Equal(1, total.Total);
    }

    [Theory]
    [BothDatabases]
    public async Task Deadline_PassedThenReopenedByProvince_ClosedThenOpen(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        db.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var school = await db.ActorOf($"school-{ProvinceSchool}");
        var closed = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(ProvinceSchool, TestIds.Student(), default)));
        Assert.Contains("截止", closed.Message);

        // A city may not reopen; the province may, with a reason.
        await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("city-4401").Result, sp => sp.GetRequiredService<RegistrationWindow>().ReopenAsync(ProvinceSchool, 2026, IntakeSeason.Autumn, new DateOnly(2026, 11, 20), "补录延迟报到学生", default)));
        var noReason = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("prov-44").Result, sp => sp.GetRequiredService<RegistrationWindow>().ReopenAsync(ProvinceSchool, 2026, IntakeSeason.Autumn, new DateOnly(2026, 11, 20), "", default)));
        Assert.True(noReason.Errors.ContainsKey("reason"));
        await db.As(await db.ActorOf("prov-44"), sp => sp.GetRequiredService<RegistrationWindow>().ReopenAsync(ProvinceSchool, 2026, IntakeSeason.Autumn, new DateOnly(2026, 11, 20), "补录延迟报到学生", default));

        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(ProvinceSchool, TestIds.Student(), default));
        Assert.Equal(ProvinceSchool, record.SchoolCode);
    }

    [Theory]
    [BothDatabases]
    public async Task Review_ByAuthorityThatDoesNotSuperviseTheSchool_Forbidden(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{CitySchool}");
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(), default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(CitySchool, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(CitySchool, [record.Id], default);
        });

        // The province sees the student but does not supervise a 市管 school directly.
        var ex = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("prov-44").Result, sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default)));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
        var noReason = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("city-4401").Result, sp => sp.GetRequiredService<ReturnRegistrations>().HandleAsync([record.Id], null, " ", default)));
        Assert.Equal(ErrorKind.Validation, noReason.Kind);
        var returned = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ReturnRegistrations>().HandleAsync([record.Id], null, "照片不清晰", default));
        Assert.Equal(1, returned.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task RevealIdNumber_AllowedRole_ReturnsClearNumberAndAudits(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var id = TestIds.Make();
        var record = await db.As(await db.ActorOf($"school-{CitySchool}"), sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id), default));
        var clear = await db.As(await db.ActorOf($"school-{CitySchool}"), sp => sp.GetRequiredService<StudentQueries>().RevealIdNumberAsync(record.Id, default));
        Assert.Equal(id, clear);

        var denied = await Assert.ThrowsAsync<AppException>(() => db.As(db.ActorOf("city-4401").Result, sp => sp.GetRequiredService<StudentQueries>().RevealIdNumberAsync(record.Id, default)));
        Assert.Equal(ErrorKind.Forbidden, denied.Kind);

        var verification = await db.VerifyAuditAsync();
        Assert.Empty(verification.Problems);
        Assert.True(verification.Checked > 0);
    }

    [Theory]
    [BothDatabases]
    public async Task Update_ReturnedStudent_CorrectedKeepsNumberAndCanBeResubmitted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var school = await db.ActorOf($"school-{CitySchool}");
        var id = TestIds.Make();
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id), default));
        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(CitySchool, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(CitySchool, [record.Id], default);
        });

        // Submitted: not editable.
        var locked = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<UpdateStudent>().HandleAsync(record.Id, TestIds.Student(id), default)));
        Assert.Equal(ErrorKind.Conflict, locked.Kind);

        await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ReturnRegistrations>().HandleAsync([record.Id], null, "班级填写错误", default));
        var corrected = TestIds.Student(null);
        corrected.IdNumber = null; // keep the number on record
        corrected.ClassName = "2026级数控2班";
        var updated = await db.As(school, sp => sp.GetRequiredService<UpdateStudent>().HandleAsync(record.Id, corrected, default));
        Assert.Equal("2026级数控2班", updated.ClassName);
        Assert.Equal(record.IdNumberHash, updated.IdNumberHash);
        Assert.Null(updated.VerifiedAtUtc); // a corrected record is verified again before it goes back

        await db.As(school, async sp =>
        {
            await sp.GetRequiredService<VerifyRegistration>().HandleAsync(CitySchool, [record.Id], null, default);
            return await sp.GetRequiredService<SubmitRegistrations>().HandleAsync(CitySchool, [record.Id], default);
        });
        var approved = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<ApproveRegistrations>().HandleAsync([record.Id], null, default));
        Assert.Single(approved.StatusNumbers);
    }
}
