using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Rules;

/// <summary>The files of the module, as attachments under a safe name, each download audited: a rule's document, a brochure, a training certificate.</summary>
public sealed class DownloadStandardsFile(TsaDbContext db, TimeProvider clock)
{
    private static readonly string[] Types = [.. FileResponses.Evidence, StandardsSteps.DocxType, StandardsSteps.DocType];

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/rules/{id:guid}/file", async (Guid id, DownloadStandardsFile f, HttpContext http, CancellationToken ct) => Serve(http, await f.RuleAsync(id, ct), "制度文件"))
            .RequireAccess(StandardsAccess.View).WithSummary("下载资助工作制度文件（附件方式）").ProducesFile(Types).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/brochures/{id:guid}/file", async (Guid id, DownloadStandardsFile f, HttpContext http, CancellationToken ct) => Serve(http, await f.BrochureAsync(id, ct), "招生简章"))
            .RequireAccess(StandardsAccess.View).WithSummary("下载招生简章文件（附件方式）").ProducesFile(FileResponses.Evidence).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/staff-trainings/{id:guid}/certificate", async (Guid id, DownloadStandardsFile f, HttpContext http, CancellationToken ct) => Serve(http, await f.CertificateAsync(id, ct), "培训证书"))
            .RequireAccess(StandardsAccess.View).WithSummary("下载外部培训证书（附件方式）").ProducesFile(FileResponses.Evidence).ProducesProblem(403).ProducesProblem(404);
    }

    private static IResult Serve(HttpContext http, EvidenceFile file, string what)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var name = file.ContentType switch
        {
            StandardsSteps.DocxType or StandardsSteps.DocType => file.FileName,
            _ => EvidenceUpload.SafeName(file.FileName, file.ContentType, what),
        };
        return TypedResults.File(file.Content, file.ContentType, name);
    }

    public async Task<EvidenceFile> RuleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var r = await db.Set<AidRuleDocument>().AsNoTracking().Where(x => x.Id == id).Select(x => new { x.FileName, x.ContentType, x.Content, x.ScopePath })
            .FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("资助工作制度");
        return await AuditedAsync(StandardsAuditActions.RuleDownloaded, id, r.ScopePath, new EvidenceFile(r.FileName, r.ContentType, r.Content), ct);
    }

    public async Task<EvidenceFile> BrochureAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var b = await db.Set<Brochure>().AsNoTracking().Where(x => x.Id == id && x.Size > 0).Select(x => new { x.FileName, x.ContentType, x.Content, x.ScopePath })
            .FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("招生简章文件");
        return await AuditedAsync(StandardsAuditActions.BrochureDownloaded, id, b.ScopePath, new EvidenceFile(b.FileName, b.ContentType, b.Content), ct);
    }

    public async Task<EvidenceFile> CertificateAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var t = await db.Set<StaffTraining>().AsNoTracking().Where(x => x.Id == id && x.Certificate != null)
            .Select(x => new { x.CertificateName, x.CertificateType, x.Certificate, x.ScopePath }).FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("培训证书");
        return await AuditedAsync(StandardsAuditActions.CertificateDownloaded, id, t.ScopePath, new EvidenceFile(t.CertificateName!, t.CertificateType!, t.Certificate!), ct);
    }

    private async Task<EvidenceFile> AuditedAsync(Audit.Contracts.AuditAction action, Guid id, string scopePath, EvidenceFile file, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View, scopePath);
        db.Record(action, id.ToString(), scopePath, null, new { file = file.FileName }, clock);
        await db.SaveChangesAsync(ct);
        return file;
    }
}
