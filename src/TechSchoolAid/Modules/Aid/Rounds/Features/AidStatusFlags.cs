using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// Aid follows status (issue 13 item 6): the approved lines, in the caller's scope, of students whose approved status change
/// ended their eligibility before the end of the line's term — 休学, 保留学籍, 退学, 开除, 死亡, 转出, 结业, 毕业 — read
/// through the Students module's status facts (never the status changes' tables) and judged by the same rule as the
/// payments (<see cref="StudentStatusOnDate.NotActiveReason"/>). A line the officer kept for that change is not flagged.
/// </summary>
public sealed class AidStatusFlags(TsaDbContext db, IStudentStatusFacts students)
{
    /// <summary>The most flags one answer carries (a school's whole year fits; the to-do panel shows the first ones).</summary>
    public const int MaxRows = 2000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/aid-status-flags", (Guid? roundId, Guid? studentId, AidStatusFlags flags, CancellationToken ct) =>
                flags.ListAsync(roundId, studentId, null, ct))
            .RequirePermission(Permission.ViewStudents).WithTags("资助名单")
            .WithSummary("学籍已变动、资助待处理的审核通过资助（可按名单或学生筛选；管理范围内）")
            .Produces<IReadOnlyList<AidStatusFlag>>();

    /// <summary>The flags in scope, optionally of one list, one student or one school's path, by class and name.</summary>
    public async Task<IReadOnlyList<AidStatusFlag>> ListAsync(Guid? roundId, Guid? studentId, string? schoolPath, CancellationToken ct)
    {
        var entries = db.Set<AidEntry>().AsNoTracking().Where(e => e.State == AidEntryState.Approved);
        if (roundId is { } r)
        {
            entries = entries.Where(e => e.RoundId == r);
        }

        if (studentId is { } s)
        {
            entries = entries.Where(e => e.StudentId == s);
        }

        if (schoolPath is not null)
        {
            entries = entries.Where(e => e.ScopePath == schoolPath);
        }

        var rows = await (from e in entries
                          join f in students.Query() on e.StudentId equals f.Id
                          where !(f.RegistrationApproved && f.Status == EnrolmentStatus.Active)
                          select new
                          {
                              e.Id, e.RoundId, e.StudentId, e.StudentName, e.ClassName, e.SchoolYear, e.Semester, e.Item, e.AmountFen, e.Version,
                              e.StatusKeptSince, f.RegistrationApproved, f.Status, f.StatusSince,
                          })
            .OrderBy(x => x.ClassName).ThenBy(x => x.StudentName).ThenBy(x => x.Id).Take(MaxRows).ToListAsync(ct);
        var flags = new List<AidStatusFlag>();
        foreach (var x in rows)
        {
            var term = new AidTerm(x.SchoolYear, x.Semester);
            // Not eligible on the term's last day: the change took effect before the term ended (the day of a change still counts).
            var reason = StudentStatusOnDate.NotActiveReason(x.RegistrationApproved, x.Status, x.StatusSince, term.EndsOn);
            if (reason is null || (x.StatusKeptSince is { } kept && kept == x.StatusSince))
            {
                continue;
            }

            flags.Add(new AidStatusFlag(x.Id, x.RoundId, x.StudentId, x.StudentName, x.ClassName, term.ToString(), x.Item, AidTerm.ItemText(x.Item),
                x.AmountFen, x.Status, x.Status.ToChinese(), x.StatusSince, reason, TextOf(x.Status, x.StatusSince, x.RegistrationApproved), x.Version));
        }

        return flags;
    }

    /// <summary>"学籍已变动：休学（2026-11-03），资助待处理".</summary>
    public static string TextOf(EnrolmentStatus status, DateOnly? since, bool registrationApproved = true) =>
        !registrationApproved || status == EnrolmentStatus.Pending
            ? "学籍注册已撤回，资助待处理"
            : $"学籍已变动：{status.ToChinese()}{(since is { } d ? $"（{ChinaTime.Iso(d)}）" : "")}，资助待处理";
}
