using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>What registration puts on each user's to-do panel (NTF-1).</summary>
public sealed class RegistrationTodo(TsaDbContext db, RegistrationWindow window, SchoolDirectory schools, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var today = clock.Today();
        if (actor.May(StudentAccess.Approve))
        {
            // Only batches of schools this authority supervises directly wait for it.
            var waiting = await db.Set<StudentRecord>().AsNoTracking()
                .Where(s => s.RegistrationState == RegistrationState.Submitted)
                .GroupBy(s => new { s.SchoolCode, s.ScopePath })
                .Select(g => new { g.Key.SchoolCode, g.Key.ScopePath, Count = g.Count(), Oldest = g.Min(s => s.SubmittedAtUtc) })
                .ToListAsync(ct);
            var mine = waiting.Where(w => actor.May(StudentAccess.Approve, w.ScopePath)).ToList();
            var codes = mine.Select(w => w.SchoolCode).ToList();
            var names = await db.Organizations().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
            foreach (var w in mine)
            {
                var school = names.TryGetValue(w.SchoolCode, out var name) ? $"{name}（{w.SchoolCode}）" : w.SchoolCode;
                items.Add(new TodoItem(TodoKind.WaitingForMe, "学籍注册审核", $"{school}报送的 {w.Count} 名新生待审核", "/registrations/review", null));
            }
        }

        if (actor.May(StudentAccess.Submit, actor.ScopePath))
        {
            var (year, season) = window.CurrentIntake();
            var deadline = await window.DeadlineAsync(year, season, ct);
            var pending = await db.Set<StudentRecord>().AsNoTracking()
                .Where(s => s.RegistrationState == RegistrationState.Collected || s.RegistrationState == RegistrationState.Returned)
                .GroupBy(s => s.RegistrationState)
                .Select(g => new { State = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            var returned = pending.Where(p => p.State == RegistrationState.Returned).Sum(p => p.Count);
            var collected = pending.Where(p => p.State == RegistrationState.Collected).Sum(p => p.Count);
            if (returned > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "被退回的新生", $"{returned} 名新生被主管部门退回，请修改后重新报送", "/students?state=Returned", null));
            }

            if (collected > 0)
            {
                // Past the deadline, a reopening of the school's registration by the province makes its end date the one
                // that counts: the intake is then due by it, not overdue (issue 13 item 10).
                var reopenedUntil = today > deadline
                    ? (await window.StateAsync((await schools.ForReadAsync(actor.OrganizationCode, ct)).Id, year, season, ct)).ReopenedUntil
                    : null;
                var due = reopenedUntil ?? deadline;
                var kind = today > due ? TodoKind.Late : due.DayNumber - today.DayNumber <= 7 ? TodoKind.DueSoon : TodoKind.WaitingForMe;
                var when = reopenedUntil is { } until
                    ? $"{StudentText.Intake(year, season)}截止 {ChinaTime.Iso(deadline)}，已由省级重新开放至 {ChinaTime.Iso(until)}"
                    : $"{StudentText.Intake(year, season)}截止 {ChinaTime.Iso(deadline)}";
                items.Add(new TodoItem(kind, "新生待核验报送", $"{collected} 名新生尚未报送（{when}）", "/students?state=Collected", due));
            }
        }

        return items;
    }
}
