using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The school's decision (特别困难、困难、一般困难 or 不认定), after the class panel; again after an upheld objection (then published again).</summary>
public sealed class DecideHardship(TsaDbContext db, HardshipSteps steps, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipDecisionInput input, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        a.GuardDecide();
        if (input.Level is not { } level || !Enum.IsDefined(level))
        {
            throw AppException.Invalid("level", "请选择认定等级（特别困难、困难、一般困难或不认定）");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "认定说明不能超过 500 字");
        }

        var redecision = a.IsRedecision;
        var old = redecision
            ? new { level = a.Level, publishedFrom = a.PublishedFrom, publishedTo = a.PublishedTo, objectionRaisedOn = a.ObjectionRaisedOn, objectionAnsweredBy = a.ObjectionAnsweredBy }
            : null;
        a.Decide(level, string.IsNullOrEmpty(note) ? null : steps.Seal(note), db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(redecision ? HardshipAuditActions.Redecided : HardshipAuditActions.Decided, a.Id.ToString(), a.ScopePath, old, new { level }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<DecideHardship, HardshipDecisionInput>(g, "/{id:guid}/decision", "学校认定（特别困难、困难、一般困难或不认定；须先经班级评议；异议成立后重新认定）",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
