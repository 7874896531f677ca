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
using TechSchoolAid.Modules.Organizations.Features.Fees;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

/// <summary>
/// The school's direct supervisor edits its attributes (name, kind, ownership, address, principal, aid office), from the
/// version it saw; old and new go to the audit chain. The code, city and managing level are fixed (they place the
/// school's data in the tree); a request that changes them is refused with the reason.
/// </summary>
public sealed class EditSchool(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPut("/schools/{code}", async (string code, SchoolInput input, EditSchool edit, GetSchool detail, CancellationToken ct) =>
        {
            await edit.HandleAsync(code, input, ct);
            return TypedResults.Ok(await detail.HandleAsync(code, ct));
        }).RequireAccess(OrganizationAccess.EditSchool)
            .WithSummary("主管部门修改学校信息（名称、类型、举办性质、地址、校长、资助办联系人；须带 version）")
            .Produces<SchoolDetail>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);

    public async Task HandleAsync(string code, SchoolInput input, CancellationToken ct)
    {
        db.Actor.Demand(OrganizationAccess.EditSchool);
        var errors = new Dictionary<string, List<string>>();
        var values = SchoolRules.CheckAttributes(input, errors);
        if (input.ManagedBy is { } m && !Enum.IsDefined(m))
        {
            SchoolRules.Add(errors, "managedBy", "管理层级只能是省管或市管");
        }

        InputGuard.ThrowIfAny(errors);
        var version = TuitionRules.RequireVersion(input.Version);
        var school = await SchoolWrites.SupervisedSchoolAsync(db, schools, code, OrganizationAccess.EditSchool, ct);
        if (input.ManagedBy is { } managedBy && managedBy != school.ManagedBy)
        {
            throw AppException.Invalid("managedBy", "管理层级（省管/市管）在新建学校时确定，其下全部学籍和资助数据随之归属，不能在此修改");
        }

        if (input.CityCode is { Length: > 0 } city && city.Trim() != school.CityCode)
        {
            throw AppException.Invalid("cityCode", "学校所在的市在新建时确定，不能在此修改");
        }

        if (school.Version != version)
        {
            throw AppException.Conflict(VersionPreconditions.StaleMessage);
        }

        if (values.Name != school.Name && await OrganizationReads.AllOrganizations(db)
                .AnyAsync(o => o.Level == OrgLevel.School && o.ProvinceCode == school.ProvinceCode && o.Name == values.Name && o.Id != school.Id, ct))
        {
            throw AppException.Invalid("name", $"本省已有名为「{values.Name}」的学校，学校名称在省内不能重复");
        }

        var old = CreateSchool.Audited(school);
        db.Entry(school).Property(o => o.Version).OriginalValue = version;
        school.EditSchool(values.Name, values.Kind, values.Ownership, values.Address, values.Principal, values.AidOfficeContact, values.AidOfficePhone);
        db.Record(OrganizationAuditActions.SchoolEdited, school.Code, school.ScopePath, old, CreateSchool.Audited(school), clock);
        await SchoolWrites.SaveAsync(db, ct);
    }
}
