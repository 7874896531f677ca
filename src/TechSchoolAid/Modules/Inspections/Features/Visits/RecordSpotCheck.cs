using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Visits;

public sealed class SpotCheckInput
{
    /// <summary>The school checked; or leave empty and give <see cref="ProvinceCode"/> for a check of a province.</summary>
    public string? SchoolCode { get; set; }

    public string? ProvinceCode { get; set; }

    public DateOnly? VisitedOn { get; set; }

    public string? Inspectors { get; set; }

    public string? Summary { get; set; }

    public List<FindingInput>? Findings { get; set; }
}

/// <summary>The ministry's spot check (抽查) of a province or a school, with its own findings (INS-1, the notice 三(二)「我部将进行重点抽查」).</summary>
public sealed class RecordSpotCheck(TsaDbContext db, SchoolDirectory schools, FindingWriter findings, VisitViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/spot-checks", async (SpotCheckInput input, RecordSpotCheck record, CancellationToken ct) =>
            {
                var visit = await record.HandleAsync(input, ct);
                return TypedResults.Created($"/api/v1/inspections/visits/{visit.Id}", visit);
            })
            .RequireAccess(InspectionAccess.SpotCheck)
            .WithSummary("人社部登记对省份或学校的抽查及其检查发现")
            .Produces<VisitView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<VisitView> HandleAsync(SpotCheckInput input, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.SpotCheck);
        var errors = new Dictionary<string, string[]>();
        var hasSchool = !string.IsNullOrWhiteSpace(input.SchoolCode);
        var hasProvince = !string.IsNullOrWhiteSpace(input.ProvinceCode);
        if (hasSchool == hasProvince)
        {
            errors["schoolCode"] = ["请填写被抽查的学校代码或省份代码（二选一）"];
        }

        VisitChecks.Common(input.VisitedOn, input.Inspectors, input.Summary, support.Today, errors);
        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var list = input.Findings ?? [];
        await findings.ValidateAsync(list, "findings", ct);
        InspectionVisit visit;
        var year = input.VisitedOn!.Value.Year;
        if (hasSchool)
        {
            var school = await schools.ForWriteAsync(input.SchoolCode!.Trim(), ct);
            db.Actor.Demand(InspectionAccess.SpotCheck, school.ScopePath);
            visit = new InspectionVisit(Guid.CreateVersion7(), VisitKind.SpotCheck, null, year, school.ProvinceCode ?? "", school.Id, school.Code, school.Name, true,
                school.ScopePath, input.VisitedOn.Value, input.Inspectors!, VisitChecks.Clean(input.Summary), db.Actor.UserName, support.NowUtc);
        }
        else
        {
            var code = input.ProvinceCode!.Trim();
            var province = await db.AllOrganizations().Where(o => o.Code == code && o.Level == OrgLevel.Province).Select(o => new { o.Id, o.Code, o.Name, o.ScopePath }).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("provinceCode", $"省份代码 {(code.Length > 12 ? code[..12] + "…" : code)} 不存在");
            db.Actor.Demand(InspectionAccess.SpotCheck, province.ScopePath);
            if (list.Any(f => f.NeedsRectification))
            {
                throw AppException.Invalid("findings", "整改任务下达给学校：对省级的抽查发现请在文字中写明整改意见");
            }

            visit = new InspectionVisit(Guid.CreateVersion7(), VisitKind.SpotCheck, null, year, province.Code, province.Id, province.Code, province.Name, false,
                province.ScopePath, input.VisitedOn.Value, input.Inspectors!, VisitChecks.Clean(input.Summary), db.Actor.UserName, support.NowUtc);
        }

        db.Add(visit);
        db.Record(InspectionAuditActions.SpotCheckRecorded, visit.Id.ToString(), visit.ScopePath, null,
            new { target = visit.TargetCode, visit.TargetIsSchool, visit.VisitedOn, visit.Inspectors }, clock);
        await findings.AddAsync(visit, list, ct);
        await support.SaveAsync("抽查记录已被他人修改，请刷新后重试", ct);
        return await views.ViewAsync(visit.Id, ct);
    }
}
