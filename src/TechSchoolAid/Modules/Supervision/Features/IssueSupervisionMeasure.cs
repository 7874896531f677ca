using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed class MeasureInput
{
    public MeasureKind? Kind { get; set; }

    public string? Reason { get; set; }

    /// <summary>The evidence in words (what was found, where, when); files can be attached after issuing.</summary>
    public string? EvidenceText { get; set; }

    /// <summary>Set when the school must rectify, by this date.</summary>
    public DateOnly? RectificationDueOn { get; set; }
}

/// <summary>STA-4: a measure is issued by the school's direct supervising authority (403 for anyone else, even above it). Audited.</summary>
public sealed class IssueSupervisionMeasure(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/schools/{schoolCode}/supervision-measures", async (string schoolCode, MeasureInput input, IssueSupervisionMeasure w, SupervisionMeasureQueries q, CancellationToken ct) =>
        {
            var measure = await w.HandleAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/supervision-measures/{measure.Id}", await q.DetailAsync(measure.Id, ct));
        }).WithTags("监管措施").WithSummary("对学校采取约谈、警告或通报（学校的直接主管部门）").RequireAccess(SupervisionAccess.IssueMeasure).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<SupervisionMeasure> HandleAsync(string schoolCode, MeasureInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.IssueMeasureRole);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        if (!actor.May(SupervisionAccess.IssueMeasure, school.ScopePath))
        {
            throw AppException.Forbidden($"{school.Name} 的监管措施应由其直接主管部门（{SupervisionAccess.SupervisorLevelText(school.ScopePath)}人社部门）采取");
        }

        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["请选择措施类型：约谈、警告或通报"];
            kind = default;
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors["reason"] = ["请填写采取措施的原因"];
        }
        else if (reason.Length > 1000)
        {
            errors["reason"] = ["原因不能超过 1000 字"];
        }

        var evidence = input.EvidenceText?.Trim();
        if (string.IsNullOrEmpty(evidence))
        {
            errors["evidenceText"] = ["请填写证据（核查发现的事实、时间、涉及学生等）；证据文件可在签发后上传"];
        }
        else if (evidence.Length > 2000)
        {
            errors["evidenceText"] = ["证据说明不能超过 2000 字"];
        }

        if (input.RectificationDueOn is { } due && due <= today)
        {
            errors["rectificationDueOn"] = [$"整改期限应晚于今天（{ChinaTime.Iso(today)}）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var measure = new SupervisionMeasure(Guid.CreateVersion7(), kind, school.Id, school.Code, school.Name, school.ScopePath, actor.OrganizationCode,
            reason!, evidence, today, input.RectificationDueOn, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(measure);
        db.Record(SupervisionAuditActions.MeasureIssued, measure.Id.ToString(), measure.ScopePath, null,
            new { kind, school = school.Code, reason, evidence, rectificationDueOn = input.RectificationDueOn is { } d ? ChinaTime.Iso(d) : null }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }
}
