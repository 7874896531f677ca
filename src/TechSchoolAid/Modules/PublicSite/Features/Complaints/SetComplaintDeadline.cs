using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

public sealed class ComplaintDeadlineInput
{
    public ComplaintKind? Kind { get; set; }

    public int? AnswerWorkingDays { get; set; }

    /// <summary>From when it applies (today or later: filed complaints keep the deadline they were given).</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>The document the number comes from.</summary>
    public string? Source { get; set; }
}

/// <summary>The ministry sets a new answer deadline for a kind, from a day on, with its source (dated policy data, audited).</summary>
public sealed class SetComplaintDeadline(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/", async (ComplaintDeadlineInput input, SetComplaintDeadline w, CancellationToken ct) =>
        {
            var d = await w.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/complaint-deadlines/{d.Id}",
                new ComplaintDeadlineView(d.Id, d.Kind, d.Kind.ToChinese(), d.AnswerWorkingDays, d.ValidFrom, d.Source, d.RecordedBy));
        }).WithSummary("设定咨询投诉答复时限（工作日，自某日起生效，须注明依据）").RequireAccess(ComplaintAccess.SetDeadlines)
            .Produces<ComplaintDeadlineView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<ComplaintDeadline> HandleAsync(ComplaintDeadlineInput input, CancellationToken ct)
    {
        db.Actor.Demand(ComplaintAccess.SetDeadlines, "/");
        var today = clock.Today();
        var errors = new Dictionary<string, List<string>>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["请选择类别（咨询或投诉）"];
        }

        if (input.AnswerWorkingDays is not (>= 1 and <= ComplaintDeadline.MaxWorkingDays))
        {
            errors["answerWorkingDays"] = [$"答复时限应为 1 至 {ComplaintDeadline.MaxWorkingDays} 个工作日"];
        }

        if (input.ValidFrom is not { } from)
        {
            errors["validFrom"] = ["请填写生效日期"];
        }
        else if (from < today)
        {
            errors["validFrom"] = ["生效日期不能早于今天（已受理的咨询投诉保留受理时的答复期限）"];
        }
        else if (from > today.AddYears(5))
        {
            errors["validFrom"] = ["生效日期不能晚于五年之后"];
        }

        var source = (input.Source ?? "").Trim();
        if (source.Length == 0)
        {
            errors["source"] = ["请注明依据（文件名称和条款）"];
        }
        else if (source.Length > 500)
        {
            errors["source"] = ["依据不能超过 500 字"];
        }

        InputGuard.ThrowIfAny(errors);
        var row = new ComplaintDeadline(Guid.CreateVersion7(), input.Kind!.Value, input.AnswerWorkingDays!.Value, input.ValidFrom!.Value, source, db.Actor.UserName,
            clock.GetUtcNow().UtcDateTime);
        if (await db.Set<ComplaintDeadline>().AnyAsync(d => d.Kind == row.Kind && d.ValidFrom == row.ValidFrom, ct))
        {
            throw AppException.Conflict($"{row.Kind.ToChinese()}自 {ChinaTime.Iso(row.ValidFrom)} 起的答复时限已设定，请选择其他生效日期");
        }

        db.Add(row);
        db.Record(PublicSiteAuditActions.DeadlineSet, row.Id.ToString(), "/", null,
            new { kind = row.Kind, workingDays = row.AnswerWorkingDays, validFrom = ChinaTime.Iso(row.ValidFrom), source }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_public_complaint_deadlines_kind_from", "Kind", "ValidFrom"))
        {
            throw AppException.Conflict($"{row.Kind.ToChinese()}自 {ChinaTime.Iso(row.ValidFrom)} 起的答复时限已设定，请选择其他生效日期");
        }

        return row;
    }
}
