using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>STA-4: evidence from the authority or rectification material from the school: PDF, JPG or PNG, at most 5 MB. Audited.</summary>
public sealed class AddSupervisionMeasureFile(TsaDbContext db, TimeProvider clock)
{
    public const long MaxBytes = EvidenceUpload.MaxBytes;
    public const int MaxFilesPerMeasure = 10;

    public static void Map(RouteGroupBuilder m) =>
        m.MapPost("/{id:guid}/files", async (Guid id, IFormFile file, AddSupervisionMeasureFile w, CancellationToken ct) =>
        {
            var added = await w.HandleAsync(id, file.FileName, await EvidenceUpload.ReadAsync(file, "材料", ct), ct);
            return TypedResults.Created($"/api/v1/supervision-measures/{id}/files/{added.Id}", added);
        }).WithSummary("上传证据或整改材料（PDF/JPG/PNG，≤5 MB）").RequirePermission(Permission.ViewStudents).DisableAntiforgery().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public async Task<MeasureFileDto> HandleAsync(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(SupervisionAccess.IssueMeasureRole) && !actor.May(SupervisionAccess.RectifyRole))
        {
            throw AppException.Forbidden("只有采取措施的主管部门或被采取措施的学校可以上传材料");
        }

        var measure = await db.Set<SupervisionMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw AppException.NotFound("监管措施");
        var fromSchool = actor.May(SupervisionAccess.AddFileAsSchool, measure.ScopePath);
        if (!fromSchool)
        {
            actor.Demand(SupervisionAccess.AddFileAsAuthority, measure.ScopePath);
        }

        if (measure.State == MeasureState.Closed)
        {
            throw AppException.Conflict("该监管措施已关闭，不能再上传材料");
        }

        var (name, type, sha) = EvidenceUpload.Check(content, fileName, "材料");
        if (await db.Set<SupervisionMeasureFile>().CountAsync(f => f.MeasureId == id, ct) >= MaxFilesPerMeasure)
        {
            throw AppException.Conflict($"每项监管措施最多上传 {MaxFilesPerMeasure} 个材料");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var file = new SupervisionMeasureFile(Guid.CreateVersion7(), id, measure.ScopePath, name, type, content, sha, fromSchool, actor.UserName, now);
        db.Add(file);
        db.Record(SupervisionAuditActions.MeasureFileAdded, id.ToString(), measure.ScopePath, null, new { file = name, size = content.Length, sha256 = sha, fromSchool }, clock);
        await db.SaveChangesAsync(ct);
        return new MeasureFileDto(file.Id, name, type, file.Size, sha, fromSchool, actor.UserName, now);
    }
}
