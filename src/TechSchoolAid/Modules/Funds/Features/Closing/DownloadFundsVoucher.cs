using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>A voucher's file, as an attachment under its safe name (the security headers add nosniff to every answer), audited.</summary>
public sealed class DownloadFundsVoucher(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/vouchers/{id:guid}/file", async (Guid id, DownloadFundsVoucher f, HttpContext http, CancellationToken ct) =>
        {
            var file = await f.HandleAsync(id, ct);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return file.ToResult("凭证");
        }).RequireAccess(FundsAccess.View)
            .WithSummary("下载凭证文件（附件方式，按内容类型返回）").ProducesFile(FileResponses.Evidence).ProducesProblem(403).ProducesProblem(404);

    public async Task<EvidenceFile> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        var v = await db.Set<FundsVoucher>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.FileName, x.ContentType, x.Content, x.ScopePath })
            .FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("凭证");
        db.Actor.Demand(FundsAccess.View, v.ScopePath);
        db.Record(FundsAuditActions.VoucherDownloaded, id.ToString(), v.ScopePath, null, new { file = v.FileName }, clock);
        await db.SaveChangesAsync(ct);
        return new EvidenceFile(v.FileName, v.ContentType, v.Content);
    }
}
