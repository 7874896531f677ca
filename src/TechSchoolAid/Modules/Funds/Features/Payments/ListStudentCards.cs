using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>
/// A school's 在籍 students with their current card, those with an approved grant this term first, so that the students
/// who would be left out of a batch for want of a card are seen (<c>withoutCard=true</c> lists only them).
/// </summary>
public sealed class ListStudentCards(TsaDbContext db, SchoolDirectory schools, IStudentStatusFacts students, IPayableAidLines lines, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/schools/{schoolCode}/cards", (string schoolCode, bool? withoutCard, string? search, int? page, int? pageSize, ListStudentCards list, CancellationToken ct) =>
            list.HandleAsync(schoolCode, withoutCard ?? false, search, page ?? 1, pageSize ?? 50, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("本校在籍学生及其领取助学金的银行卡（卡号只显示后四位；可只列出未登记银行卡的学生，本学期获国家助学金的学生排在前面）")
            .Produces<PagedResult<StudentCardRow>>().ProducesProblem(403).ProducesProblem(404);

    public async Task<PagedResult<StudentCardRow>> HandleAsync(string schoolCode, bool withoutCard, string? search, int page, int pageSize, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var school = await schools.ForReadAsync(schoolCode, ct);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var term = AidTerm.Of(clock.Today());
        var granted = lines.Query(AidItem.Grant, term).Where(l => l.SchoolId == school.Id && !l.Revoked).Select(l => l.StudentId);
        var cards = db.Set<BankCard>().AsNoTracking().Where(c => c.IsCurrent);
        var q = from s in students.Query().Where(s => s.SchoolId == school.Id && s.Status == EnrolmentStatus.Active)
                join c in cards on s.Id equals c.StudentId into cj
                from c in cj.DefaultIfEmpty()
                select new { s.Id, s.Name, s.ClassName, s.IdNumberMasked, s.Status, Granted = granted.Contains(s.Id), Card = c };
        if (withoutCard)
        {
            q = q.Where(x => x.Card == null);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term2 = search.Trim();
            q = q.Where(x => x.Name.Contains(term2) || x.ClassName.Contains(term2));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.Granted).ThenBy(x => x.ClassName).ThenBy(x => x.Name).ThenBy(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<StudentCardRow>(rows.Select(x => new StudentCardRow(x.Id, x.Name, x.ClassName, x.IdNumberMasked, x.Status.ToChinese(), x.Granted,
            x.Card is null ? null : PaymentRows.ToView(x.Card))).ToList(), total, page, pageSize);
    }
}
