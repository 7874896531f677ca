using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-4: a measure's evidence or rectification file, for whoever sees the measure.</summary>
public sealed class DownloadSupervisionMeasureFile(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder m) =>
        m.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, DownloadSupervisionMeasureFile w, CancellationToken ct) =>
        {
            return (await w.HandleAsync(id, fileId, ct)).ToResult("材料");
        }).WithSummary("下载证据或整改材料").RequirePermission(Permission.ViewStudents).ProducesFile(FileResponses.Evidence).ProducesProblem(404);

    public async Task<EvidenceFile> HandleAsync(Guid id, Guid fileId, CancellationToken ct) =>
        await db.Set<SupervisionMeasureFile>().AsNoTracking().Where(f => f.MeasureId == id && f.Id == fileId)
            .Select(f => new EvidenceFile(f.FileName, f.ContentType, f.Content)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("材料");
}
