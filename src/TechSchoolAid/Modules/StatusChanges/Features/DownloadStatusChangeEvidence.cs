using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>A change's evidence file, for anyone who sees the change (the DbContext's scope filter).</summary>
public sealed class DownloadStatusChangeEvidence(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/{id:guid}/evidence/{fileId:guid}", async (Guid id, Guid fileId, DownloadStatusChangeEvidence files, CancellationToken ct) =>
        {
            return (await files.HandleAsync(id, fileId, ct)).ToResult();
        }).WithSummary("下载证明材料").RequirePermission(Permission.ViewStudents).ProducesFile(FileResponses.Evidence).ProducesProblem(404);

    public async Task<EvidenceFile> HandleAsync(Guid changeId, Guid fileId, CancellationToken ct) =>
        await db.Set<StatusChangeEvidence>().AsNoTracking().Where(e => e.ChangeId == changeId && e.Id == fileId)
            .Select(e => new EvidenceFile(e.FileName, e.ContentType, e.Content)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("证明材料");
}
