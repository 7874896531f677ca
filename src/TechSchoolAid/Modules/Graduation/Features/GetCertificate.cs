using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

/// <summary>A certificate in the caller's scope, in full (the holder's name included): for staff and the print page.</summary>
public sealed class GetCertificate(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder c) =>
        c.MapGet("/{number}", (string number, GetCertificate q, CancellationToken ct) => q.HandleAsync(number, ct))
            .WithSummary("管理范围内的证书（含持证人姓名）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);

    public async Task<CertificateDto> HandleAsync(string number, CancellationToken ct)
    {
        var normalized = CertificateNumber.Normalize(number);
        var c = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == normalized, ct) ?? throw AppException.NotFound("证书");
        return GraduationView.ToDto(c);
    }
}
