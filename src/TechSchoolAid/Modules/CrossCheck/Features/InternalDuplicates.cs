using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// CHK-2: the same person approved twice in one term inside this system — at two schools (any item: a grant here, a
/// waiver there), or for the same item twice (which the unique index of approved lines now prevents, but imported or
/// older data may hold). Each line involved becomes a case for its own school, once: a line already raised by this check
/// is not raised again in a later month.
/// </summary>
public sealed class InternalDuplicates(TsaDbContext db, IApprovedAidLines aidLines, ClearanceDeadlines deadlines, TimeProvider clock)
{
    /// <summary>POST /crosscheck/internal-runs.</summary>
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/internal-runs", async (InternalRunInput input, InternalDuplicates check, CancellationToken ct) =>
        {
            var result = await check.RunAsync(input.Month, ct);
            return TypedResults.Created($"/api/v1/crosscheck/runs/{result.RunId}", result);
        }).WithSummary("系统内重复资助检查（同一学生同一学期在两所学校或重复享受）").RequireAccess(CrossCheckAccess.Run).ProducesProblem(400).ProducesProblem(403);

    public async Task<InternalCheckResult> RunAsync(string? monthText, CancellationToken ct)
    {
        db.Actor.Demand(CrossCheckAccess.Run);
        var month = MonthlyCrossCheck.ParseMonth(monthText, clock);
        var today = clock.Today();
        var due = await deadlines.DueDateAsync(today, ct);
        var run = new CrossCheckRun(Guid.CreateVersion7(), CrossCheckKind.InternalDuplicate, month.Key, null, null, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var raised = (await db.Set<CrossCheckCase>().AsNoTracking().Where(c => c.Kind == CrossCheckKind.InternalDuplicate)
                .Select(c => c.EntryId).ToListAsync(ct)).ToHashSet();
            var lines = (await aidLines.DuplicatedAsync(ct)).Where(m => !raised.Contains(m.Line.EntryId)).ToList();
            var cases = lines.Select(l => new CrossCheckCase(Guid.CreateVersion7(), CrossCheckKind.InternalDuplicate, month.Key, run.Id, l.Line,
                OtherSide(l.OtherSide), today, due)).ToList();
            run.Completed(null, 0, 0, 0, lines.Count, cases.Count);
            db.Add(run);
            db.Record(CrossCheckAuditActions.InternalChecked, run.Id.ToString(), "/", null,
                new { month = month.ToString(), newCases = cases.Count, due = ChinaTime.Iso(due) }, clock);
            await db.SaveChangesAsync(ct);
            await db.InsertManyAsync(cases, ct);
            await tx.CommitAsync(ct);
            return new InternalCheckResult(run.Id, month.ToString(), cases.Count, due);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string OtherSide(string? other)
    {
        if (other is null)
        {
            return "本系统其他名单";
        }

        var bar = other.LastIndexOf('|');
        var item = bar > 0 && int.TryParse(other.AsSpan(bar + 1), System.Globalization.CultureInfo.InvariantCulture, out var i) ? AidTerm.ItemText((AidItem)i) : "";
        return $"本系统：{(bar > 0 ? other[..bar] : other)} {item}".Trim();
    }
}
