using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>Everything optional so the handler, not the JSON binder, says in Chinese what is missing.</summary>
public sealed class AidRoundCreateInput
{
    /// <summary>The school; the caller's own school when omitted.</summary>
    public string? SchoolCode { get; set; }

    /// <summary>The school year by its first calendar year (2026 = 2026-2027).</summary>
    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public AidItem? Item { get; set; }
}

/// <summary>
/// The school builds its proposed list for one item and term (AID-5): every student eligible today, the grant tier
/// suggested by the hardship level, except persons already approved for the item and term at another school.
/// </summary>
public sealed class CreateAidRound(TsaDbContext db, AidRoundSteps steps, AidEligibilityRules rules, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapPost("/", async (AidRoundCreateInput input, CreateAidRound create, GetAidRound detail, CancellationToken ct) =>
        {
            var r = await create.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-rounds/{r.Id}", await detail.HandleAsync(r.Id, ct));
        }).RequireAccess(AidRoundAccess.Manage)
            .WithSummary("学校拟定某学期国家助学金或免学费名单（自动列入当日符合条件的学生，助学金档次按困难等级建议）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AidRound> HandleAsync(AidRoundCreateInput input, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Manage);
        var errors = new Dictionary<string, string[]>();
        if (input.SchoolYear is not { } year || year < 2000 || year > 2100)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
        }

        if (input.Semester is not { } semester || !Enum.IsDefined(semester))
        {
            errors["semester"] = ["请选择学期（春季或秋季）"];
        }

        if (input.Item is not { } item || !Enum.IsDefined(item))
        {
            errors["item"] = ["请选择资助项目（国家助学金或免学费）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var term = new AidTerm(input.SchoolYear!.Value, input.Semester!.Value);
        var today = clock.Today();
        if (term.StartsOn > today.AddMonths(1))
        {
            throw AppException.Invalid("schoolYear", $"{term}尚未开始（{ChinaTime.Iso(term.StartsOn)} 开学），不能提前拟定名单");
        }

        if (term.EndsOn < today)
        {
            throw AppException.Invalid("schoolYear", $"{term}已于 {ChinaTime.Iso(term.EndsOn)} 结束，不能再拟定名单");
        }

        var school = await schools.ForWriteAsync(input.SchoolCode is { Length: > 0 } code ? code : db.Actor.OrganizationCode, ct);
        db.Actor.Demand(AidRoundAccess.Manage, school.ScopePath);
        if (await db.Set<AidRound>().AnyAsync(r => r.SchoolId == school.Id && r.SchoolYear == term.SchoolYear && r.Semester == term.Semester && r.Item == input.Item, ct))
        {
            throw AppException.Conflict($"本校{term}{AidTerm.ItemText(input.Item!.Value)}名单已建立，请在原名单上修改");
        }

        var (policy, answers) = await rules.ForSchoolAsync(school.Id, term, term.Clamp(today), ct);
        if (policy is null)
        {
            throw AppException.Conflict($"{term}没有资助政策（本省与国家默认标准均未覆盖 {ChinaTime.Iso(term.StartsOn)}），不能拟定名单");
        }

        var itemValue = input.Item!.Value;
        var eligible = answers.Where(a => AidRoundSteps.Of(a.Answer, itemValue).Eligible).ToList();
        var approvedElsewhere = await steps.ApprovedElsewhereAsync(eligible.Select(a => a.Student.PersonKey).ToList(), itemValue, term, school.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var schoolName = (await schools.NamesAsync([school.Id], ct)).GetValueOrDefault(school.Id, school.Code);
        var round = new AidRound(Guid.CreateVersion7(), school.Id, school.Code, schoolName, school.ScopePath, term, itemValue, policy.PolicyId,
            policy.ApprovalDeadline(term.CalendarYear, term.Semester), eligible.Count, db.Actor.UserName, now);
        var entries = eligible.Where(a => !approvedElsewhere.ContainsKey(a.Student.PersonKey)).Select(a =>
        {
            var e = AidRoundSteps.Of(a.Answer, itemValue);
            return new AidEntry(Guid.CreateVersion7(), round, a.Student.Id, a.Student.PersonKey, a.Student.Name, a.Student.ClassName, a.Student.IdNumberMasked,
                a.Answer.Grade, e.YearAmountFen!.Value, e.Basis, db.Actor.UserName, now);
        }).ToList();

        // The list, its lines and the audit event in one transaction; the lines go in as one batch (COPY on PostgreSQL).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(round);
        db.Record(AidRoundAuditActions.RoundCreated, round.Id.ToString(), round.ScopePath, null, new
        {
            school = school.Code, term = term.ToString(), item = itemValue, students = entries.Count, eligible = eligible.Count,
            approvedAtOtherSchools = approvedElsewhere.Count, deadline = ChinaTime.Iso(round.ApprovalDeadline),
        }, clock);
        await steps.SaveAsync(ct);
        await db.InsertManyAsync(entries, ct);
        await tx.CommitAsync(ct);
        return round;
    }
}
