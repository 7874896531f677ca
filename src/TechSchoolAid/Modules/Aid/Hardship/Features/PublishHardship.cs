using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>Publication of the decision for at least the policy's working days.</summary>
public sealed class PublishHardship(TsaDbContext db, HardshipSteps steps, WorkingDays workingDays, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipPublicationInput input, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        a.GuardPublish();
        var (from, to, days, required) = await CheckPeriodAsync(steps, workingDays, a, input, clock.Today(), ct);
        a.Publish(from, to, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(HardshipAuditActions.Published, a.Id.ToString(), a.ScopePath, null,
            new { from = ChinaTime.Iso(from), to = ChinaTime.Iso(to), workingDays = days, required }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    /// <summary>
    /// The publication period, checked the same way for one student and for a class batch: from today on, and at least the
    /// policy's working days of the school of <paramref name="a"/> (教财〔2018〕16号 四（五）).
    /// </summary>
    internal static async Task<(DateOnly From, DateOnly To, int Days, int Required)> CheckPeriodAsync(
        HardshipSteps steps, WorkingDays workingDays, HardshipAssessment a, HardshipPublicationInput input, DateOnly today, CancellationToken ct)
    {
        if (input.From is not { } from || input.To is not { } to)
        {
            throw AppException.Invalid("from", "请填写公示起止日期");
        }

        if (from < today)
        {
            throw AppException.Invalid("from", "公示开始日期不能早于今天");
        }

        if (to < from)
        {
            throw AppException.Invalid("to", "公示结束日期不能早于开始日期");
        }

        var policy = await steps.PolicyAsync(a, from, ct);
        var days = workingDays.CountInclusive(from, to);
        if (days < policy.PublicationWorkingDays)
        {
            throw AppException.Invalid("to",
                $"公示期只有 {days} 个工作日，少于资助政策规定的 {policy.PublicationWorkingDays} 个工作日（最早可于 {ChinaTime.Iso(workingDays.PeriodEnd(from, policy.PublicationWorkingDays))} 结束）");
        }

        return (from, to, days, policy.PublicationWorkingDays);
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<PublishHardship, HardshipPublicationInput>(g, "/{id:guid}/publication", "公示（不少于资助政策规定的工作日）",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
