using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>NTF-1 for graduation: for an authority, lists of schools it supervises directly waiting for review; for a school, returned lists.</summary>
public sealed class GraduationTodo(TsaDbContext db) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        if (actor.May(GraduationAccess.Clerk))
        {
            var returned = await db.Set<GraduationRound>().AsNoTracking()
                .Where(r => r.State == GraduationRoundState.Returned)
                .Select(r => new { r.Id, r.Name, r.ReturnReason, r.ScopePath }).ToListAsync(ct);
            items.AddRange(returned.Where(r => actor.May(GraduationAccess.Assess, r.ScopePath)).Select(r => new TodoItem(TodoKind.WaitingForMe, "毕业名单被退回", $"「{r.Name}」：{r.ReturnReason}", $"/graduation/{r.Id}", null)));
        }

        if (actor.May(GraduationAccess.Reviewer))
        {
            var waiting = await db.Set<GraduationRound>().AsNoTracking()
                .Where(r => r.State == GraduationRoundState.Submitted)
                .Select(r => new { r.Id, r.Name, r.SchoolName, r.ScopePath }).ToListAsync(ct);
            items.AddRange(waiting.Where(r => actor.May(GraduationAccess.Approve, r.ScopePath))
                .Select(r => new TodoItem(TodoKind.WaitingForMe, "毕业名单待审核", $"{r.SchoolName}「{r.Name}」", $"/graduation/{r.Id}", null)));
        }

        return items;
    }
}
