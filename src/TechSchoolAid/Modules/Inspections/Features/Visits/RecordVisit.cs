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

public sealed class VisitInput
{
    public Guid? PlanId { get; set; }

    public string? SchoolCode { get; set; }

    public DateOnly? VisitedOn { get; set; }

    /// <summary>The inspectors' names ("张三、李四").</summary>
    public string? Inspectors { get; set; }

    public string? Summary { get; set; }

    /// <summary>Findings recorded with the visit (more can be added later).</summary>
    public List<FindingInput>? Findings { get; set; }
}

/// <summary>
/// A planned visit to a school (INS-1), with its findings: only for a school IN the province's confirmed plan of that
/// year (else 400 naming the school, nothing written); findings needing rectification create tasks due in working days.
/// </summary>
public sealed class RecordVisit(TsaDbContext db, SchoolDirectory schools, FindingWriter findings, VisitViews views, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/visits", async (VisitInput input, RecordVisit record, CancellationToken ct) =>
            {
                var visit = await record.HandleAsync(input, ct);
                return TypedResults.Created($"/api/v1/inspections/visits/{visit.Id}", visit);
            })
            .RequireAccess(InspectionAccess.RecordVisit)
            .WithSummary("登记计划内检查及检查发现（学校须在已确认的年度检查计划中；需整改的发现生成整改任务）")
            .Produces<VisitView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<VisitView> HandleAsync(VisitInput input, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.RecordVisit);
        var errors = new Dictionary<string, string[]>();
        if (input.PlanId is null)
        {
            errors["planId"] = ["请选择检查计划"];
        }

        if (string.IsNullOrWhiteSpace(input.SchoolCode))
        {
            errors["schoolCode"] = ["请填写被检查学校代码"];
        }

        VisitChecks.Common(input.VisitedOn, input.Inspectors, input.Summary, support.Today, errors);
        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var plan = await db.Set<InspectionPlan>().AsNoTracking().Include(p => p.Entries).FirstOrDefaultAsync(p => p.Id == input.PlanId, ct)
            ?? throw AppException.NotFound("检查计划");
        var code = input.SchoolCode!.Trim();
        var school = await schools.ForWriteAsync(code, ct);
        db.Actor.Demand(InspectionAccess.RecordVisit, school.ScopePath);
        if (plan.State != PlanState.Confirmed)
        {
            throw AppException.Invalid("planId", $"{plan.Year}年检查计划尚未确认，确认后才能登记检查");
        }

        if (plan.Entries.All(e => e.SchoolCode != school.Code))
        {
            throw AppException.Invalid("schoolCode", $"学校{school.Name}（{school.Code}）不在{plan.Year}年检查计划中，不能登记检查发现；如需检查，请先由省级调整计划");
        }

        if (input.VisitedOn!.Value.Year != plan.Year)
        {
            throw AppException.Invalid("visitedOn", $"检查日期应在计划年度（{plan.Year}年）内");
        }

        var list = input.Findings ?? [];
        await findings.ValidateAsync(list, "findings", ct);
        var visit = new InspectionVisit(Guid.CreateVersion7(), VisitKind.Planned, plan.Id, plan.Year, plan.ProvinceCode, school.Id, school.Code, school.Name, true,
            school.ScopePath, input.VisitedOn.Value, input.Inspectors!, VisitChecks.Clean(input.Summary), db.Actor.UserName, support.NowUtc);
        db.Add(visit);
        db.Record(InspectionAuditActions.VisitRecorded, visit.Id.ToString(), visit.ScopePath, null,
            new { planId = plan.Id, schoolCode = school.Code, visit.VisitedOn, visit.Inspectors }, clock);
        await findings.AddAsync(visit, list, ct);
        await support.SaveAsync("检查记录已被他人修改，请刷新后重试", ct);
        return await views.ViewAsync(visit.Id, ct);
    }
}

/// <summary>The checks a planned visit and a spot check share.</summary>
internal static class VisitChecks
{
    public static void Common(DateOnly? visitedOn, string? inspectors, string? summary, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (visitedOn is not { } d)
        {
            errors["visitedOn"] = ["请填写检查日期"];
        }
        else if (d > today)
        {
            errors["visitedOn"] = ["检查日期不能晚于今天"];
        }
        else if (d < today.AddYears(-3))
        {
            errors["visitedOn"] = ["检查日期不能早于三年前"];
        }

        if (string.IsNullOrWhiteSpace(inspectors))
        {
            errors["inspectors"] = ["请填写检查人员"];
        }
        else if (inspectors.Trim().Length > InspectionVisit.MaxInspectorsLength)
        {
            errors["inspectors"] = [$"检查人员不能超过 {InspectionVisit.MaxInspectorsLength} 个字符"];
        }

        if ((summary ?? "").Trim().Length > InspectionVisit.MaxSummaryLength)
        {
            errors["summary"] = [$"检查情况概述不能超过 {InspectionVisit.MaxSummaryLength} 个字符"];
        }
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
