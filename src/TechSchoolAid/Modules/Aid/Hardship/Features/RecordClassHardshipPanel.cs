using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The class panel's review (评议小组评议) for the selected students of one class at once (issue 13 item 12): one panel,
/// one date, one opinion; each student's step audited as if recorded one by one; one refused student refuses the batch.
/// </summary>
public sealed class RecordClassHardshipPanel(TsaDbContext db, HardshipSteps steps, HardshipClassBatch batch, TimeProvider clock)
{
    public const string Step = "记录班级评议";

    public async Task<HardshipBatchResult> HandleAsync(HardshipClassPanelInput input, CancellationToken ct)
    {
        var students = await batch.LoadAsync(input, ct);
        HardshipClassBatch.RequireAll(students, a => a.GuardPanel(), Step);
        var latestApplication = students.Max(a => DateOnly.FromDateTime(ChinaTime.ToChina(a.AppliedAtUtc).DateTime));
        var (members, on, opinion) = RecordHardshipPanel.ReadForm(
            new HardshipPanelInput { Members = input.Members, ReviewedOn = input.ReviewedOn, Opinion = input.Opinion }, clock.Today(), latestApplication);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in students)
        {
            a.RecordPanel(string.Join("、", members), on, steps.Seal(opinion), db.Actor.UserName, now);
            db.Record(HardshipAuditActions.PanelReviewed, a.Id.ToString(), a.ScopePath, null,
                new { members, reviewedOn = ChinaTime.Iso(on), classBatch = a.ClassName }, clock);
        }

        await steps.SaveAsync(ct);
        return HardshipClassBatch.Result(input.ClassName!.Trim(), Step, students);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/classes/panel-review", (HardshipClassPanelInput input, RecordClassHardshipPanel h, CancellationToken ct) => h.HandleAsync(input, ct))
            .WithSummary("按班级批量记录评议小组评议（所选学生须均为“已申请”；任一学生不符则全部不办理并列出原因）")
            .Produces<HardshipBatchResult>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .RequireAccess(HardshipAccess.Manage);
}
