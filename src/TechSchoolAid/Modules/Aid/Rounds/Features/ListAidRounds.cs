using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>The lists in the caller's scope, filtered; "waiting for me" keeps those submitted to the caller's organisation.</summary>
public sealed class ListAidRounds(TsaDbContext db, AidRoundRows rows)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapGet("/", ([AsParameters] AidRoundFilter f, ListAidRounds list, CancellationToken ct) => list.HandleAsync(f, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("管理范围内的资助名单（按学校、学年、学期、项目、状态筛选；waitingForMe 只列待我审核的）");

    public async Task<PagedResult<AidRoundRow>> HandleAsync(AidRoundFilter f, CancellationToken ct)
    {
        var q = db.Set<AidRound>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(r => r.SchoolCode == f.SchoolCode);
        }

        if (f.SchoolYear is { } y)
        {
            q = q.Where(r => r.SchoolYear == y);
        }

        if (f.Semester is { } s)
        {
            q = q.Where(r => r.Semester == s);
        }

        if (f.Item is { } i)
        {
            q = q.Where(r => r.Item == i);
        }

        if (f.State is { } st)
        {
            q = q.Where(r => r.State == st);
        }

        if (f.WaitingForMe == true)
        {
            var path = db.Actor.ScopePath;
            q = q.Where(r => r.State == AidRoundState.Submitted && r.SupervisorPath == path);
        }

        var (page, size) = AidRoundRows.Paging(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var rounds = await q.OrderBy(r => r.State == AidRoundState.Reviewed).ThenBy(r => r.ApprovalDeadline).ThenBy(r => r.SchoolCode).ThenBy(r => r.Item)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AidRoundRow>(await rows.RowsAsync(rounds, ct), total, page, size);
    }
}
