using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>The batches in the caller's scope (a school its own, a city its schools'…), newest period first.</summary>
public sealed class ListPaymentBatches(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/payment-batches", (string? schoolCode, int? fiscalYear, int? page, int? pageSize, ListPaymentBatches list, CancellationToken ct) =>
            list.HandleAsync(schoolCode, fiscalYear, page ?? 1, pageSize ?? 50, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("管理范围内的助学金发放批次（可按学校、年度筛选）").Produces<PagedResult<PaymentBatchRow>>().ProducesProblem(403);

    public async Task<PagedResult<PaymentBatchRow>> HandleAsync(string? schoolCode, int? fiscalYear, int page, int pageSize, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 200));
        var q = db.Set<PaymentBatch>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            q = q.Where(b => b.SchoolCode == schoolCode);
        }

        if (fiscalYear is { } y)
        {
            q = q.Where(b => b.FiscalYear == y);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(b => b.PeriodStart).ThenByDescending(b => b.BuiltAtUtc).ThenBy(b => b.SchoolCode)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PagedResult<PaymentBatchRow>(rows.Select(PaymentRows.ToRow).ToList(), total, page, pageSize);
    }
}
