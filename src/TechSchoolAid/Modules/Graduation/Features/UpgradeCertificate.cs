using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features;

public sealed record UpgradeInput(string? Reason);

/// <summary>GRD-1: a completion certificate becomes a graduation certificate (new number); the old one stays, marked superseded.</summary>
public sealed class UpgradeCertificate(TsaDbContext db, StudentLifecycle lifecycle, GraduationSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder c) =>
        c.MapPost("/{number}/upgrade", async (string number, UpgradeInput input, UpgradeCertificate w, CancellationToken ct) =>
        {
            var issued = await w.HandleAsync(number, input, ct);
            return TypedResults.Created($"/api/v1/certificates/{issued.Number}", GraduationView.ToDto(issued));
        }).WithSummary("结业证书换发为毕业证书（新编号，原证书作废）").RequireAccess(GraduationAccess.Upgrade).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<Certificate> HandleAsync(string number, UpgradeInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(GraduationAccess.Reviewer);
        var normalized = CertificateNumber.Normalize(number);
        var old = await db.Set<Certificate>().FirstOrDefaultAsync(c => c.Number == normalized, ct) ?? throw AppException.NotFound("证书");
        actor.Demand(GraduationAccess.Upgrade, old.ScopePath);

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "换发毕业证书必须填写原因，例如「补考全部合格」");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "原因不能超过 500 字");
        }

        if (old.Kind != CertificateKind.Completion || old.IsSuperseded)
        {
            throw AppException.Conflict(old.IsSuperseded ? $"证书 {old.Number} 已换发过，不能重复换发" : "只有结业证书可以换发为毕业证书");
        }

        var round = await db.Set<GraduationRound>().AsNoTracking().FirstAsync(r => r.Id == old.RoundId, ct);
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var newNumber = await steps.NextNumberAsync(today.Year, old.SchoolCode, round.SchoolKind, CertificateKind.Graduation, [], ct);
        var replacement = new Certificate(Guid.CreateVersion7(), newNumber, CertificateKind.Graduation, old.StudentId, old.RoundId, old.ScopePath, old.HolderName, old.SchoolCode, old.SchoolName,
            old.Major, old.LevelText, today, actor.UserName, now);
        old.SupersedeBy(replacement, today, reason);
        db.Add(replacement);
        await lifecycle.ChangeStatusAsync(old.StudentId, EnrolmentStatus.Graduated, today, ct);
        db.Record(GraduationAuditActions.CertificateUpgraded, replacement.Number, old.ScopePath, new { number = old.Number, kind = old.Kind }, new { number = replacement.Number, kind = replacement.Kind, reason }, clock);
        await steps.SaveAsync(ct);
        return replacement;
    }
}
