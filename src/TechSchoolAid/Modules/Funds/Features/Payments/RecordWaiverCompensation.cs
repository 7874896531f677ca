using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

public sealed class CompensationInput
{
    public string? SchoolCode { get; set; }

    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    /// <summary>The day the supervisor paid the school.</summary>
    public DateOnly? PaidOn { get; set; }
}

/// <summary>
/// The school's direct supervisor records the tuition-waiver compensation it paid the school for a term (免学费补助资金):
/// the approved waiver lines of the term × their amount, computed here, never typed. One per school and term.
/// </summary>
public sealed class RecordWaiverCompensation(TsaDbContext db, SchoolDirectory schools, IPayableAidLines aidLines, FundsYearGuard years, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/waiver-compensations", async (CompensationInput input, RecordWaiverCompensation record, CancellationToken ct) =>
            TypedResults.Created("/api/v1/funds/waiver-compensations", await record.HandleAsync(input, ct)))
            .RequireAccess(FundsAccess.RecordCompensation)
            .WithSummary("主管部门登记向学校拨付的某学期免学费补助资金（金额按审核通过的免学费名单计算）")
            .Produces<WaiverCompensationRow>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<WaiverCompensationRow> HandleAsync(CompensationInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.RecordCompensation);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.SchoolCode))
        {
            errors["schoolCode"] = ["请填写学校代码"];
        }

        if (input.SchoolYear is not { } year || year is < 2000 or > 2100)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
        }

        if (input.Semester is not { } semester || !Enum.IsDefined(semester))
        {
            errors["semester"] = ["请选择学期（春季或秋季）"];
        }

        var today = clock.Today();
        if (input.PaidOn is not { } paidOn)
        {
            errors["paidOn"] = ["请填写拨付日期"];
        }
        else if (paidOn > today || paidOn < today.AddYears(-2))
        {
            errors["paidOn"] = ["拨付日期不能晚于今天，也不能早于两年前"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var school = await schools.ForWriteAsync(input.SchoolCode!.Trim(), ct);
        db.Actor.Demand(FundsAccess.RecordCompensation, school.ScopePath);
        var term = new AidTerm(input.SchoolYear!.Value, input.Semester!.Value);
        await years.EnsureOpenAsync(school.ScopePath, input.PaidOn!.Value.Year, ct);
        var lines = aidLines.Query(AidItem.Waiver, term).Where(l => l.SchoolId == school.Id && !l.Revoked);
        var count = await lines.CountAsync(ct);
        var amounts = await lines.Select(l => l.AmountFen).ToListAsync(ct);
        var amount = amounts.Sum();
        if (count == 0 || amount <= 0)
        {
            throw AppException.Invalid("schoolYear", $"学校 {school.Code} {term}没有审核通过的免学费名单（金额为零），不能登记补助资金");
        }

        if (await db.Set<WaiverCompensation>().AnyAsync(c => c.SchoolId == school.Id && c.SchoolYear == term.SchoolYear && c.Semester == term.Semester, ct))
        {
            throw AppException.Conflict($"学校 {school.Code} {term}的免学费补助资金已登记");
        }

        var comp = new WaiverCompensation(Guid.CreateVersion7(), school.Id, school.Name, school.ScopePath, term, count, amount, input.PaidOn!.Value,
            db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(comp);
        db.Record(FundsAuditActions.CompensationRecorded, comp.Id.ToString(), comp.ScopePath, null,
            new { school = school.Code, term = term.ToString(), students = count, amountYuan = PaymentRows.Yuan(amount), paidOn = ChinaTime.Iso(comp.PaidOn) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "IX_funds_waiver_compensations_SchoolId_SchoolYear_Semester", "funds_waiver_compensations.SchoolId"))
        {
            throw AppException.Conflict($"学校 {school.Code} {term}的免学费补助资金刚由他人登记");
        }

        return ListWaiverCompensations.ToRow(comp);
    }
}
