using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Trainings;

public sealed record TrainingInput(string? Title, TrainingKind? Kind, DateOnly? StartsOn, DateOnly? EndsOn, int? Hours, string? Place);

public sealed record TrainingRow(Guid Id, string Title, TrainingKind Kind, string KindText, DateOnly StartsOn, DateOnly EndsOn, int Hours, string Place,
    int Attendees, int Version);

/// <summary>
/// INS-2: a province records a training it ran for the schools' aid staff: title, kind, first and last day (the last
/// not before the first, at most a year ahead), hours (1–200) and place. Attendance is recorded separately. Audited.
/// </summary>
public sealed class CreateTraining(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/trainings", async (TrainingInput input, CreateTraining f, CancellationToken ct) =>
            {
                var row = await f.HandleAsync(input, ct);
                return TypedResults.Created($"/api/v1/standards/trainings/{row.Id}", row);
            }).RequireAccess(StandardsAccess.ManageTrainings)
            .WithSummary("省级登记举办的资助工作培训（名称、类别、起止日期、学时、地点）")
            .Produces<TrainingRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<TrainingRow> HandleAsync(TrainingInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StandardsAccess.ManageTrainings, actor.ScopePath);
        var title = StandardsSteps.Required(input.Title, "title", "培训名称", 100);
        var kind = StandardsSteps.Enum(input.Kind, "kind", "培训类别");
        var starts = StandardsSteps.Date(input.StartsOn, "startsOn", "开始日期");
        var ends = StandardsSteps.Date(input.EndsOn, "endsOn", "结束日期");
        if (ends < starts)
        {
            throw AppException.Invalid("endsOn", "结束日期不能早于开始日期");
        }

        var today = clock.Today();
        if (starts > today.AddYears(1))
        {
            throw AppException.Invalid("startsOn", "开始日期不能晚于一年以后");
        }

        if (input.Hours is not { } hours || hours < 1 || hours > Staff.RecordExternalTraining.MaxHours)
        {
            throw AppException.Invalid("hours", $"学时须为 1 至 {Staff.RecordExternalTraining.MaxHours} 之间的整数");
        }

        var place = StandardsSteps.Required(input.Place, "place", "培训地点", 100);
        var province = await db.Organizations().Where(o => o.ScopePath == actor.ScopePath).Select(o => o.Id).FirstAsync(ct);
        var training = new Training(Guid.CreateVersion7(), province, actor.ScopePath, title, kind, starts, ends, hours, place, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(training);
        db.Record(StandardsAuditActions.TrainingCreated, training.Id.ToString(), actor.ScopePath, null,
            new { title, kind, startsOn = ChinaTime.Iso(starts), endsOn = ChinaTime.Iso(ends), hours, place }, clock);
        await steps.SaveAsync(ct);
        return new TrainingRow(training.Id, title, kind, kind.ToChinese(), starts, ends, hours, place, 0, training.Version);
    }
}
