using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Features;

public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>Evidence of a change (STA-1): PDF, JPG or PNG, at most 5 MB, the type decided by the bytes, not by the name.</summary>
public sealed class StatusChangeEvidenceFiles(TsaDbContext db, TimeProvider clock)
{
    public const long MaxBytes = EvidenceUpload.MaxBytes;
    public const int MaxFilesPerChange = 10;

    public async Task<EvidenceDto> AddAsync(Guid changeId, string fileName, byte[] content, CancellationToken ct)
    {
        StatusChangeRights.RequireClerk(db.Actor);
        var change = await db.Set<StatusChange>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == changeId, ct) ?? throw AppException.NotFound("学籍异动");
        if (!StatusChangeRights.IsSchoolClerkOf(db.Actor, change.ScopePath))
        {
            throw AppException.Forbidden("只能为本校的学籍异动上传证明材料");
        }

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
        var evidence = new StatusChangeEvidence(Guid.CreateVersion7(), changeId, change.ScopePath, name, type, content, sha, db.Actor.UserName, now);
        db.Add(evidence);
        db.Add(new StatusChangeEvent(changeId, change.ScopePath, "evidence", db.Actor.UserName, now, name));
        db.Record("status_change.evidence_added", "StatusChange", changeId.ToString(), change.ScopePath, null, new { file = name, size = content.Length, sha256 = sha }, clock);
        await db.SaveChangesAsync(ct);
        return new EvidenceDto(evidence.Id, name, type, evidence.Size, sha, evidence.UploadedBy, now);
    }

    public async Task<EvidenceFile> GetAsync(Guid changeId, Guid fileId, CancellationToken ct) =>
        await db.Set<StatusChangeEvidence>().AsNoTracking().Where(e => e.ChangeId == changeId && e.Id == fileId)
            .Select(e => new EvidenceFile(e.FileName, e.ContentType, e.Content)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("证明材料");
}
