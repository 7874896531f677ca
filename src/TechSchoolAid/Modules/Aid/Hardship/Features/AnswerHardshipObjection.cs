using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The school's answer to the open objection (late if after its due date); an upheld objection (异议成立) stops the level
/// counting for aid until the school decides again (教财〔2018〕16号 四（五）).
/// </summary>
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

        var upheld = input.Upheld == true;
        a.AnswerObjection(steps.Seal(answer)!, upheld, db.Actor.UserName, clock.GetUtcNow().UtcDateTime, clock.Today());
        db.Record(HardshipAuditActions.ObjectionAnswered, a.Id.ToString(), a.ScopePath, null,
            new { dueDate = a.ObjectionDueDate is { } d ? ChinaTime.Iso(d) : null, late = a.ObjectionAnsweredLate, upheld }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<AnswerHardshipObjection, HardshipAnswerInput>(g, "/{id:guid}/objection-answer", "答复异议（upheld=true 表示异议成立：认定等级暂不计入资助，须重新认定并重新公示）",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
