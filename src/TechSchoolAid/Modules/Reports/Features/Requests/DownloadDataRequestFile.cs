using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>A file of an answer: the ministry any, a province its own (a file outside the scope is 404).</summary>
public sealed class DownloadDataRequestFile(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/data-requests/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, DownloadDataRequestFile f, CancellationToken ct) =>
                (await f.HandleAsync(id, fileId, ct)).ToResult("附件"))
            .RequireAccess(ReportAccess.View)
            .WithSummary("下载数据报送附件").ProducesFile(FileResponses.Evidence).ProducesProblem(403).ProducesProblem(404);

    public async Task<EvidenceFile> HandleAsync(Guid id, Guid fileId, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.View);
        var file = await (from f in db.Set<DataRequestFile>().AsNoTracking()
                          join r in db.Set<DataRequestRecipient>() on f.RecipientId equals r.Id
                          where f.Id == fileId && r.RequestId == id
                          select f).FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("附件");
        db.Actor.Demand(ReportAccess.View, file.ScopePath);
        return new EvidenceFile(file.FileName, file.ContentType, file.Content);
    }
}
