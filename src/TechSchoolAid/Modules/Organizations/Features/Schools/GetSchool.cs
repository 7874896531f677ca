using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

public sealed record TuitionRow(
    Guid Id,
    long AmountFen,
    string? Major,
    string DocumentNumber,
    DateOnly DocumentDate,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool InForce,
    string RecordedBy,
    DateTime RecordedAtUtc,
    int Version);

/// <summary>
/// A school as its detail page shows it (ORG-2): attributes, supervising authority, the approved tuition history, the
/// waiver basis in force today (for a 民办 school, the comparable public figure), and the actions the caller may take.
/// </summary>
public sealed record SchoolDetail(
    string Code,
    string Name,
    SchoolKind Kind,
    string KindName,
    Ownership Ownership,
    string OwnershipName,
    ManagedBy ManagedBy,
    string ManagedByName,
    string? CityCode,
    string? CityName,
    string? ProvinceCode,
    string SupervisorCode,
    string SupervisorName,
    string? Address,
    string? Principal,
    string? AidOfficeContact,
    string? AidOfficePhone,
    int Version,
    IReadOnlyList<TuitionRow> Tuitions,
    long? WaiverYearFenToday,
    string WaiverBasisToday,
    IReadOnlyList<string> Actions);

/// <summary>One school in the caller's scope, or 404 (a read never confirms that an out-of-scope school exists).</summary>
public sealed class GetSchool(TsaDbContext db, SchoolDirectory schools, ISchoolFees fees, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/schools/{code}", (string code, GetSchool q, CancellationToken ct) => q.HandleAsync(code, ct))
            .RequireSignedIn()
            .WithSummary("学校详情：属性、主管部门、核定学费标准历史、今日免学费标准及可执行的操作")
            .Produces<SchoolDetail>().ProducesProblem(404);

    public async Task<SchoolDetail> HandleAsync(string code, CancellationToken ct)
    {
        var found = await schools.ForReadAsync(code, ct);
        var o = await db.Set<Organization>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == found.Id, ct) ?? throw AppException.NotFound("学校");
        var today = clock.Today();
        var supervisorCode = o.SupervisorCode ?? "";
        var names = await OrganizationReads.AllOrganizations(db).Where(x => x.Code == supervisorCode || x.Code == o.CityCode)
            .ToDictionaryAsync(x => x.Code, x => x.Name, ct);
        var tuitions = await db.Set<SchoolTuition>().AsNoTracking().Where(t => t.SchoolId == o.Id).ToListAsync(ct);
        var rows = tuitions.OrderBy(t => t.Major ?? "", StringComparer.Ordinal).ThenByDescending(t => t.ValidFrom)
            .Select(t => new TuitionRow(t.Id, t.AmountFen, t.Major, t.DocumentNumber, t.DocumentDate, t.ValidFrom, t.ValidTo, t.AppliesOn(today),
                t.RecordedBy, t.RecordedAtUtc, t.Version)).ToList();
        var basis = (await fees.ScheduleAsync(o.Id, today, ct)).WaiverFor(null);
        var kind = o.Kind ?? SchoolKind.TechnicalSchool;
        var ownership = o.Ownership ?? Ownership.Public;
        var managedBy = o.ManagedBy ?? ManagedBy.City;
        var cityName = o.CityCode is { } c ? names.GetValueOrDefault(c) ?? Divisions.Cities.FirstOrDefault(d => d.Code == c)?.Name : null;
        return new SchoolDetail(o.Code, o.Name, kind, kind.ToChinese(), ownership, ownership.ToChinese(), managedBy, managedBy.ToChinese(),
            o.CityCode, cityName, o.ProvinceCode, supervisorCode, names.GetValueOrDefault(supervisorCode, supervisorCode),
            o.Address, o.Principal, o.AidOfficeContact, o.AidOfficePhone, o.Version, rows,
            basis.YearFen, basis.YearFen is null ? basis.Missing ?? "" : basis.Source,
            db.Actor.ActionsOn(o.ScopePath, OrganizationAccess.EditSchool, OrganizationAccess.ManageTuition));
    }
}
