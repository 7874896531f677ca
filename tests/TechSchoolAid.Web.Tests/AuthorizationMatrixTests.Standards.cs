using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    private static readonly HashSet<string> StandardsKeepers = ["school-admin", "school-aid-officer"];                           // KeepAidStandards
    private static readonly HashSet<string> TrainingKeepers = ["province-admin"];                                                // ManageTrainings
    private static readonly HashSet<string> BrochureReviewers = ["province-admin", "province-reviewer", "city-reviewer"];       // ReviewBrochures

    /// <summary>
    /// The rows of the Standards module's endpoints; one per endpoint, see the rules in AuthorizationMatrixTests.cs. Every
    /// role may read (ViewStudents) within its scope; a record (rule, staff member, brochure, training) outside the scope
    /// is 404. A school keeps its own records (KeepAidStandards); the province's administrator runs trainings; a brochure
    /// is decided only by the school's direct supervisor (a province on a 市管 school: 403).
    /// </summary>
    private static Endpoint[] StandardsEndpoints =>
    [
        new("GET /api/v1/standards/schools", Targets.None, false, _ => Get("/api/v1/standards/schools?missing=any"), _ => Is(200, "ViewStudents, scope-filtered list")),
        new("GET /api/v1/standards/schools/{schoolCode}", Targets.School, false, c => Get($"/api/v1/standards/schools/{c.School}"), c => StandardsRead(c)),
        new("GET /api/v1/standards/policy", Targets.None, false, _ => Get("/api/v1/standards/policy"), _ => Is(200, "ViewStudents")),
        new("POST /api/v1/standards/policy", Targets.None, false,
            _ => Json(HttpMethod.Post, "/api/v1/standards/policy", new { validFrom = "2026-02-01", trainingValidityMonths = 12, intakeYear = 2026, intakeSeason = "Autumn", source = "测试文件" }),
            c => Permission(TrainingKeepers.Contains(c.Caller.Key), 200, "ManageTrainings (province's own policy)")),
        new("POST /api/v1/standards/schools/{schoolCode}/rules", Targets.School, false,
            c => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/standards/schools/{c.School}/rules") { Content = StandardsApi.Rule(StandardsApi.Pdf) }),
            c => ScopedWrite(c.Caller, c.Target, StandardsKeepers, 201, "KeepAidStandards")),
        new("POST /api/v1/standards/rules/{id}/withdraw", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/standards/rules/{await StandardsRecords.RuleAsync(c.App, c.School)}/withdraw", new { reason = "已不适用" }),
            c => StandardsKeep(c, 200)),
        new("GET /api/v1/standards/rules/{id}/file", Targets.School, false,
            async c => await Get($"/api/v1/standards/rules/{await StandardsRecords.RuleAsync(c.App, c.School)}/file"), c => StandardsRead(c)),
        new("GET /api/v1/standards/staff", Targets.None, false, _ => Get("/api/v1/standards/staff"), _ => Is(200, "ViewStudents, scope-filtered list")),
        new("POST /api/v1/standards/schools/{schoolCode}/staff", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/standards/schools/{c.School}/staff", StandardsApi.Staff()),
            c => ScopedWrite(c.Caller, c.Target, StandardsKeepers, 201, "KeepAidStandards")),
        new("POST /api/v1/standards/staff/{id}/end", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/standards/staff/{await StandardsRecords.StaffAsync(c.App, c.School)}/end", new { endedOn = "2026-10-01" }),
            c => StandardsKeep(c, 200)),
        new("POST /api/v1/standards/staff/{id}/trainings", Targets.School, false,
            async c => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/standards/staff/{await StandardsRecords.StaffAsync(c.App, c.School)}/trainings")
            {
                Content = StandardsApi.Form(StandardsApi.Pdf, "证书.pdf", ("title", "外部培训"), ("organizer", "全国学生资助管理中心"), ("completedOn", "2026-09-20"), ("hours", "6")),
            },
            c => StandardsKeep(c, 201)),
        new("GET /api/v1/standards/staff-trainings/{id}/certificate", Targets.School, false,
            async c => await Get($"/api/v1/standards/staff-trainings/{await StandardsRecords.CertificateAsync(c.App, c.School)}/certificate"), c => StandardsRead(c)),
        new("GET /api/v1/standards/trainings", Targets.None, false, _ => Get("/api/v1/standards/trainings"), _ => Is(200, "ViewStudents, scope-filtered list")),
        new("GET /api/v1/standards/trainings/{id}", Targets.School, false,
            async c => await Get($"/api/v1/standards/trainings/{await StandardsRecords.TrainingAsync(c.App, ProvinceOf(c))}"),
            c => c.Caller.SeesEverything || (c.Caller.Level == "province" && c.Target == Inside) ? Is(200, "the province's training, in scope")
                : Is(404, "a province's training lies outside a city's or school's scope, or another province's")),
        new("POST /api/v1/standards/trainings", Targets.None, false, _ => Json(HttpMethod.Post, "/api/v1/standards/trainings", StandardsApi.Training()),
            c => Permission(TrainingKeepers.Contains(c.Caller.Key), 201, "ManageTrainings")),
        new("POST /api/v1/standards/trainings/{id}/attendance", Targets.School, false,
            async c =>
            {
                var province = ProvinceOf(c);
                var staff = await StandardsRecords.StaffAsync(c.App, province == "51" ? "51010004" : "44010004");
                return await Json(HttpMethod.Post, $"/api/v1/standards/trainings/{await StandardsRecords.TrainingAsync(c.App, province)}/attendance", new { staffIds = new[] { staff } });
            },
            c => !TrainingKeepers.Contains(c.Caller.Key) ? Is(403, "lacks ManageTrainings")
                : c.Target == Outside ? Is(404, "another province's training") : Is(200, "ManageTrainings, own province")),
        new("GET /api/v1/standards/brochures", Targets.None, false, _ => Get("/api/v1/standards/brochures?waitingForMe=true"), _ => Is(200, "ViewStudents, scope-filtered list")),
        new("GET /api/v1/standards/brochures/missing", Targets.None, false, _ => Get("/api/v1/standards/brochures/missing"), _ => Is(200, "ViewStudents, scope-filtered list")),
        new("GET /api/v1/standards/brochures/{id}", Targets.School, false,
            async c => await Get($"/api/v1/standards/brochures/{await StandardsRecords.DraftBrochureAsync(c.App, c.School, shared: true)}"), c => StandardsRead(c)),
        new("GET /api/v1/standards/brochures/{id}/file", Targets.School, false,
            async c => await Get($"/api/v1/standards/brochures/{await StandardsRecords.DraftBrochureAsync(c.App, c.School, shared: true)}/file"), c => StandardsRead(c)),
        new("POST /api/v1/standards/schools/{schoolCode}/brochures", Targets.School, false,
            c => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/standards/schools/{c.School}/brochures") { Content = StandardsApi.Brochure(StandardsApi.Pdf, year: 2025, season: "Spring") }),
            c => ScopedWrite(c.Caller, c.Target, StandardsKeepers, 200, "KeepAidStandards")),
        new("PUT /api/v1/standards/brochures/{id}/checklist", Targets.School, false,
            async c => await Json(HttpMethod.Put, $"/api/v1/standards/brochures/{await StandardsRecords.DraftBrochureAsync(c.App, c.School, shared: false)}/checklist",
                new { statesWaiver = true, waiverPage = "第2页" }),
            c => StandardsKeep(c, 200)),
        new("POST /api/v1/standards/brochures/{id}/submit", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/standards/brochures/{await StandardsRecords.DraftBrochureAsync(c.App, c.School, shared: false)}/submit", new { }),
            c => StandardsKeep(c, 200)),
        new("POST /api/v1/standards/brochures/{id}/approve", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/standards/brochures/{await StandardsRecords.SubmittedBrochureAsync(c.App, BatchSchoolOf(c.Caller, c.Target))}/approve", new { }),
            c => BrochureReview(c)),
        new("POST /api/v1/standards/brochures/{id}/return", Targets.Batch, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/standards/brochures/{await StandardsRecords.SubmittedBrochureAsync(c.App, BatchSchoolOf(c.Caller, c.Target))}/return",
                new { reason = "未载明资助热线" }),
            c => BrochureReview(c)),
    ];

    private static string ProvinceOf(Cell c) => c.Target == Outside && c.Caller.Level == "province" ? "51" : "44";

    private static Expectation StandardsRead(Cell c) =>
        c.Target == Outside ? Is(404, "a record outside the scope is not confirmed") : Is(200, "ViewStudents, in scope");

    private static Expectation StandardsKeep(Cell c, int success) =>
        !StandardsKeepers.Contains(c.Caller.Key) ? Is(403, "lacks KeepAidStandards")
        : c.Target == Outside ? Is(404, "another school's record") : Is(success, "KeepAidStandards, own school");

    private static Expectation BrochureReview(Cell c) =>
        !BrochureReviewers.Contains(c.Caller.Key) ? Is(403, "lacks ReviewBrochures")
        : c.Target == Outside ? Is(404, "a brochure outside the scope")
        : c.Target == NotSupervised ? Is(403, "in scope, but not the school's direct supervisor")
        : Is(200, "ReviewBrochures, the direct supervisor");
}

