using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features;

/// <summary>One registration batch; <paramref name="Actions"/> names the rules of <see cref="StudentAccess"/> the caller passes on it ("approve", "return").</summary>
public sealed record BatchSummary(Guid Id, string Number, int StudentCount, string SubmittedBy, DateTime SubmittedAtUtc, IReadOnlyDictionary<string, int> States, int Version, IReadOnlyList<string> Actions);

/// <summary>One batch with its students per state and its version (the ETag of its decisions).</summary>
public sealed class GetRegistrationBatch(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/batches/{id:guid}", (Guid id, GetRegistrationBatch h, CancellationToken ct) => h.HandleAsync(id, ct))
            .WithSummary("一个报送批次（各状态人数与可执行的操作；响应头 ETag 为其版本）").RequireAccess(StudentAccess.View).Versioned<RegistrationBatch>();

    public async Task<BatchSummary> HandleAsync(Guid batchId, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var batch = await db.Set<RegistrationBatch>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == batchId, ct)
            ?? throw AppException.NotFound("批次");
        var states = await db.Set<StudentRecord>().Where(s => s.BatchId == batchId)
            .GroupBy(s => s.RegistrationState).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new BatchSummary(batch.Id, batch.Number, batch.StudentCount, batch.SubmittedBy, batch.SubmittedAtUtc,
            states.ToDictionary(x => x.Key.ToString(), x => x.Count), batch.Version, StudentAccess.ActionsOnBatch(db.Actor, batch.ScopePath));
    }
}
