using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using TechSchoolAid.Modules.Standards.Features.Brochures;
using TechSchoolAid.Modules.Standards.Features.Oversight;
using TechSchoolAid.Modules.Standards.Features.Policy;
using TechSchoolAid.Modules.Standards.Features.Staff;
using TechSchoolAid.Modules.Standards.Features.Trainings;
using TechSchoolAid.Modules.Standards.Seeding;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Standards;

/// <summary>INS-2 and PUB-2 on a real database, once per provider: the compliance facts of the demo, the brochure flow and its guards, attendance becoming the staff's training record.</summary>
public sealed class StandardsDataTests
{
    private static readonly string[] CitySchools = ["44010001", "44010004", "44010007", "44010010"];

    private static Task<T> As<TFeature, T>(TestDatabase db, Actor actor, Func<TFeature, Task<T>> f)
        where TFeature : notnull =>
        db.As(actor, sp => f(sp.GetRequiredService<TFeature>()));

    private static async Task<Dictionary<(string, string), ComplianceFact>> FactsAsync(TestDatabase db, Actor actor, DateOnly asOf)
    {
        var facts = await db.As(actor, sp => sp.GetServices<ISchoolComplianceSource>().Single(s => s is StandardsComplianceSource).FactsAsync(CitySchools, asOf, default));
        return facts.ToDictionary(f => (f.SchoolCode, f.Key));
    }

