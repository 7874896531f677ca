using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The school's answer to the open objection (late if after its due date).</summary>
public sealed class AnswerHardshipObjection(TsaDbContext db, HardshipSteps steps, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipAnswerInput input, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        a.GuardAnswer();
        var answer = input.Answer?.Trim();
        if (string.IsNullOrEmpty(answer))
        {
            throw AppException.Invalid("answer", "请填写答复内容");
        }

        if (answer.Length > 1000)
        {
            throw AppException.Invalid("answer", "答复内容不能超过 1000 字");
        }

        a.AnswerObjection(answer, db.Actor.UserName, clock.GetUtcNow().UtcDateTime, clock.Today());
        db.Record(HardshipAuditActions.ObjectionAnswered, a.Id.ToString(), a.ScopePath, null,
            new { dueDate = a.ObjectionDueDate is { } d ? ChinaTime.Iso(d) : null, late = a.ObjectionAnsweredLate }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<AnswerHardshipObjection, HardshipAnswerInput>(g, "/{id:guid}/objection-answer", "答复异议",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
