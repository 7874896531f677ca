using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>An objection received during publication, once; its answer is due within the policy's working days.</summary>
public sealed class RaiseHardshipObjection(TsaDbContext db, HardshipSteps steps, WorkingDays workingDays, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipObjectionInput input, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        var today = clock.Today();
        var raisedOn = input.RaisedOn ?? today;
        a.GuardObjection(raisedOn, today);
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw AppException.Invalid("text", "请填写异议内容");
        }

        if (text.Length > 1000)
        {
            throw AppException.Invalid("text", "异议内容不能超过 1000 字");
        }

        var policy = await steps.PolicyAsync(a, raisedOn, ct);
        var due = workingDays.AddWorkingDays(raisedOn, policy.ObjectionAnswerWorkingDays);
        a.RaiseObjection(steps.Seal(text)!, raisedOn, due, db.Actor.UserName, today);
        db.Record(HardshipAuditActions.ObjectionRaised, a.Id.ToString(), a.ScopePath, null,
            new { raisedOn = ChinaTime.Iso(raisedOn), dueDate = ChinaTime.Iso(due), workingDays = policy.ObjectionAnswerWorkingDays }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<RaiseHardshipObjection, HardshipObjectionInput>(g, "/{id:guid}/objection", "登记公示期内的异议（答复期限按资助政策的工作日计算）",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
