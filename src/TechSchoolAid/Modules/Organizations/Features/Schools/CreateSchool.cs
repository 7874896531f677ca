using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

/// <summary>
/// The supervising level creates a school (ORG-1, ORG-2, ORG-4): a province creates 省管 schools under itself and 市管
/// schools under its cities; a city creates schools under itself. The code is 8 digits beginning with the city's code
/// (as every school of the national directory) and unique; the name is unique within the province.
/// </summary>
public sealed partial class CreateSchool(TsaDbContext db, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/schools", async (SchoolInput input, CreateSchool create, GetSchool detail, CancellationToken ct) =>
        {
            var code = await create.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/organizations/schools/{code}", await detail.HandleAsync(code, ct));
        }).RequireAccess(OrganizationAccess.CreateSchool)
            .WithSummary("新建学校（省人社厅可建省管学校及所辖市的市管学校，市人社局建本市市管学校；代码为以所在市代码开头的 8 位数字）")
            .Produces<SchoolDetail>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    /// <summary>Creates the school and answers its code.</summary>
    public async Task<string> HandleAsync(SchoolInput input, CancellationToken ct)
    {
        db.Actor.Demand(OrganizationAccess.CreateSchool);
        var errors = new Dictionary<string, List<string>>();
        var code = input.Code?.Trim() ?? "";
        var city = input.CityCode?.Trim() ?? "";
        if (!CityCode().IsMatch(city))
        {
            SchoolRules.Add(errors, "cityCode", "请选择学校所在的市（4 位行政区划代码）");
        }

        if (code.Length == 0)
        {
            SchoolRules.Add(errors, "code", "请填写学校代码");
        }
        else if (!SchoolCode().IsMatch(code) || (CityCode().IsMatch(city) && !code.StartsWith(city, StringComparison.Ordinal)))
        {
            SchoolRules.Add(errors, "code", $"学校代码应为以所在市代码{(CityCode().IsMatch(city) ? " " + city + " " : "")}开头的 8 位数字");
        }

        if (input.ManagedBy is not { } managedBy || !Enum.IsDefined(managedBy))
        {
            SchoolRules.Add(errors, "managedBy", "请选择管理层级（省管或市管）");
        }

        var values = SchoolRules.CheckAttributes(input, errors);
        InputGuard.ThrowIfAny(errors);

        // The supervisor: the city for 市管, its province for 省管. Both are looked up in the whole tree so that a city
        // asking for a 省管 school hears that the province creates it (403), not that the province does not exist.
        var all = OrganizationReads.AllOrganizations(db);
        var cityOrg = await all.FirstOrDefaultAsync(o => o.Code == city && o.Level == OrgLevel.City, ct)
            ?? throw AppException.Invalid("cityCode", $"市代码 {city} 不存在");
        var supervisor = input.ManagedBy == ManagedBy.City
            ? cityOrg
            : await all.FirstAsync(o => o.Id == cityOrg.ParentId, ct);
        db.Actor.Demand(OrganizationAccess.CreateSchool, supervisor.ScopePath);

        if (await all.AnyAsync(o => o.Code == code, ct))
        {
            throw AppException.Conflict($"学校代码 {code} 已被使用，请核对");
        }

        if (await all.AnyAsync(o => o.Level == OrgLevel.School && o.ProvinceCode == cityOrg.ProvinceCode && o.Name == values.Name, ct))
        {
            throw AppException.Invalid("name", $"本省已有名为「{values.Name}」的学校，学校名称在省内不能重复");
        }

        var school = Organization.School(supervisor, city, code, values.Name, values.Kind, values.Ownership, values.Address, values.Principal,
            values.AidOfficeContact, values.AidOfficePhone);
        db.Add(school);
        db.Record(OrganizationAuditActions.SchoolCreated, code, school.ScopePath, null, Audited(school), clock);
        await SchoolWrites.SaveAsync(db, ct);
        return school.Code;
    }

    internal static object Audited(Organization o) => new
    {
        code = o.Code, name = o.Name, cityCode = o.CityCode, managedBy = o.ManagedBy, kind = o.Kind, ownership = o.Ownership,
        address = o.Address, principal = o.Principal, aidOfficeContact = o.AidOfficeContact, aidOfficePhone = o.AidOfficePhone,
    };

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex SchoolCode();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex CityCode();
}
