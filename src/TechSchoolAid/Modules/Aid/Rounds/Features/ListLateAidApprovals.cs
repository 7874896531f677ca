using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>A term of the province whose approval deadline passed with lists still waiting for review.</summary>
/// <param name="Lists">Submitted lists not yet reviewed.</param>
/// <param name="Students">Their lines still waiting for a decision.</param>
/// <param name="ReopenedUntil">The latest reopening of the term, if any.</param>
/// <param name="OpenNow">Whether a reopening covers today, so the reviewers can act now.</param>
public sealed record LateAidTerm(int SchoolYear, Semester Semester, string Term, DateOnly Deadline, DateOnly LatestUntil, int Lists, int Students,
    DateOnly? ReopenedUntil, bool OpenNow);

/// <summary>A recorded reopening: the term, until when, why, who and when; active while it covers today.</summary>
public sealed record AidReopeningRow(Guid Id, int SchoolYear, Semester Semester, string Term, DateOnly Until, string Reason, string CreatedBy,
    DateTime CreatedAtUtc, bool Active);

/// <summary>What the provincial administrator needs to decide a reopening: the late terms and the reopenings so far.</summary>
public sealed record LateAidApprovals(string ProvinceCode, DateOnly Today, IReadOnlyList<LateAidTerm> Terms, IReadOnlyList<AidReopeningRow> Reopenings);

/// <summary>
/// The province's view of late approvals (AID-5, 人社厅函〔2024〕53号 二(二)): which terms have lists still waiting after
/// the national approval deadline, how many lists and students, and the reopenings recorded so far — where the
/// provincial administrator reopens a term on screen instead of through the API alone.
/// </summary>
public sealed class ListLateAidApprovals(TsaDbContext db, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder rounds) =>
        rounds.MapGet("/late-approvals", (string? provinceCode, ListLateAidApprovals list, CancellationToken ct) => list.HandleAsync(provinceCode, ct))
            .RequireAccess(AidRoundAccess.ReopenDeadline)
            .WithSummary("本省审批截止后仍待审核的名单（按学期）及已重新开放的记录").Produces<LateAidApprovals>().ProducesProblem(400).ProducesProblem(403);

    public async Task<LateAidApprovals> HandleAsync(string? provinceCode, CancellationToken ct)
    {
        var province = provinceCode is { Length: > 0 } p ? p : db.Actor.OrganizationCode;
        if (province.Length != 2 || !province.All(char.IsAsciiDigit))
        {
            throw AppException.Invalid("provinceCode", "省级代码应为 2 位数字");
        }

        db.Actor.Demand(AidRoundAccess.ReopenDeadline, AidRoundAccess.ProvincePath(province));
        var today = clock.Today();
        var prefix = AidRoundAccess.ProvincePath(province);
        var late = await db.Set<AidRound>().AsNoTracking()
            .Where(r => r.ScopePath.StartsWith(prefix) && r.State == AidRoundState.Submitted && r.ApprovalDeadline < today)
            .Select(r => new { r.Id, r.SchoolYear, r.Semester, r.ApprovalDeadline })
            .ToListAsync(ct);
        var ids = late.Select(r => r.Id).ToList();
        var waiting = ids.Count == 0
            ? []
            : await db.Set<AidEntry>().AsNoTracking()
                .Where(e => ids.Contains(e.RoundId) && e.State == AidEntryState.Proposed)
                .GroupBy(e => e.RoundId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var reopenings = await db.Set<AidDeadlineReopening>().AsNoTracking()
            .Where(x => x.ProvinceCode == province)
            .OrderByDescending(x => x.CreatedAtUtc)
            .Take(200)
            .ToListAsync(ct);

        var terms = late
            .GroupBy(r => new AidTerm(r.SchoolYear, r.Semester))
            .Select(g =>
            {
                var until = reopenings.Where(x => x.SchoolYear == g.Key.SchoolYear && x.Semester == g.Key.Semester).Max(x => (DateOnly?)x.Until);
                return new LateAidTerm(g.Key.SchoolYear, g.Key.Semester, g.Key.ToString(), g.Min(r => r.ApprovalDeadline), g.Key.EndsOn, g.Count(),
                    g.Sum(r => waiting.GetValueOrDefault(r.Id)), until, until >= today);
            })
            .OrderBy(t => new AidTerm(t.SchoolYear, t.Semester).StartsOn)
            .ToList();
        var rows = reopenings
            .Select(x => new AidReopeningRow(x.Id, x.SchoolYear, x.Semester, new AidTerm(x.SchoolYear, x.Semester).ToString(), x.Until, x.Reason,
                x.CreatedBy, x.CreatedAtUtc, x.Until >= today))
            .ToList();
        return new LateAidApprovals(province, today, terms, rows);
    }
}
