using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Standards.Features.Oversight;

/// <summary>
/// The to-do entries of INS-2/PUB-2: for the school's administrator and aid staff, each missing item of their school
/// (a returned brochure names the reason); for a direct supervisor, the brochures waiting for its review; for the
/// province's administrator, its trainings that have ended without attendance recorded.
/// </summary>
public sealed class StandardsTodo(TsaDbContext db, StandardsFacts facts, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var me = actor.ScopePath;
        var today = clock.Today();
        var items = new List<TodoItem>();
        if (actor.Level == OrgLevel.School && actor.May(StandardsAccess.Keep, me))
        {
            var standing = (await facts.StandingsAsync([actor.OrganizationCode], null, today, ct)).SingleOrDefault();
            if (standing is not null)
            {
                foreach (var fact in standing.Facts().Where(f => !f.Met))
                {
                    var link = fact.Key == SchoolStanding.BrochureKey ? "/standards/brochures" : "/standards";
                    items.Add(new TodoItem(TodoKind.WaitingForMe, $"规范化缺项：{fact.Item}", fact.Detail, link, null));
                }
            }

            var returned = await db.Set<Brochure>().AsNoTracking().Where(b => b.ScopePath == me && b.Status == BrochureStatus.Returned)
                .Select(b => new { b.Year, b.Season, b.ReturnReason }).ToListAsync(ct);
            items.AddRange(returned.Select(b => new TodoItem(TodoKind.WaitingForMe, $"{StandardsText.Intake(b.Year, b.Season)}招生简章被退回",
                $"退回原因：{b.ReturnReason}；请修改后重新提交", "/standards/brochures", null)));
        }

        if (actor.Level is OrgLevel.Province or OrgLevel.City && actor.Can(Permission.ReviewBrochures))
        {
            var waiting = await db.Set<Brochure>().AsNoTracking().Where(b => b.Status == BrochureStatus.Submitted).Select(b => b.ScopePath).ToListAsync(ct);
            var mine = waiting.Count(p => actor.May(StandardsAccess.ReviewBrochure, p));
            if (mine > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"审核招生简章 {mine} 份", "直属学校提交的招生简章待审核：核对免学费、国家助学金、资助热线是否载明", "/standards/brochures", null));
            }
        }

        if (actor.Level == OrgLevel.Province && actor.May(StandardsAccess.ManageTrainings, me))
        {
            var open = await db.Set<Training>().AsNoTracking().Where(t => t.ScopePath == me && t.EndsOn < today && !db.Set<StaffTraining>().Any(s => s.TrainingId == t.Id))
                .OrderBy(t => t.EndsOn).Select(t => new { t.Title, t.EndsOn }).Take(20).ToListAsync(ct);
            items.AddRange(open.Select(t => new TodoItem(TodoKind.WaitingForMe, $"登记培训参训人员：{t.Title}", $"培训已于 {ChinaTime.Iso(t.EndsOn)} 结束，尚未登记参训人员", "/standards", null)));
        }

        return items;
    }
}
