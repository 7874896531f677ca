using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Brochures;

/// <summary>
/// PUB-2: a school uploads its enrolment brochure (招生简章) for an intake (year + 春季/秋季): PDF or image only, decided by
/// the bytes and never by the name (a Word file or a program named .pdf is refused with 400, nothing written), at most
/// 5 MB. The first upload creates the intake's brochure as a draft; a later one replaces the file while it is a draft or
/// returned. Audited with the file's SHA-256.
/// </summary>
public sealed class UploadBrochure(TsaDbContext db, SchoolDirectory schools, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/schools/{schoolCode}/brochures", async (string schoolCode, IFormFile file, [FromForm] int? year, [FromForm] IntakeSeason? season, UploadBrochure f,
                CancellationToken ct) => await f.HandleAsync(schoolCode, year, season, file.FileName, await EvidenceUpload.ReadAsync(file, "招生简章", ct), ct))
            .RequireAccess(StandardsAccess.Keep).DisableAntiforgery()
            .WithSummary("学校上传某招生季的招生简章（仅 PDF 或 JPG/PNG 图片，按文件内容校验，≤5 MB；未提交或被退回时可重新上传）")
            .Produces<BrochureView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public async Task<BrochureView> HandleAsync(string schoolCode, int? year, IntakeSeason? season, string? fileName, byte[] content, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StandardsAccess.Keep, school.ScopePath);
        var today = clock.Today();
        if (year is not { } y || y < 2000 || y > today.Year + 1)
        {
            throw AppException.Invalid("year", $"招生年度须在 2000 年至 {today.Year + 1} 年之间");
        }

        var s = StandardsSteps.Enum(season, "season", "招生季（春季或秋季）");
        var upload = StandardsSteps.PdfOrImage(content, fileName, "招生简章");
        var now = clock.GetUtcNow().UtcDateTime;
        var brochure = await db.Set<Brochure>().FirstOrDefaultAsync(b => b.SchoolId == school.Id && b.Year == y && b.Season == s, ct);
        if (brochure is null)
        {
            brochure = new Brochure(Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath, y, s, db.Actor.UserName, now);
            db.Add(brochure);
        }

        brochure.SetFile(upload.FileName, upload.ContentType, content, upload.Sha256, db.Actor.UserName, now);
        db.Record(StandardsAuditActions.BrochureUploaded, brochure.Id.ToString(), school.ScopePath, null,
            new { intake = StandardsText.Intake(y, s), file = upload.FileName, size = content.Length, sha256 = upload.Sha256 }, clock);
        await steps.SaveAsync(ct, "该招生季的招生简章刚被他人上传，请刷新后重试");
        return BrochureView.Of(brochure, db.Actor);
    }
}
