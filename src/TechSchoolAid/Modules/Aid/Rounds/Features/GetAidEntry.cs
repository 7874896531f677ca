using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>One line of a list with its version as the ETag: what a client reads before deciding on the line (If-Match).</summary>
public sealed class GetAidEntry(TsaDbContext db)
{
    public static void Map(IEndpointRouteBuilder entries) =>
        entries.MapGet("/{id:guid}", (Guid id, GetAidEntry get, CancellationToken ct) => get.HandleAsync(id, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("名单中的一名学生（响应头 ETag 为其版本，调整档次、撤出、登记或答复异议时在 If-Match 中带回）")
            .Produces<AidEntryRow>().ProducesProblem(404).Versioned<AidEntry>();

    public async Task<AidEntryRow> HandleAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.Set<AidEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw AppException.NotFound("名单中的学生");
        var deadline = await db.Set<AidRound>().Where(r => r.Id == entry.RoundId).Select(r => (DateOnly?)r.ApprovalDeadline).FirstOrDefaultAsync(ct);
        return AidRoundRows.ToRow(entry, deadline);
    }
}
