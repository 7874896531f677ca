using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// NTF-1 for AID-5. A school: its unfinished lists near or past the approval deadline, objections to answer, lists ready to
/// submit. A reviewer: lists waiting for its review. Every level with aid duties: how many lists in its scope are at risk
/// (within <see cref="AidRoundRows.AtRiskWorkingDays"/> working days of the deadline and not reviewed) or late.
/// </summary>
public sealed class AidRoundTodo(TsaDbContext db, WorkingDays workingDays, TimeProvider clock) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var staff = actor.May(AidRoundAccess.Manage);
        var reviewer = actor.May(AidRoundAccess.Review);
        if (!staff && !reviewer)
        {
            return items;
        }

        var today = clock.Today();
        var riskFrom = workingDays.AddWorkingDays(today, AidRoundRows.AtRiskWorkingDays);
        var open = db.Set<AidRound>().AsNoTracking().Where(r => r.State != AidRoundState.Reviewed);
        if (staff)
        {
            // Its own school's lists: the relation of AidRoundAccess.Manage, as a filter.
            var rounds = await open.Where(r => r.ScopePath == actor.ScopePath)
                .Select(r => new { r.Id, r.ScopePath, r.SchoolYear, r.Semester, r.Item, r.State, r.ApprovalDeadline, r.PublishedTo }).ToListAsync(ct);
            var reopenedForSchool = await AidDeadlineReopening.InForceAsync(db, [.. rounds.Select(r => ProvinceOf(r.ScopePath)).Distinct()], today, ct);
            foreach (var r in rounds.OrderBy(r => r.ApprovalDeadline))
            {
                var name = $"{new AidTerm(r.SchoolYear, r.Semester)}{AidTerm.ItemText(r.Item)}名单";
                var link = $"/aid/rounds/{r.Id}";
                if (r.State == AidRoundState.Published && today > r.PublishedTo)
                {
                    items.Add(new TodoItem(TodoKind.WaitingForMe, "资助名单可以报送", $"{name}公示期已满，请答复异议后报送", link, r.ApprovalDeadline));
                }
                else if (r.State != AidRoundState.Submitted && today > r.ApprovalDeadline
                         && reopenedForSchool.TryGetValue((ProvinceOf(r.ScopePath), r.SchoolYear, r.Semester), out var schoolUntil))
                {
                    items.Add(new TodoItem(TodoKind.DueSoon, "资助名单审批已重新开放", $"{name}（{r.State.ToChinese()}）审批已由省级重新开放至 {ChinaTime.Iso(schoolUntil)}，请在此前完成", link, schoolUntil));
                }
                else if (r.State != AidRoundState.Submitted && today > r.ApprovalDeadline)
                {
                    items.Add(new TodoItem(TodoKind.Late, "资助名单逾期未报", $"{name}（{r.State.ToChinese()}）已过审批截止日期 {ChinaTime.Iso(r.ApprovalDeadline)}", link, r.ApprovalDeadline));
                }
                else if (r.State != AidRoundState.Submitted && riskFrom >= r.ApprovalDeadline)
                {
                    items.Add(new TodoItem(TodoKind.DueSoon, "资助名单即将截止", $"{name}（{r.State.ToChinese()}）须在 {ChinaTime.Iso(r.ApprovalDeadline)} 前完成审批", link, r.ApprovalDeadline));
                }
                else if (r.State == AidRoundState.Returned)
                {
                    items.Add(new TodoItem(TodoKind.WaitingForMe, "资助名单被退回", $"{name}被退回，请修改后重新公示、报送", link, r.ApprovalDeadline));
                }
            }

            var objections = await (from e in db.Set<AidEntry>().AsNoTracking()
                                    where e.ScopePath == actor.ScopePath && e.ObjectionText != null && e.ObjectionAnswer == null
                                    select new { e.RoundId, e.StudentName, e.ObjectionDueDate }).ToListAsync(ct);
            foreach (var o in objections.OrderBy(o => o.ObjectionDueDate))
            {
                var late = o.ObjectionDueDate < today;
                items.Add(new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "资助名单异议逾期未答复" : "资助名单异议待答复",
                    $"{o.StudentName} 的异议应于 {ChinaTime.Iso(o.ObjectionDueDate!.Value)} 前答复", $"/aid/rounds/{o.RoundId}?objections=1", o.ObjectionDueDate));
            }

            return items;
        }

        // Lists past their deadline whose term the province reopened are due by the reopening's end, not late (issue 13
        // item 10): each group is keyed by province and term as well, so the reopening in force is found for it.
        var waiting = await open.Where(r => r.State == AidRoundState.Submitted && r.SupervisorPath == actor.ScopePath)
            .GroupBy(r => new { r.ApprovalDeadline, r.ScopePath, r.SchoolYear, r.Semester })
            .Select(g => new { Deadline = g.Key.ApprovalDeadline, g.Key.ScopePath, g.Key.SchoolYear, g.Key.Semester, Count = g.Count() }).ToListAsync(ct);
        var risk = await open.Where(r => r.ApprovalDeadline <= riskFrom)
            .GroupBy(r => new { r.ApprovalDeadline, r.ScopePath, r.SchoolYear, r.Semester })
            .Select(g => new { Deadline = g.Key.ApprovalDeadline, g.Key.ScopePath, g.Key.SchoolYear, g.Key.Semester, Count = g.Count() }).ToListAsync(ct);
        var reopened = await AidDeadlineReopening.InForceAsync(db, [.. waiting.Select(w => ProvinceOf(w.ScopePath)).Concat(risk.Select(r => ProvinceOf(r.ScopePath))).Distinct()], today, ct);
        DateOnly? ReopenedUntil(string province, int year, Semester semester, DateOnly deadline) =>
            today > deadline && reopened.TryGetValue((province, year, semester), out var until) ? until : null;

        foreach (var w in waiting.GroupBy(w => (w.Deadline, Until: ReopenedUntil(ProvinceOf(w.ScopePath), w.SchoolYear, w.Semester, w.Deadline))).OrderBy(g => g.Key.Deadline))
        {
            var count = w.Sum(x => x.Count);
            var late = today > w.Key.Deadline && w.Key.Until is null;
            items.Add(w.Key.Until is { } until
                ? new TodoItem(TodoKind.DueSoon, "资助名单待审核（已重新开放）",
                    $"{count} 份资助名单待您审核，审批截止日期 {ChinaTime.Iso(w.Key.Deadline)}，已由省级重新开放至 {ChinaTime.Iso(until)}", "/aid/rounds?waitingForMe=true", until)
                : new TodoItem(late ? TodoKind.Late : TodoKind.WaitingForMe, late ? "资助名单审核已逾期" : "资助名单待审核",
                    $"{count} 份资助名单待您审核，审批截止日期 {ChinaTime.Iso(w.Key.Deadline)}", "/aid/rounds?waitingForMe=true", w.Key.Deadline));
        }

        // Every level sees what is at risk or late in its scope (not only what it reviews itself).
        foreach (var r in risk.GroupBy(r => (r.Deadline, Until: ReopenedUntil(ProvinceOf(r.ScopePath), r.SchoolYear, r.Semester, r.Deadline))).OrderBy(g => g.Key.Deadline))
        {
            var count = r.Sum(x => x.Count);
            var late = today > r.Key.Deadline && r.Key.Until is null;
            items.Add(r.Key.Until is { } until
                ? new TodoItem(TodoKind.DueSoon, "辖区资助名单审批已重新开放",
                    $"辖区内 {count} 份资助名单已过审批截止日期 {ChinaTime.Iso(r.Key.Deadline)}，已由省级重新开放至 {ChinaTime.Iso(until)}，尚未完成审批", "/aid/rounds", until)
                : new TodoItem(late ? TodoKind.Late : TodoKind.DueSoon, late ? "辖区资助名单逾期未完成审批" : "辖区资助名单审批即将截止",
                    $"辖区内 {count} 份资助名单{(late ? "已过" : "临近")}审批截止日期 {ChinaTime.Iso(r.Key.Deadline)}，尚未完成审批", "/aid/rounds", r.Key.Deadline));
        }

        return items;
    }

    /// <summary>"/44/4401/44010004/" → "44": the province a list belongs to (the key of the province's reopenings).</summary>
    private static string ProvinceOf(string scopePath) => scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
}
