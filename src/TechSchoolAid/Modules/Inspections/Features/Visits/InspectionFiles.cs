using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Visits;

/// <summary>
/// Evidence of a finding (the inspectors) and material of a rectification answer (the school): PDF, JPG or PNG, at most
/// 5 MB, the type read from the bytes (EvidenceUpload); and their download within the scope.
/// </summary>
public sealed class InspectionFiles(TsaDbContext db, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/findings/{id:guid}/files", async (Guid id, IFormFile file, InspectionFiles files, CancellationToken ct) =>
            {
                var added = await files.AddToFindingAsync(id, file.FileName, await EvidenceUpload.ReadAsync(file, "检查证据", ct), ct);
                return TypedResults.Created($"/api/v1/inspections/files/{added.Id}", added);
            })
            .RequireAccess(InspectionAccess.RecordVisit).DisableAntiforgery()
            .WithSummary("上传检查发现的证据（PDF/JPG/PNG，≤5 MB，按文件内容判断类型）")
            .Produces<FileView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        g.MapPost("/rectifications/{id:guid}/files", async (Guid id, IFormFile file, InspectionFiles files, CancellationToken ct) =>
            {
                var added = await files.AddToRectificationAsync(id, file.FileName, await EvidenceUpload.ReadAsync(file, "整改材料", ct), ct);
                return TypedResults.Created($"/api/v1/inspections/files/{added.Id}", added);
            })
            .RequireAccess(InspectionAccess.Answer).DisableAntiforgery()
            .WithSummary("学校上传整改材料（PDF/JPG/PNG，≤5 MB，按文件内容判断类型）")
            .Produces<FileView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        g.MapGet("/files/{id:guid}", async (Guid id, InspectionFiles files, CancellationToken ct) => (await files.DownloadAsync(id, ct)).ToResult("检查材料"))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("下载检查证据或整改材料")
            .ProducesFile(FileResponses.Evidence).ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<FileView> AddToFindingAsync(Guid findingId, string fileName, byte[] content, CancellationToken ct)
    {
        var finding = await db.Set<Finding>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == findingId, ct) ?? throw AppException.NotFound("检查发现");
        var kind = await db.Set<InspectionVisit>().Where(v => v.Id == finding.VisitId).Select(v => v.Kind).FirstAsync(ct);
        db.Actor.Demand(kind == VisitKind.SpotCheck ? InspectionAccess.SpotCheck : InspectionAccess.RecordVisit, finding.ScopePath);
        var file = await AddAsync(findingId, false, finding.ScopePath, fileName, content, "检查证据", ct);
        db.Record(InspectionAuditActions.FindingFileAdded, finding.VisitId.ToString(), finding.ScopePath, null, new { findingId, file.FileName, file.Size, file.Sha256 }, clock);
        await support.SaveAsync("检查记录已被他人修改，请刷新后重试", ct);
        return ToView(file);
    }

    public async Task<FileView> AddToRectificationAsync(Guid taskId, string fileName, byte[] content, CancellationToken ct)
    {
        var task = await db.Set<RectificationTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw AppException.NotFound("整改任务");
        db.Actor.Demand(InspectionAccess.Answer, task.ScopePath);
        if (task.State is RectificationState.Closed or RectificationState.Answered)
        {
            throw AppException.Conflict(task.State == RectificationState.Closed ? "该整改任务已验收关闭" : "整改情况已报送，正在等待省级验收");
        }

        var file = await AddAsync(taskId, true, task.ScopePath, fileName, content, "整改材料", ct);
        db.Record(InspectionAuditActions.RectificationFileAdded, taskId.ToString(), task.ScopePath, null, new { file.FileName, file.Size, file.Sha256 }, clock);
        await support.SaveAsync("整改任务已被他人修改，请刷新后重试", ct);
        return ToView(file);
    }

    public async Task<EvidenceFile> DownloadAsync(Guid id, CancellationToken ct)
    {
        var file = await db.Set<InspectionFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw AppException.NotFound("文件");
        db.Actor.Demand(InspectionAccess.View, file.ScopePath);
        return new EvidenceFile(file.FileName, file.ContentType, file.Content);
    }

    public static FileView ToView(InspectionFile f) => new(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedBy, f.UploadedAtUtc);

    private async Task<InspectionFile> AddAsync(Guid ownerId, bool ofRectification, string scopePath, string fileName, byte[] content, string what, CancellationToken ct)
    {
        var (name, type, sha) = EvidenceUpload.Check(content, fileName, what);
        if (await db.Set<InspectionFile>().CountAsync(f => f.OwnerId == ownerId, ct) >= InspectionFile.MaxFilesPerOwner)
        {
            throw AppException.Conflict($"每项最多上传 {InspectionFile.MaxFilesPerOwner} 个文件");
        }

        var file = new InspectionFile(Guid.CreateVersion7(), ownerId, ofRectification, scopePath, name, type, content, sha, db.Actor.UserName, support.NowUtc);
        db.Add(file);
        return file;
    }
}
