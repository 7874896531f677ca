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

/// <summary>A round in the caller's scope: its candidates, their assessments and certificates, and what the caller may do next.</summary>
public sealed class GetGraduationRound(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/{id:guid}", (Guid id, GetGraduationRound q, CancellationToken ct) => q.HandleAsync(id, ct))
            .WithSummary("毕业批次详情（候选人、评定、证书编号与当前可执行的操作；响应头 ETag 为其版本）").RequirePermission(Permission.ViewStudents)
            .ProducesProblem(404).Versioned<GraduationRound>();

    public async Task<GraduationRoundDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<GraduationRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("毕业批次");
        var entries = await db.Set<GraduationEntry>().AsNoTracking().Where(e => e.RoundId == id).OrderBy(e => e.StatusNumber).ToListAsync(ct);
        var numbers = entries.Where(e => e.CertificateNumber != null).Select(e => e.CertificateNumber!).ToList();
        var superseded = await db.Set<Certificate>().AsNoTracking().Where(c => numbers.Contains(c.Number) && c.SupersededByNumber != null)
            .ToDictionaryAsync(c => c.Number, c => c.SupersededByNumber, ct);
        var dto = GraduationView.ToDto(round, (entries.Count, entries.Count(e => e.IsAssessed), entries.Count(e => e.Passed)));
        return new GraduationRoundDetail(dto, entries.Select(e => new GraduationEntryDto(
            e.Id, e.StudentId, e.StudentName, e.IdNumberMasked, e.StatusNumber, e.Major, e.LevelText, e.SchoolingEndsOn, e.ConductPassed, e.CoursesPassed,
            e.AssessedBy, e.ReturnNote, e.CertificateNumber, e.CertificateKind, e.CertificateKind?.ToChinese(),
            e.CertificateNumber is { } n && superseded.TryGetValue(n, out var by) ? by : null)).ToList(),
            db.Actor.ActionsOn(round.ScopePath, [.. Open(round, entries.Count)]));
    }

    /// <summary>The rules whose step the round's state allows now; <see cref="Access.ActionsOn"/> keeps those the caller passes.</summary>
    private static IEnumerable<AccessRule> Open(GraduationRound round, int candidates)
    {
        if (round.IsEditableBySchool)
        {
            yield return GraduationAccess.Assess;
            yield return GraduationAccess.RemoveEntry;
            if (candidates > 0)
            {
                yield return GraduationAccess.Submit;
            }
        }

        if (round.State == GraduationRoundState.Submitted)
        {
            yield return GraduationAccess.Approve;
            yield return GraduationAccess.Return;
        }

        if (round.State == GraduationRoundState.Approved)
        {
            yield return GraduationAccess.Upgrade;
        }
    }
}