/// <summary>Records the Standards rows act on, written by the system straight into the database (one per cell where the action consumes it).</summary>
internal static class StandardsRecords
{
    private static int _sequence;
    private static readonly Dictionary<string, Guid> Shared = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private static Task<T> WriteAsync<T>(TestApp app, Func<TsaDbContext, Task<T>> write) => WriteAsync(app, (db, _) => write(db));

    private static async Task<T> WriteAsync<T>(TestApp app, Func<TsaDbContext, IServiceProvider, Task<T>> write)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-matrix");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var result = await write(db, scope.ServiceProvider);
        await db.SaveChangesAsync();
        return result;
    }

    private static Task<OrgRow> OrgAsync(TsaDbContext db, string code) => db.AllOrganizations().SingleAsync(o => o.Code == code);

    public static Task<Guid> RuleAsync(TestApp app, string school) => WriteAsync(app, async db =>
    {
        var o = await OrgAsync(db, school);
        var rule = new AidRuleDocument(Guid.CreateVersion7(), o.Id, o.Code, o.ScopePath, "资助工作管理办法", AidRuleKind.Management, new DateOnly(2026, 1, 1), "办法.pdf",
            "application/pdf", StandardsApi.Pdf, "0", "test", DateTime.UtcNow);
        db.Add(rule);
        return rule.Id;
    });

    public static Task<Guid> StaffAsync(TestApp app, string school) => WriteAsync(app, async (db, sp) =>
    {
        var o = await OrgAsync(db, school);
        var protector = sp.GetRequiredService<Kernel.Security.PersonalDataProtector>();
        var staff = new AidStaffMember(Guid.CreateVersion7(), o.Id, o.Code, o.ScopePath, "测试人员", StaffPostKind.FullTime, "资助专干", protector.Encrypt("13912345678"),
            "139****5678", new DateOnly(2025, 9, 1), "test", DateTime.UtcNow);
        db.Add(staff);
        return staff.Id;
    });

    public static async Task<Guid> CertificateAsync(TestApp app, string school)
    {
        var staff = await StaffAsync(app, school);
        return await WriteAsync(app, async db =>
        {
            var o = await OrgAsync(db, school);
            var record = new StaffTraining(Guid.CreateVersion7(), staff, o.Code, o.ScopePath, TrainingSource.External, null, "外部培训", "测试单位", new DateOnly(2026, 9, 1), 4, "test",
                DateTime.UtcNow);
            record.AttachCertificate("证书.pdf", "application/pdf", StandardsApi.Pdf, "0");
            db.Add(record);
            return record.Id;
        });
    }

    public static async Task<Guid> TrainingAsync(TestApp app, string province)
    {
        await Gate.WaitAsync();
        try
        {
            if (Shared.TryGetValue("training-" + province, out var id))
            {
                return id;
            }

            return Shared["training-" + province] = await WriteAsync(app, async db =>
            {
                var o = await OrgAsync(db, province);
                var training = new Training(Guid.CreateVersion7(), o.Id, o.ScopePath, "矩阵测试培训", TrainingKind.Policy, new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 2), 8, "测试地点",
                    "test", DateTime.UtcNow);
                db.Add(training);
                return training.Id;
            });
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A draft brochure with its file at <paramref name="school"/>, for an intake of its own (shared: one per school for reads).</summary>
    public static async Task<Guid> DraftBrochureAsync(TestApp app, string school, bool shared)
    {
        if (shared)
        {
            await Gate.WaitAsync();
            try
            {
                if (!Shared.TryGetValue("brochure-" + school, out var id))
                {
                    Shared["brochure-" + school] = id = await NewBrochureAsync(app, school, submit: false);
                }

                return id;
            }
            finally
            {
                Gate.Release();
            }
        }

        return await NewBrochureAsync(app, school, submit: false);
    }

    public static Task<Guid> SubmittedBrochureAsync(TestApp app, string school) => NewBrochureAsync(app, school, submit: true);

    private static Task<Guid> NewBrochureAsync(TestApp app, string school, bool submit) => WriteAsync(app, async db =>
    {
        var o = await OrgAsync(db, school);
        var n = Interlocked.Increment(ref _sequence);
        var b = new Brochure(Guid.CreateVersion7(), o.Id, o.Code, o.Name, o.ScopePath, 1900 + n, IntakeSeason.Spring, "test", DateTime.UtcNow);
        b.SetFile("简章.pdf", "application/pdf", StandardsApi.Pdf, "0", "test", DateTime.UtcNow);
        if (submit)
        {
            b.SetChecklist(true, "第1页", true, "第1页", true, "第2页", "test", DateTime.UtcNow);
            b.Submit("test", DateTime.UtcNow);
        }

        db.Add(b);
        return b.Id;
    });
}
