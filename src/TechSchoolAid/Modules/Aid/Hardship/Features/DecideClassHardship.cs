using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The school's decision (认定) for the selected students of one class at once (issue 13 item 12), each with its own
/// level; each student's decision audited as if taken one by one; one refused student refuses the batch.
/// </summary>
public sealed class DecideClassHardship(TsaDbContext db, HardshipSteps steps, HardshipClassBatch batch, TimeProvider clock)
{
    public const string Step = "作出学校认定";

    public async Task<HardshipBatchResult> HandleAsync(HardshipClassDecisionInput input, CancellationToken ct)
    {
        var students = await batch.LoadAsync(input, ct);
        HardshipClassBatch.RequireAll(students, a => a.GuardDecide(), Step);
        var levels = input.Students!.ToDictionary(s => s.Id!.Value, s => s.Level);
        var missing = students.Where(a => levels[a.Id] is not { } l || !Enum.IsDefined(l)).Select(a => a.StudentName).ToList();
        if (missing.Count > 0)
        {
            throw AppException.Invalid("students", $"请为以下学生选择认定等级（特别困难、困难、一般困难或不认定）：{string.Join("、", missing)}");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "认定说明不能超过 500 字");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in students)
        {
            var level = levels[a.Id]!.Value;
            var redecision = a.IsRedecision;
            var old = redecision
                ? new { level = a.Level, publishedFrom = a.PublishedFrom, publishedTo = a.PublishedTo, objectionRaisedOn = a.ObjectionRaisedOn, objectionAnsweredBy = a.ObjectionAnsweredBy }
                : null;
            a.Decide(level, string.IsNullOrEmpty(note) ? null : steps.Seal(note), db.Actor.UserName, now);
            db.Record(redecision ? HardshipAuditActions.Redecided : HardshipAuditActions.Decided, a.Id.ToString(), a.ScopePath, old,
                new { level, classBatch = a.ClassName }, clock);
        }

        await steps.SaveAsync(ct);
        return HardshipClassBatch.Result(input.ClassName!.Trim(), Step, students);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/classes/decision", (HardshipClassDecisionInput input, DecideClassHardship h, CancellationToken ct) => h.HandleAsync(input, ct))
            .WithSummary("按班级批量作出学校认定（每名学生一个等级；所选学生须均已经班级评议；任一学生不符则全部不办理并列出原因）")
            .Produces<HardshipBatchResult>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .RequireAccess(HardshipAccess.Manage);
}
