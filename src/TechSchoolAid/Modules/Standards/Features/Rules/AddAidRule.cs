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

namespace TechSchoolAid.Modules.Standards.Features.Rules;

/// <summary>An aid rule as listed (the file by link, never inline).</summary>
public sealed record AidRuleRow(Guid Id, string SchoolCode, string Title, AidRuleKind Kind, string KindText, DateOnly AdoptedOn, string FileName, string ContentType,
    int Size, AidRuleStatus Status, string StatusText, DateOnly? EndedOn, string? EndReason, Guid? ReplacedById, int Version);

/// <summary>What a school records for a rule; <see cref="Replaces"/> names the current rule this new version replaces.</summary>
public sealed record AidRuleInput(string? Title, AidRuleKind? Kind, DateOnly? AdoptedOn, Guid? Replaces);

/// <summary>
/// INS-2: a school records an aid rule it adopted (资助工作制度): title, kind, adoption date (not in the future) and the
/// document — PDF, JPG/PNG or Word, decided by its bytes, at most 5 MB. A new version names the rule it replaces, which
/// stops being current on the new one's adoption date. Audited.
/// </summary>
public sealed class AddAidRule(TsaDbContext db, SchoolDirectory schools, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/schools/{schoolCode}/rules", async (string schoolCode, IFormFile file, [FromForm] string? title, [FromForm] AidRuleKind? kind,
                [FromForm] DateOnly? adoptedOn, [FromForm] Guid? replaces, AddAidRule f, CancellationToken ct) =>
            {
                var row = await f.HandleAsync(schoolCode, new AidRuleInput(title, kind, adoptedOn, replaces), file.FileName, await EvidenceUpload.ReadAsync(file, "制度文件", ct), ct);
                return TypedResults.Created($"/api/v1/standards/rules/{row.Id}", row);
            }).RequireAccess(StandardsAccess.Keep).DisableAntiforgery()
            .WithSummary("学校登记资助工作制度（名称、类别、印发日期、制度文件：PDF/图片/Word，按文件内容校验，≤5 MB；可替代旧版本）")
            .Produces<AidRuleRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public async Task<AidRuleRow> HandleAsync(string schoolCode, AidRuleInput input, string? fileName, byte[] content, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StandardsAccess.Keep, school.ScopePath);
        var title = StandardsSteps.Required(input.Title, "title", "制度名称", 100);
        var kind = StandardsSteps.Enum(input.Kind, "kind", "制度类别");
        var adopted = StandardsSteps.Date(input.AdoptedOn, "adoptedOn", "印发日期");
        var today = clock.Today();
        if (adopted > today)
        {
            throw AppException.Invalid("adoptedOn", $"印发日期不能晚于今天（{ChinaTime.Iso(today)}）");
        }

        var upload = StandardsSteps.Document(content, fileName, "制度文件");
        AidRuleDocument? old = null;
        if (input.Replaces is { } replaces)
        {
            old = await db.Set<AidRuleDocument>().FirstOrDefaultAsync(r => r.Id == replaces && r.SchoolCode == school.Code, ct)
                ?? throw AppException.Invalid("replaces", "要替代的制度不存在或不属于本校");
            if (adopted < old.AdoptedOn)
            {
                throw AppException.Invalid("adoptedOn", $"新版本的印发日期不能早于被替代版本（{ChinaTime.Iso(old.AdoptedOn)}）");
            }
        }

        var rule = new AidRuleDocument(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, title, kind, adopted, upload.FileName, upload.ContentType,
            content, upload.Sha256, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(rule);
        db.Record(StandardsAuditActions.RuleAdded, rule.Id.ToString(), school.ScopePath, null,
            new { title, kind, adoptedOn = ChinaTime.Iso(adopted), file = upload.FileName, sha256 = upload.Sha256, replaces = old?.Id }, clock);
        if (old is not null)
        {
            old.ReplaceBy(rule.Id, adopted);
            db.Record(StandardsAuditActions.RuleReplaced, old.Id.ToString(), school.ScopePath, new { status = AidRuleStatus.Current }, new { status = old.Status, replacedBy = rule.Id }, clock);
        }

        await steps.SaveAsync(ct);
        return ToRow(rule);
    }

    public static AidRuleRow ToRow(AidRuleDocument r) =>
        new(r.Id, r.SchoolCode, r.Title, r.Kind, r.Kind.ToChinese(), r.AdoptedOn, r.FileName, r.ContentType, r.Size, r.Status, r.Status.ToChinese(), r.EndedOn,
            r.EndReason, r.ReplacedById, r.Version);
}
