using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The class panel's review (members, date, opinion), after the application.</summary>
public sealed class RecordHardshipPanel(TsaDbContext db, HardshipSteps steps, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid id, HardshipPanelInput input, CancellationToken ct)
    {
        var a = await steps.LoadForStepAsync(id, ct);
        a.GuardPanel();
        var (members, on, opinion) = ReadForm(input, clock.Today(), DateOnly.FromDateTime(ChinaTime.ToChina(a.AppliedAtUtc).DateTime));
        a.RecordPanel(string.Join("、", members), on, steps.Seal(opinion), db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(HardshipAuditActions.PanelReviewed, a.Id.ToString(), a.ScopePath, null, new { members, reviewedOn = ChinaTime.Iso(on) }, clock);
        await steps.SaveAsync(ct);
        return a;
    }

    /// <summary>
    /// The panel's form, checked the same way for one student and for a class batch: members, a review date neither after
    /// today nor before <paramref name="appliedOn"/> (the latest application of the batch), an opinion of at most 500 characters.
    /// </summary>
    internal static (List<string> Members, DateOnly On, string? Opinion) ReadForm(HardshipPanelInput input, DateOnly today, DateOnly appliedOn)
    {
        var members = (input.Members ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (members.Count == 0)
        {
            errors["members"] = ["请填写班级认定评议小组成员"];
        }
        else if (members.Any(m => m.Length > 30) || string.Join("、", members).Length > 500)
        {
            errors["members"] = ["评议小组成员姓名过长"];
        }

        if (input.ReviewedOn is not { } on)
        {
            errors["reviewedOn"] = ["请填写评议日期"];
            on = today;
        }
        else if (on > today)
        {
            errors["reviewedOn"] = [$"评议日期 {ChinaTime.Iso(on)} 晚于今天"];
        }
        else if (on < appliedOn)
        {
            errors["reviewedOn"] = ["评议日期不能早于申请日期"];
        }

        var opinion = input.Opinion?.Trim();
        if (opinion is { Length: > 500 })
        {
            errors["opinion"] = ["评议意见不能超过 500 字"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        return (members, on, string.IsNullOrEmpty(opinion) ? null : opinion);
    }

    public static void Map(RouteGroupBuilder g) =>
        HardshipSteps.MapStep<RecordHardshipPanel, HardshipPanelInput>(g, "/{id:guid}/panel-review", "记录班级认定评议小组评议（成员、日期）",
            (h, id, input, ct) => h.HandleAsync(id, input, ct));
}
