using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features;

public sealed class NewRoundInput
{
    public string? Name { get; set; }

    public DateOnly? GraduationDate { get; set; }

    /// <summary>Optional: only these candidates. Without it, every active student whose schooling has ended.</summary>
    public List<Guid>? StudentIds { get; set; }
}

/// <summary>GRD-1: the school's records staff open a round; its candidates are the active students whose schooling has ended.</summary>
public sealed class OpenGraduationRound(TsaDbContext db, SchoolDirectory schools, StudentSchooling schooling, GraduationSteps steps, TimeProvider clock)
{
    /// <summary>
    /// The final term ends in summer while 学业期满 (enrolment + schooling years) falls on the anniversary of enrolment,
    /// usually 1 September: a schooling that ends within this many months after the round's date counts as ended.
    /// </summary>
    public const int FinalTermMonths = 3;

    public static DateOnly CandidatesEndingBy(DateOnly graduationDate) => graduationDate.AddMonths(FinalTermMonths);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/schools/{schoolCode}/graduation-rounds", async (string schoolCode, NewRoundInput input, OpenGraduationRound w, GetGraduationRound q, CancellationToken ct) =>
        {
            var round = await w.HandleAsync(schoolCode, input, ct);
            return TypedResults.Created($"/api/v1/graduation-rounds/{round.Id}", await q.HandleAsync(round.Id, ct));
        }).WithTags("毕业").WithSummary("建立毕业批次（候选人：学业期满的在籍学生）").RequireAccess(GraduationAccess.Open)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<GraduationRound> HandleAsync(string schoolCode, NewRoundInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Clerk);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        actor.Demand(GraduationAccess.Open, school.ScopePath);

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["请填写批次名称，例如「2026年夏季毕业」"];
        }
        else if (name.Length > 60)
        {
            errors["name"] = ["批次名称不能超过 60 字"];
        }

        if (input.GraduationDate is not { } date)
        {
            errors["graduationDate"] = ["请填写毕业日期"];
            date = default;
        }
        else if (date.Year < 2000 || date > clock.Today().AddYears(1))
        {
            errors["graduationDate"] = ["毕业日期不在合理范围内（不能早于 2000 年或晚于一年以后）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var candidates = await CandidatesAsync(school.Id, date, ct);
        if (input.StudentIds is { Count: > 0 } chosen)
        {
            var known = candidates.ToDictionary(c => c.Id);
            var problems = new List<string>();
            var others = await schooling.GetManyAsync(chosen.Where(id => !known.ContainsKey(id)).Distinct().ToList(), ct);
            foreach (var id in chosen.Distinct().Where(id => !known.ContainsKey(id)))
            {
                var s = others.FirstOrDefault(o => o.Id == id);
                problems.Add(s switch
                {
                    null => "所选学生不存在或不在您的管理范围内",
                    _ when s.SchoolId != school.Id => $"{s.Name} 不是本校学生",
                    _ when s.Status != EnrolmentStatus.Active => $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生，不能列为毕业候选人",
                    _ when s.SchoolingEndsOn > CandidatesEndingBy(date) => $"{s.Name} 学业期满日期为 {ChinaTime.Iso(s.SchoolingEndsOn)}，尚未学业期满",
                    _ => $"{s.Name} 已在其他未办结的毕业批次中",
                });
            }

            if (problems.Count > 0)
            {
                throw AppException.Invalid("studentIds", string.Join("；", problems));
            }

            candidates = candidates.Where(c => chosen.Contains(c.Id)).ToList();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var profile = await db.SchoolProfileAsync(school.Code, ct) ?? throw AppException.NotFound("学校");
        var round = new GraduationRound(Guid.CreateVersion7(), school.Id, school.Code, school.Name, profile.KindCode, school.ScopePath, name!, date, actor.UserName, now);
        db.Add(round);
        foreach (var c in candidates)
        {
            db.Add(new GraduationEntry(Guid.CreateVersion7(), round.Id, round.ScopePath, c.Id, c.Name, c.IdNumberMasked, c.StatusNumber, c.Major, c.LevelText, c.SchoolingEndsOn));
        }

        db.Record(GraduationAuditActions.RoundOpened, round.Id.ToString(), round.ScopePath, null,
            new { name, graduationDate = ChinaTime.Iso(date), candidates = candidates.Count }, clock);
        await steps.SaveAsync(ct);
        return round;
    }

    /// <summary>Active students of the school whose schooling has ended by the date, and who are in no other open round.</summary>
    public async Task<List<SchoolingInfo>> CandidatesAsync(int schoolId, DateOnly graduationDate, CancellationToken ct)
    {
        var ending = await schooling.ActiveEndingByAsync(schoolId, CandidatesEndingBy(graduationDate), ct);
        var busy = await (from e in db.Set<GraduationEntry>()
                          join r in db.Set<GraduationRound>() on e.RoundId equals r.Id
                          where r.SchoolId == schoolId && r.State != GraduationRoundState.Approved
                          select e.StudentId).ToListAsync(ct);
        return ending.Where(s => !busy.Contains(s.Id)).ToList();
    }
}
