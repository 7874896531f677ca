using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>A province uploads a file for a file field of a request sent to it (PDF, JPG or PNG by its bytes, at most 5 MB), until the request is closed.</summary>
public sealed class AttachDataRequestFile(TsaDbContext db, DataRequestReads reads, TimeProvider clock)
{
    public const int MaxFilesPerField = 5;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/data-requests/{id:guid}/files", async (Guid id, [Microsoft.AspNetCore.Mvc.FromForm] string field, IFormFile file, AttachDataRequestFile f, CancellationToken ct) =>
        {
            var added = await f.HandleAsync(id, field, file.FileName, await EvidenceUpload.ReadAsync(file, "附件", ct), ct);
            return TypedResults.Created($"/api/v1/reports/data-requests/{id}/files/{added.Id}", added);
        }).RequireAccess(ReportAccess.Answer).DisableAntiforgery()
            .WithSummary("省级为数据报送的文件字段上传附件（PDF/JPG/PNG，≤5 MB，按内容判断类型）")
            .Produces<DataFileView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public async Task<DataFileView> HandleAsync(Guid id, string? field, string fileName, byte[] content, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ReportAccess.Answer);
        var (request, recipients) = await reads.LoadAsync(id, track: false, ct);
        var recipient = recipients.FirstOrDefault(r => r.ScopePath == actor.ScopePath) ?? throw AppException.NotFound("数据报送通知");
        actor.Demand(ReportAccess.Answer, recipient.ScopePath);
        var name = field?.Trim() ?? "";
        if (DataRequestReads.Fields(request).All(f => f.Name != name || f.Kind != DataFieldKind.File))
        {
            throw AppException.Invalid("field", name.Length == 0 ? "请指明附件对应的字段" : $"通知中没有文件字段「{(name.Length > 20 ? name[..20] + "…" : name)}」");
        }

        if (request.State == DataRequestState.Closed)
        {
            throw AppException.Conflict("该数据报送通知已关闭，不能再上传附件");
        }

        var (safeName, type, sha) = EvidenceUpload.Check(content, fileName, "附件");
        if (await db.Set<DataRequestFile>().CountAsync(f => f.RecipientId == recipient.Id && f.Field == name, ct) >= MaxFilesPerField)
        {
            throw AppException.Conflict($"每个文件字段最多上传 {MaxFilesPerField} 个附件");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var file = new DataRequestFile(Guid.CreateVersion7(), recipient.Id, recipient.ScopePath, name, safeName, type, content, sha, actor.UserName, now);
        db.Add(file);
        db.Record(ReportAuditActions.FileAttached, request.Id.ToString(), recipient.ScopePath, null, new { field = name, file = safeName, size = content.Length, sha256 = sha }, clock);
        await ReportSteps.SaveAsync(db, ct);
        return new DataFileView(file.Id, name, safeName, type, content.Length, sha, actor.UserName, now);
    }
}
