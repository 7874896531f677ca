using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>One amount to recover after a back-dated status change.</summary>
public sealed record RecoveryRow(
    Guid Id,
    Guid LineId,
    Guid StudentId,
    string StudentName,
    string SchoolPath,
    AidItem Item,
    string PeriodLabel,
    long PaidFen,
    long AmountFen,
    DateOnly ChangeDate,
    string Reason,
    string ListedBy,
    DateTime ListedAt,
    bool IsRecovered,
    long? RecoveredFen,
    DateOnly? RecoveredOn,
    string? RecoveryNote,
    string? RecordedBy,
    List<string> Actions);

public sealed class RecoveryFilter
{
    /// <summary>Only those not yet recovered.</summary>
    public bool? Open { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>The amounts to recover in the actor's scope (STA-5): the school's own, or every school's below a supervisor.</summary>
public sealed class ListRecoveries(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/recoveries", ([AsParameters] RecoveryFilter filter, ListRecoveries q, CancellationToken ct) => q.HandleAsync(filter, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("应追回资金清单（学籍异动后已多发的资金：金额、期间、学生、原因、追回情况）")
            .Produces<PagedResult<RecoveryRow>>().ProducesProblem(400).ProducesProblem(403);

    public async Task<PagedResult<RecoveryRow>> HandleAsync(RecoveryFilter filter, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var page = Math.Max(1, filter.Page ?? 1);
        var size = Math.Clamp(filter.PageSize ?? 50, 1, 500);
        var query = db.Set<PaymentRecovery>().AsNoTracking();
        if (filter.Open == true)
        {
            query = query.Where(r => r.RecoveredOn == null);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.RecoveredOn != null).ThenByDescending(r => r.ListedAtUtc).ThenBy(r => r.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<RecoveryRow>(rows.Select(ToRow).ToList(), total, page, size);
    }

    public RecoveryRow ToRow(PaymentRecovery r) => new(r.Id, r.LineId, r.StudentId, r.StudentName, r.ScopePath, r.Item, r.PeriodLabel, r.PaidFen, r.AmountFen,
        r.ChangeDate, r.Reason, r.ListedBy, r.ListedAtUtc, r.IsRecovered, r.RecoveredFen, r.RecoveredOn, r.RecoveryNote, r.RecordedBy,
        !r.IsRecovered && db.Actor.May(FundsAccess.Pay, r.ScopePath) ? ["record"] : []);
}
