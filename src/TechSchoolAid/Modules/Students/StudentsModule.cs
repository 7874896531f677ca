using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Students.Features.Lookups;
using TechSchoolAid.Modules.Students.Features.Majors;
using TechSchoolAid.Modules.Students.Features.Oversight;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Students;

/// <summary>Student status records and registration (ENR-*): one feature class per use case in Features/, registered here and mapped into the groups below.</summary>
public static class StudentsModule
{
    public const string XlsxType = FileResponses.Xlsx;

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
        .AddScoped<LoadMajorEdition>()
        .AddScoped<MajorCatalogueQueries>()
        .AddScoped<IMajorCatalogue, MajorCatalogueQuery>()
        .AddScoped<LookupStudents>().AddScoped<ListSchoolClasses>()
        .AddScoped<IStudentStatusFacts, StudentStatusFactsQuery>()
        .AddScoped<ITodoSource, RegistrationTodo>()
        .AddScoped<IYearlyReportSource, StudentsYearlyReportSource>()
        .AddScoped<IDashboardSource, RegistrationDashboardSource>();

    public static void MapStudentsEndpoints(this IEndpointRouteBuilder api)
    {
        var schools = api.MapGroup("/schools/{schoolCode}").WithTags("学籍注册");
        var students = api.MapGroup("/students").WithTags("学籍注册");
        var review = api.MapGroup("/registrations").WithTags("学籍注册");

        RegisterStudent.Map(schools);
        StudentQueries.Map(schools, students);
        ImportStudents.Map(schools, students);
        VerifyRegistration.Map(schools);
        SubmitRegistrations.Map(schools);
        RegistrationWindow.Map(schools);
        IntakeProgress.Map(schools, review);
        UpdateStudent.Map(students);
        LookupStudents.Map(students);
        ListSchoolClasses.Map(schools);

        GetRegistrationBatch.Map(review);
        ApproveRegistrations.Map(review);
        ReturnRegistrations.Map(review);

        var majors = api.MapGroup("/major-catalogue").WithTags("专业目录");
        MajorCatalogueQueries.Map(majors);
        LoadMajorEdition.Map(majors);
    }
}
