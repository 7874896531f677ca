using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The publication (公示) of the selected students' decisions of one class at once (issue 13 item 12), one period checked
/// against the policy's working days; each student's publication audited as if done one by one; one refusal refuses all.
/// </summary>
public sealed class PublishClassHardship(TsaDbContext db, HardshipSteps steps, HardshipClassBatch batch, WorkingDays workingDays, TimeProvider clock)
{
    public const string Step = "公示";

    public async Task<HardshipBatchResult> HandleAsync(HardshipClassPublicationInput input, CancellationToken ct)
    {
        var students = await batch.LoadAsync(input, ct);
        HardshipClassBatch.RequireAll(students, a => a.GuardPublish(), Step);
        var (from, to, days, required) = await PublishHardship.CheckPeriodAsync(
            steps, workingDays, students[0], new HardshipPublicationInput { From = input.From, To = input.To }, clock.Today(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in students)
        {
            a.Publish(from, to, db.Actor.UserName, now);
            db.Record(HardshipAuditActions.Published, a.Id.ToString(), a.ScopePath, null,
                new { from = ChinaTime.Iso(from), to = ChinaTime.Iso(to), workingDays = days, required, classBatch = a.ClassName }, clock);
        }

        await steps.SaveAsync(ct);
        return HardshipClassBatch.Result(input.ClassName!.Trim(), Step, students);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/classes/publication", (HardshipClassPublicationInput input, PublishClassHardship h, CancellationToken ct) => h.HandleAsync(input, ct))
            .WithSummary("按班级批量公示认定结果（同一公示期，不少于资助政策规定的工作日；所选学生须均为“学校已认定”；任一学生不符则全部不办理）")
            .Produces<HardshipBatchResult>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .RequireAccess(HardshipAccess.Manage);
}
