using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>
/// NTF-1 for supervision: for a school, hanging flags to answer and rectifications due soon or late; for an authority, the
/// answers to review and the rectified measures to close, of the schools it supervises directly.
/// </summary>
public sealed class SupervisionTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var today = clock.Today();
        if (actor.May(SupervisionAccess.AnswerFlag))
        {
            var toAnswer = await db.Set<HangingFlag>().AsNoTracking().CountAsync(f => f.State == HangingFlagState.Open, ct);
            if (toAnswer > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "疑似空挂学籍待说明", $"{toAnswer} 名学生被列为疑似空挂，请逐一说明情况", "/supervision/hanging?state=Open", null));
            }

            var soon = today.AddDays(SupervisionMeasureSteps.DueSoonDays);
            var due = await db.Set<SupervisionMeasure>().AsNoTracking()
                .Where(m => m.State == MeasureState.Open && m.RectificationDueOn != null && m.RectificationDueOn <= soon)
                .Select(m => new { m.Id, m.Kind, m.RectificationDueOn }).ToListAsync(ct);
            foreach (var m in due.OrderBy(m => m.RectificationDueOn))
            {
                var late = m.RectificationDueOn < today;
                items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "整改已逾期" : "整改即将到期",
                    $"{m.Kind.ToChinese()}的整改应于 {ChinaTime.Iso(m.RectificationDueOn!.Value)} 前完成并报告", $"/supervision/measures/{m.Id}", m.RectificationDueOn));
            }
        }

        if (actor.May(SupervisionAccess.ReviewFlag))
        {
            var answered = await db.Set<HangingFlag>().AsNoTracking().Where(f => f.State == HangingFlagState.Answered)
                .GroupBy(f => new { f.ScopePath, f.SchoolCode }).Select(g => new { g.Key.ScopePath, g.Key.SchoolCode, Count = g.Count() }).ToListAsync(ct);
            var mine = answered.Where(a => actor.May(SupervisionAccess.ReviewFlag, a.ScopePath)).ToList();
            var codes = mine.Select(a => a.SchoolCode).ToList();
            var names = codes.Count == 0 ? [] : await db.Organizations().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, ct);
            foreach (var a in mine)
            {
                // The supervisor reads the school's name (issue 13 item 10), the code stays in the link.
                var school = names.TryGetValue(a.SchoolCode, out var name) ? name : $"学校 {a.SchoolCode}";
                items.Add(new TodoItem(TodoKind.WaitingForMe, "空挂说明待审核", $"{school} 已说明 {a.Count} 条疑似空挂记录", $"/supervision/hanging?state=Answered&schoolCode={a.SchoolCode}", null));
            }
        }

        if (actor.May(SupervisionAccess.CloseMeasure))
        {
            var toClose = await db.Set<SupervisionMeasure>().AsNoTracking().Where(m => m.State == MeasureState.Rectified)
                .Select(m => new { m.Id, m.ScopePath, m.SchoolName, m.Kind }).ToListAsync(ct);
            foreach (var m in toClose.Where(m => actor.May(SupervisionAccess.CloseMeasure, m.ScopePath)))
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "监管措施待关闭", $"{m.SchoolName} 已报告{m.Kind.ToChinese()}的整改情况", $"/supervision/measures/{m.Id}", null));
            }
        }

        return items;
    }
}
