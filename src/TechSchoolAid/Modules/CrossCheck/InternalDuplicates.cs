using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck;

public sealed record InternalCheckResult(Guid RunId, string Month, int NewCases, DateOnly DueDate);

/// <summary>
/// CHK-2: the same person approved twice in one term inside this system — at two schools (any item: a grant here, a
/// waiver there), or for the same item twice (which the unique index of approved lines now prevents, but imported or
/// older data may hold). Each line involved becomes a case for its own school, once: a line already raised by this check
/// is not raised again in a later month.
/// </summary>
public sealed class InternalDuplicates(TsaDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    public async Task<InternalCheckResult> RunAsync(string? monthText, CancellationToken ct)
    {
        MonthlyCrossCheck.Require(db.Actor);
        var month = MonthlyCrossCheck.ParseMonth(monthText, clock);
        const string sql = """
            SELECT e."Id", e."SchoolId", r."SchoolCode", r."SchoolName", e."ScopePath", e."PersonKey", e."Item", e."SchoolYear", e."Semester",
                   e."StudentName", e."IdNumberMasked", MIN(ro."SchoolName" || '|' || CAST(o."Item" AS TEXT))
            FROM aid_entries e
            JOIN aid_rounds r ON r."Id" = e."RoundId"
            JOIN aid_entries o ON o."PersonKey" = e."PersonKey" AND o."SchoolYear" = e."SchoolYear" AND o."Semester" = e."Semester"
                              AND o."State" = 2 AND o."Id" <> e."Id" AND (o."SchoolId" <> e."SchoolId" OR o."Item" = e."Item")
            JOIN aid_rounds ro ON ro."Id" = o."RoundId"
            WHERE e."State" = 2
              AND NOT EXISTS (SELECT 1 FROM crosscheck_cases c WHERE c."Kind" = 2 AND c."EntryId" = e."Id")
            GROUP BY e."Id", e."SchoolId", r."SchoolCode", r."SchoolName", e."ScopePath", e."PersonKey", e."Item", e."SchoolYear", e."Semester",
                     e."StudentName", e."IdNumberMasked"
            """;
        var today = clock.Today();
        var due = workingDays.AddWorkingDays(today, CrossCheckPolicy.ClearanceWorkingDays);
        var run = new CrossCheckRun(Guid.CreateVersion7(), CrossCheckKind.InternalDuplicate, month.Key, null, null, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var lines = await MonthlyCrossCheck.ReadLinesAsync(db, sql, month.Key, r => r.IsDBNull(11) ? null : r.GetString(11), ct);
            var cases = lines.Select(l => new CrossCheckCase(Guid.CreateVersion7(), CrossCheckKind.InternalDuplicate, month.Key, run.Id, l.Line,
                OtherSide(l.Extra), today, due)).ToList();
            run.Completed(null, 0, 0, 0, lines.Count, cases.Count);
            db.Add(run);
            db.Record("crosscheck.internal_checked", MonthlyCrossCheck.Subject, run.Id.ToString(), "/", null,
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