    [Theory]
    [BothDatabases]
    public async Task ComplianceFacts_OfTheDemo_FlagEachMissingItem(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var today = db.Clock.Today();
        var facts = await FactsAsync(db, province, today);
        Assert.Equal(16, facts.Count);
        Assert.All(facts.Where(f => f.Key.Item1 == "44010001"), f => Assert.True(f.Value.Met, f.Value.Detail));
        Assert.True(facts[("44010004", "aid-rules")].Met);
        Assert.False(facts[("44010004", "training")].Met);
        Assert.Contains("其中1名", facts[("44010004", "training")].Detail, StringComparison.Ordinal);
        Assert.False(facts[("44010004", "brochure")].Met);
        Assert.Contains("尚未上传", facts[("44010004", "brochure")].Detail, StringComparison.Ordinal);
        Assert.False(facts[("44010007", "brochure")].Met); // submitted, not yet approved
        Assert.False(facts[("44010010", "aid-rules")].Met);
        Assert.False(facts[("44010010", "aid-staff")].Met);

        // The school sees its own missing items on its to-do panel; the city sees the brochure waiting for it; the province its training without attendance.
        var school = await db.ActorOf("school-44010004-aid");
        var schoolTodo = await db.As(school, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(schoolTodo, t => t.Title == "规范化缺项：资助工作人员培训");
        Assert.Contains(schoolTodo, t => t.Title == "规范化缺项：招生简章载明资助政策");
        var cityTodo = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(cityTodo, t => t.Title == "审核招生简章 1 份");
        var provinceTodo = await db.As(province, sp => sp.GetRequiredService<TodoPanel>().ItemsAsync(default));
        Assert.Contains(provinceTodo, t => t.Title.StartsWith("登记培训参训人员：", StringComparison.Ordinal));

        // The 「未提交招生简章」 list of the city: 44010004 (none) and 44010010 (returned), not the approved or the waiting one.
        var missing = await As(db, await db.ActorOf("city-4401"), (BrochureQueries q) => q.MissingAsync(default));
        Assert.Equal(new[] { "44010004", "44010010" }, missing.Select(m => m.SchoolCode).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [BothDatabases]
    public async Task Brochure_Flow_GuardsAndConcurrentDecisions(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var school = await db.ActorOf("school-44010004-aid");
        var city = await db.ActorOf("city-4401");
        var province = await db.ActorOf("prov-44");

        // Not a PDF or image (a Word document named .pdf): refused, nothing written.
        var notPdf = await Assert.ThrowsAsync<AppException>(() =>
            As(db, school, (UploadBrochure u) => u.HandleAsync("44010004", 2026, IntakeSeason.Autumn, "招生简章.pdf", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], default)));
        Assert.True(notPdf.Errors.ContainsKey("file"));
        Assert.Equal(0, await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<Brochure>().CountAsync(b => b.SchoolCode == "44010004")));

        var draft = await As(db, school, (UploadBrochure u) => u.HandleAsync("44010004", 2026, IntakeSeason.Autumn, "简章.pdf", StandardsDemoData.Pdf("简章"), default));
        var ticked = await As(db, school, (SetBrochureChecklist c) => c.HandleAsync(draft.Id, new ChecklistInput(true, "第2页", true, "第3页", false, null, draft.Version), default));
        Assert.Equal(new[] { "资助热线电话" }, ticked.MissingItems);
        var submitted = await As(db, school, (SubmitBrochure s) => s.HandleAsync(draft.Id, new VersionInput(ticked.Version), default));
        Assert.Equal(BrochureStatus.Submitted, submitted.Status);

        // The province is above the city, not the 市管 school's direct supervisor.
        var notSupervisor = await Assert.ThrowsAsync<AppException>(() => As(db, province, (ReviewBrochure r) => r.ApproveAsync(draft.Id, null, default)));
        Assert.Equal(ErrorKind.Forbidden, notSupervisor.Kind);
        var missingItem = await Assert.ThrowsAsync<AppException>(() => As(db, city, (ReviewBrochure r) => r.ApproveAsync(draft.Id, submitted.Version, default)));
        Assert.Contains("资助热线", missingItem.Errors["checklist.hotline"][0], StringComparison.Ordinal);
        var noReason = await Assert.ThrowsAsync<AppException>(() => As(db, city, (ReviewBrochure r) => r.ReturnAsync(draft.Id, new ReturnInput(" ", submitted.Version), default)));
        Assert.True(noReason.Errors.ContainsKey("reason"));
        var returned = await As(db, city, (ReviewBrochure r) => r.ReturnAsync(draft.Id, new ReturnInput("请补充资助热线", submitted.Version), default));
        Assert.Equal(BrochureStatus.Returned, returned.Status);

        // Resubmission after return, then two decisions on the same version: the second is 409.
        var fixedList = await As(db, school, (SetBrochureChecklist c) => c.HandleAsync(draft.Id, new ChecklistInput(true, "第2页", true, "第3页", true, "封底", null), default));
        var again = await As(db, school, (SubmitBrochure s) => s.HandleAsync(draft.Id, new VersionInput(fixedList.Version), default));
        await using var first = db.Scope(city);
        await using var second = db.Scope(city);
        var b1 = await first.ServiceProvider.GetRequiredService<TsaDbContext>().Set<Brochure>().SingleAsync(b => b.Id == draft.Id);
        var b2 = await second.ServiceProvider.GetRequiredService<TsaDbContext>().Set<Brochure>().SingleAsync(b => b.Id == draft.Id);
        b1.Approve("city-4401", DateTime.UtcNow);
        b2.Return("重复的决定", "city-4401", DateTime.UtcNow);
        await first.ServiceProvider.GetRequiredService<TechSchoolAid.Modules.Standards.Features.StandardsSteps>().SaveAsync(default);
        var conflict = await Assert.ThrowsAsync<AppException>(() => second.ServiceProvider.GetRequiredService<TechSchoolAid.Modules.Standards.Features.StandardsSteps>().SaveAsync(default));
        Assert.Equal(ErrorKind.Conflict, conflict.Kind);
        var final = await As(db, city, (BrochureQueries q) => q.DetailAsync(draft.Id, default));
        Assert.Equal(BrochureStatus.Approved, final.Status);
        Assert.Equal(again.Version + 1, final.Version);

        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.Action.StartsWith("standards.brochure.")).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, audit.Count(a => a == StandardsAuditActions.BrochureSubmitted.Code));
        Assert.Equal(1, audit.Count(a => a == StandardsAuditActions.BrochureReturned.Code));
    }

    [Theory]
    [BothDatabases]
    public async Task Attendance_BecomesTheStaffsTrainingRecord_WithinThePolicyPeriod(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 1);
        var province = await db.ActorOf("prov-44");
        var today = db.Clock.Today();
        var staff = await As(db, province, (StaffQueries q) => q.ListAsync("44010004", true, default));
        var untrained = staff.Single(s => s.LastTrainedOn is null);

        var training = await As(db, province, (CreateTraining c) => c.HandleAsync(
            new TrainingInput("资助政策专题培训", TrainingKind.Policy, today.AddDays(-5), today.AddDays(-4), 8, "广州"), default));
        var unknown = await Assert.ThrowsAsync<AppException>(() =>
            As(db, province, (RecordAttendance r) => r.HandleAsync(training.Id, new AttendanceInput([untrained.Id, Guid.NewGuid()], null), default)));
        Assert.True(unknown.Errors.ContainsKey("staffIds"));
        var recorded = await As(db, province, (RecordAttendance r) => r.HandleAsync(training.Id, new AttendanceInput([untrained.Id], null), default));
        Assert.Equal(1, recorded.Added);
        var repeated = await As(db, province, (RecordAttendance r) => r.HandleAsync(training.Id, new AttendanceInput([untrained.Id], null), default));
        Assert.Equal(0, repeated.Added);
        Assert.Equal(1, repeated.AlreadyRecorded);

        var facts = await FactsAsync(db, province, today);
        Assert.True(facts[("44010004", "training")].Met, facts[("44010004", "training")].Detail);

        // The period is the province's policy data: from tomorrow one month, the demo training of 60 days ago no longer counts.
        await As(db, province, (SetStandardsPolicy s) => s.HandleAsync(new StandardsPolicyInput
        {
            ValidFrom = today.AddDays(1), TrainingValidityMonths = 1, IntakeYear = today.Year, IntakeSeason = IntakeSeason.Autumn, Source = "测试文件",
        }, default));
        var later = await FactsAsync(db, province, today.AddDays(1));
        Assert.False(later[("44010001", "training")].Met);
        Assert.False(later[("44010004", "training")].Met);
        Assert.True(facts[("44010001", "training")].Met);
    }
}
