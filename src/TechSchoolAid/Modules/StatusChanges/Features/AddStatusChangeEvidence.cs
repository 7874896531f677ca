using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>STA-1: evidence of a change: PDF, JPG or PNG, at most 5 MB, the type decided by the bytes, not by the name.</summary>
public sealed class AddStatusChangeEvidence(TsaDbContext db, TimeProvider clock)
{
    public const long MaxBytes = EvidenceUpload.MaxBytes;
    public const int MaxFilesPerChange = 10;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/evidence", async (Guid id, IFormFile file, AddStatusChangeEvidence files, CancellationToken ct) =>
        {
            var added = await files.HandleAsync(id, file.FileName, await EvidenceUpload.ReadAsync(file, "证明材料", ct), ct);
            return TypedResults.Created($"/api/v1/status-changes/{id}/evidence/{added.Id}", added);
        }).WithSummary("上传证明材料（PDF/JPG/PNG，≤5 MB）").RequireAccess(StatusChangeAccess.AddEvidence).DisableAntiforgery().ProducesProblem(400).ProducesProblem(413);

    public async Task<EvidenceDto> HandleAsync(Guid changeId, string fileName, byte[] content, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Clerk);
        var change = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, ct) ?? throw AppException.NotFound("学籍异动");
        actor.Demand(StatusChangeAccess.AddEvidence, change.ScopePath);
        if (!change.IsPending)
        {
            throw AppException.Conflict("已办结或已撤销的异动不能再上传材料");
        }

        var (name, type, sha) = EvidenceUpload.Check(content, fileName, "证明材料");
        if (await db.Set<StatusChangeEvidence>().CountAsync(e => e.ChangeId == changeId, ct) >= MaxFilesPerChange)
        {
            throw AppException.Conflict($"每条异动最多上传 {MaxFilesPerChange} 个证明材料");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var evidence = new StatusChangeEvidence(Guid.CreateVersion7(), changeId, change.ScopePath, name, type, content, sha, actor.UserName, now);
        db.Add(evidence);
        db.Add(new StatusChangeEvent(changeId, change.ScopePath, "evidence", actor.UserName, now, name));
        db.Record(StatusChangeAuditActions.EvidenceAdded, changeId.ToString(), change.ScopePath, null, new { file = name, size = content.Length, sha256 = sha }, clock);
        await db.SaveChangesAsync(ct);
        return new EvidenceDto(evidence.Id, name, type, evidence.Size, sha, evidence.UploadedBy, now);
    }
}
