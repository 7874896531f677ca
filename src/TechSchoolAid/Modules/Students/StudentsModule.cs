using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Students;

public sealed record ReopenRequest(int IntakeYear, IntakeSeason IntakeSeason, DateOnly Until, string? Reason);

public sealed record DeclareRequest(int IntakeYear, IntakeSeason IntakeSeason, int Count);

public static class StudentsModule
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddStudents(this IServiceCollection services) => services
        .AddScoped<RegistrationWindow>()
        .AddScoped<RegisterStudent>()
        .AddScoped<UpdateStudent>()
        .AddScoped<ImportStudents>()
        .AddScoped<StudentQueries>()
        .AddScoped<RotatePersonalDataKeys>()
        .AddScoped<VerifyRegistration>()
        .AddScoped<SubmitRegistrations>()
        .AddScoped<ApproveRegistrations>()
        .AddScoped<ReturnRegistrations>()
        .AddScoped<GetRegistrationBatch>()
        .AddScoped<RegistrationReviewQueue>()
        .AddScoped<IntakeProgress>()
        .AddScoped<IStudentStatusFacts, StudentStatusFactsQuery>()
        .AddScoped<ITodoSource, RegistrationTodo>();

    public static void MapStudentsEndpoints(this IEndpointRouteBuilder api)
    {
        var schools = api.MapGroup("/schools/{schoolCode}").WithTags("学籍注册");
        schools.MapPost("/students", async (string schoolCode, StudentInput input, RegisterStudent handler, StudentQueries queries, CancellationToken ct) =>
        {
            var record = await handler.HandleAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/students/{record.Id}", await queries.GetAsync(record.Id, ct));
        }).WithSummary("登记一名新生").RequireAccess(StudentAccess.Register).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

        // The school code comes from the route through the query object only: a second `string schoolCode` parameter
        // declared the same path parameter twice in the API document.
        schools.MapGet("/students", ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            queries.ListAsync(q.ToFilter(q.SchoolCode), ct)).WithSummary("本校学生名单（筛选、分页）").RequireAccess(StudentAccess.View);

        schools.MapPost("/students/import", async (string schoolCode, IFormFile file, ImportStudents handler, CancellationToken ct) =>
        {
            if (file.Length > TabularFile.MaxBytes)
            {
                throw new AppException(ErrorKind.TooLarge, $"文件不能超过 {TabularFile.MaxBytes / 1024 / 1024} MB，请分批导入");
            }

            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var report = await handler.HandleAsync(schoolCode, ms.ToArray(), file.FileName, ct);
            return report.Accepted ? Results.Ok(report) : Results.UnprocessableEntity(report);
        }).WithSummary("从 Excel/CSV 导入新生（整体校验，全部成功或全部不导入）").RequireAccess(StudentAccess.Register).DisableAntiforgery()
          .Produces<ImportReport>(200).Produces<ImportReport>(422);

        VerifyRegistration.Map(schools);
        SubmitRegistrations.Map(schools);
        schools.MapPost("/registration-reopenings", async (string schoolCode, ReopenRequest r, RegistrationWindow w, CancellationToken ct) =>
        {
            var reopening = await w.ReopenAsync(schoolCode, r.IntakeYear, r.IntakeSeason, r.Until, r.Reason, ct);
            return TypedResults.Ok(new { reopening.IntakeYear, reopening.IntakeSeason, reopening.Until, reopening.Reason, reopening.GrantedBy });
        }).WithSummary("省级重新开放某校注册").RequireAccess(StudentAccess.Reopen);
        schools.MapPut("/declared-intake", async (string schoolCode, DeclareRequest r, IntakeProgress p, CancellationToken ct) =>
        {
            await p.DeclareAsync(schoolCode, r.IntakeYear, r.IntakeSeason, r.Count, ct);
            return TypedResults.NoContent();
        }).WithSummary("申报招生人数").RequireAccess(StudentAccess.Declare);

        var students = api.MapGroup("/students").WithTags("学籍注册");
        students.MapGet("/", ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            queries.ListAsync(q.ToFilter(q.SchoolCode), ct)).WithSummary("管理范围内的学生（筛选、分页）").RequireAccess(StudentAccess.View);
        students.MapGet("/{id:guid}", (Guid id, StudentQueries queries, CancellationToken ct) => queries.GetAsync(id, ct))
            .WithSummary("学生详情（证件号码脱敏；响应头 ETag 为其版本）").RequireAccess(StudentAccess.View).Versioned<StudentRecord>();
        students.MapPut("/{id:guid}", async (Guid id, StudentInput input, UpdateStudent handler, StudentQueries queries, CancellationToken ct) =>
        {
            await handler.HandleAsync(id, input, ct);
            return await queries.GetAsync(id, ct);
        }).WithSummary("修改未报送或被退回的学生（证件号码留空则不变；须带 If-Match）").RequireAccess(StudentAccess.Edit).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
          .Versioned<StudentRecord>();
        students.MapPost("/{id:guid}/reveal-id-number", async (Guid id, StudentQueries queries, CancellationToken ct) =>
            TypedResults.Ok(new { idNumber = await queries.RevealIdNumberAsync(id, ct) })).WithSummary("查看完整证件号码（记入审计）")
            // The student is looked up before the rule is demanded, so a student outside scope is 404 for every role: the
            // endpoint carries the reading permission, the handler demands StudentAccess.RevealIdNumber on the record.
            .RequireAccess(StudentAccess.View);
        students.MapGet("/export", async ([AsParameters] StudentListQuery q, StudentQueries queries, CancellationToken ct) =>
            TypedResults.File(await queries.ExportAsync(q.ToFilter(q.SchoolCode), ct), XlsxType, "学生名单.xlsx")).WithSummary("导出 Excel").RequireAccess(StudentAccess.Export).ProducesFile(FileResponses.Xlsx);
        students.MapGet("/import-template", () => TypedResults.File(ImportStudents.Template(), XlsxType, "新生导入模板.xlsx"))
            .WithSummary("下载导入模板").ProducesFile(FileResponses.Xlsx).RequireAccess(StudentAccess.Register);

        var review = api.MapGroup("/registrations").WithTags("学籍注册");
        GetRegistrationBatch.Map(review);
        ApproveRegistrations.Map(review);
        ReturnRegistrations.Map(review);
        review.MapGet("/progress", (int year, IntakeSeason season, IntakeProgress p, CancellationToken ct) =>
            p.ListAsync(year, season, ct)).WithSummary("各校申报人数与注册、审核人数对照").RequireAccess(StudentAccess.View);
    }
}

public sealed class StudentListQuery
{
    public string? SchoolCode { get; set; }

    public string? Search { get; set; }

    public RegistrationState? State { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? IntakeSeason { get; set; }

    public string? ClassName { get; set; }

    public Guid? BatchId { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }

    public StudentFilter ToFilter(string? schoolCode) => new()
    {
        SchoolCode = schoolCode,
        Search = Search,
        State = State,
        IntakeYear = IntakeYear,
        IntakeSeason = IntakeSeason,
        ClassName = ClassName,
        BatchId = BatchId,
        Page = Page ?? 1,
        PageSize = PageSize ?? 50,
    };
}
