using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Reports.Features;

/// <summary>
/// NTF-1 for reporting: the province's administrator sees last year's report still to submit (due soon or late against the
/// deadline) and the ministry's requests still to answer; the ministry's administrator the reports and answers received.
/// </summary>
public sealed class ReportTodo(TsaDbContext db, TimeProvider clock) : ITodoSource
{
    /// <summary>Working the to-do list, "soon" is a week: the same horizon as the other modules' due-soon entries.</summary>
    private const int SoonDays = 7;

    public async Task<IReadOnlyList<TodoItem>> ItemsAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        var items = new List<TodoItem>();
        var today = clock.Today();
        var year = today.Year - 1;
        if (actor.May(ReportAccess.Submit, actor.ScopePath))
        {
            var deadline = await db.Set<YearlyReportDeadline>().AsNoTracking().FirstOrDefaultAsync(d => d.Year == year, ct);
            var submitted = await db.Set<YearlyReportSubmission>().AsNoTracking()
                .AnyAsync(s => s.ScopePath == actor.ScopePath && s.Year == year && s.State == SubmissionState.Submitted, ct);
            if (!submitted && deadline is not null)
            {
                var kind = today > deadline.DueOn ? TodoKind.Late : deadline.DueOn.DayNumber - today.DayNumber <= SoonDays ? TodoKind.DueSoon : TodoKind.WaitingForMe;
                items.Add(new TodoItem(kind, $"报送{year}年度报告", $"请于 {ChinaTime.Iso(deadline.DueOn)} 前报送本省{year}年度技工院校学生资助工作报告（{deadline.Source}）",
                    "/reports/yearly", deadline.DueOn));
            }

            var open = await (from r in db.Set<DataRequestRecipient>().AsNoTracking()
                              join q in db.Set<DataRequest>().AsNoTracking() on r.RequestId equals q.Id
                              where r.ScopePath == actor.ScopePath && r.ValuesJson == null && q.State == DataRequestState.Open
                              select new { q.Id, q.Title, q.DueOn }).ToListAsync(ct);
            foreach (var q in open)
            {
                var kind = today > q.DueOn ? TodoKind.Late : q.DueOn.DayNumber - today.DayNumber <= SoonDays ? TodoKind.DueSoon : TodoKind.WaitingForMe;
                items.Add(new TodoItem(kind, "数据报送待填报", $"「{q.Title}」请于 {ChinaTime.Iso(q.DueOn)} 前填报{(kind == TodoKind.Late ? "（已逾期，仍可填报）" : "")}",
                    $"/reports/data-requests?id={q.Id}", q.DueOn));
            }
        }

        if (actor.May(ReportAccess.ManageRequests, "/"))
        {
            var received = await db.Set<YearlyReportSubmission>().AsNoTracking().CountAsync(s => s.Year == year && s.State == SubmissionState.Submitted, ct);
            if (received > 0)
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, $"已收到{year}年度报告", $"已有 {N(received)} 个省份报送{year}年度报告，请查阅",
                    "/reports/yearly", null));
            }

            var answers = await (from r in db.Set<DataRequestRecipient>().AsNoTracking()
                                 join q in db.Set<DataRequest>().AsNoTracking() on r.RequestId equals q.Id
                                 where q.State == DataRequestState.Open
                                 group r by new { q.Id, q.Title } into g
                                 select new { g.Key.Id, g.Key.Title, Answered = g.Count(x => x.ValuesJson != null), All = g.Count() }).ToListAsync(ct);
            foreach (var a in answers.Where(a => a.Answered > 0))
            {
                items.Add(new TodoItem(TodoKind.WaitingForMe, "数据报送已收到填报", $"「{a.Title}」已有 {N(a.Answered)}/{N(a.All)} 个省份填报",
                    $"/reports/data-requests?id={a.Id}", null));
            }
        }

        return items;
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
