using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>
/// RPT-1 "registration against the deadlines" (ENR-2, ENR-3): the year's new students (both intakes) by where they
/// stand — still at the school (collected or returned), submitted and waiting for the authority, registered (approved) —
/// and how many are not registered although their intake's deadline (dated policy data, <see cref="IntakeDeadline"/>)
/// has passed. Counted in SQL by scope path, intake and state over the index ix_student_records_dashboard.
/// </summary>
public sealed class RegistrationDashboardSource(TsaDbContext db, RegistrationWindow window) : IDashboardSource
{
    public const string Key = "registration";

    private const int Students = 0, AtSchool = 1, Waiting = 2, Registered = 3, Late = 4;

    private static readonly DashboardColumn[] Columns =
    [
        new("新生", "人"), new("学校待报送", "人"), new("待主管部门审核", "人"), new("已注册", "人"), new("逾期未注册", "人"), new("注册完成率", "%"),
    ];

    public async Task<IReadOnlyList<DashboardTile>> TilesAsync(DashboardQuery query, CancellationToken ct)
    {
        if (!db.Actor.May(StudentAccess.View))
        {
            return [];
        }

        var year = query.Year;
        var counts = await db.Set<StudentRecord>().AsNoTracking()
            .Where(s => s.IntakeYear == year && s.ScopePath.StartsWith(query.ScopePath))
            .GroupBy(s => new { s.ScopePath, s.IntakeSeason, s.RegistrationState })
            .Select(g => new { g.Key.ScopePath, g.Key.IntakeSeason, g.Key.RegistrationState, Count = g.LongCount() })
            .ToListAsync(ct);

        var deadlines = new Dictionary<IntakeSeason, DateOnly?>();
        foreach (var season in Enum.GetValues<IntakeSeason>())
        {
            deadlines[season] = await DeadlineAsync(year, season, ct);
        }

        var sums = new DashboardBreakdown(query, 5);
        foreach (var c in counts)
        {
            sums.Add(c.ScopePath, Students, c.Count);
            var column = c.RegistrationState switch
            {
                RegistrationState.Approved => Registered,
                RegistrationState.Submitted => Waiting,
                _ => AtSchool,
            };
            sums.Add(c.ScopePath, column, c.Count);
            if (c.RegistrationState != RegistrationState.Approved && deadlines[c.IntakeSeason] is { } deadline && query.Today > deadline)
            {
                sums.Add(c.ScopePath, Late, c.Count);
            }
        }

        var t = sums.Total;
        var rate = DashboardBreakdown.PerMille(t[Registered], t[Students]);
        var deadlineText = string.Join("，", deadlines.Where(d => d.Value is not null).Select(d => $"{d.Key.ToChinese()}{ChinaTime.Iso(d.Value!.Value)}"));
        var figures = new List<DashboardFigure>
        {
            new($"{year}年新生", t[Students], "人", DashboardTone.Neutral, "/students"),
            new("学校待报送", t[AtSchool], "人", DashboardTone.Neutral, "/students?state=Collected"),
            new("待主管部门审核", t[Waiting], "人", t[Waiting] > 0 ? DashboardTone.Warning : DashboardTone.Neutral, "/registrations/review"),
            new("已注册", t[Registered], "人", DashboardTone.Good, "/students?state=Approved"),
            new("逾期未注册", t[Late], "人", t[Late] > 0 ? DashboardTone.Bad : DashboardTone.Good, "/students?state=Collected"),
            new("注册完成率", rate, "%", t[Late] > 0 ? DashboardTone.Warning : DashboardTone.Good, "/students?state=Approved"),
        };
        var table = sums.Table(Columns, u => u.Level == OrgLevel.School ? DashboardBreakdown.Link("/students", ("school", u.Code)) : null,
            v => [.. v, DashboardBreakdown.PerMille(v[Registered], v[Students])]);
        var title = deadlineText.Length == 0 ? "新生学籍注册" : $"新生学籍注册（截止日期：{deadlineText}）";
        return [new DashboardTile(Key, title, 10, figures, table)];
    }

    private async Task<DateOnly?> DeadlineAsync(int year, IntakeSeason season, CancellationToken ct)
    {
        try
        {
            return await window.DeadlineAsync(year, season, ct);
        }
        catch (AppException)
        {
            return null; // no deadline configured for that intake: nothing can be late against it
        }
    }
}
