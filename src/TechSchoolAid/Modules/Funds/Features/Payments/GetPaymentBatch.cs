using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>One batch: its figures, the students left out, its return file, what the caller may do; and its lines, paged.</summary>
public sealed class GetPaymentBatch(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/payment-batches/{id:guid}", (Guid id, GetPaymentBatch get, CancellationToken ct) => get.HandleAsync(id, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("发放批次详情（金额、未纳入学生及原因、银行回盘文件及其 SHA-256）").Produces<PaymentBatchDetail>().ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/payment-batches/{id:guid}/lines", (Guid id, PaymentLineState? state, string? search, int? page, int? pageSize, GetPaymentBatch get, CancellationToken ct) =>
            get.LinesAsync(id, state, search, page ?? 1, pageSize ?? 50, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("发放批次的明细（卡号只显示后四位；可按状态筛选）").Produces<PagedResult<PaymentLineRow>>().ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<PaymentBatchDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var batch = await db.Set<PaymentBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) ?? throw AppException.NotFound("发放批次");
        var file = await db.Set<PaymentReturnFile>().AsNoTracking().Where(f => f.BatchId == id)
            .Select(f => new ReturnFileInfo(f.Id, f.FileName, f.Sha256, f.PaidCount, f.FailedCount, f.ImportedBy, f.ImportedAtUtc)).FirstOrDefaultAsync(ct);
        return new PaymentBatchDetail(PaymentRows.ToRow(batch), PaymentRows.Excluded(batch), file, db.Actor.ActionsOn(batch.ScopePath, FundsAccess.Pay));
    }

    public async Task<PagedResult<PaymentLineRow>> LinesAsync(Guid id, PaymentLineState? state, string? search, int page, int pageSize, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (!await db.Set<PaymentBatch>().AnyAsync(b => b.Id == id, ct))
        {
            throw AppException.NotFound("发放批次");
        }

        (page, pageSize) = (Math.Max(1, page), Math.Clamp(pageSize, 1, 500));
        var q = db.Set<PaymentLine>().AsNoTracking().Where(l => l.BatchId == id);
        if (state is { } s)
        {
            q = q.Where(l => l.State == s);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            q = q.Where(l => l.StudentName.Contains(text) || l.Reference.Contains(text));
        }

        var total = await q.CountAsync(ct);
        var rows = await PaymentRows.LineRows(q.OrderBy(l => l.Reference).Skip((page - 1) * pageSize).Take(pageSize), db.Set<PaymentBatch>().AsNoTracking()).ToListAsync(ct);
        return new PagedResult<PaymentLineRow>(rows.OrderBy(r => r.Reference, StringComparer.Ordinal).Select(PaymentRows.WithStateText).ToList(), total, page, pageSize);
    }
}
