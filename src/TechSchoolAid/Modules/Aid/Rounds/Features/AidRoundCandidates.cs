using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// Small read-only look-ups for the round screens: the school's 在籍 students not on the list (to add one), and the
/// classes on a list (for its class filter). Both within the caller's scope.
/// </summary>
public sealed class AidRoundCandidates(TsaDbContext db)
{
    public const int MaxCandidates = 50;

    /// <summary>Approved, 在籍 students of the list's school who are not on it (or were withdrawn), by name or class part.</summary>
    public async Task<IReadOnlyList<AidCandidate>> ForRoundAsync(Guid roundId, string? search, CancellationToken ct)
    {
        var schoolId = await db.Set<AidRound>().AsNoTracking().Where(r => r.Id == roundId).Select(r => (int?)r.SchoolId).FirstOrDefaultAsync(ct)
                       ?? throw AppException.NotFound("资助名单");
        var listed = db.Set<AidEntry>().Where(e => e.RoundId == roundId && e.State != AidEntryState.Withdrawn).Select(e => e.StudentId);
        var withdrawn = db.Set<AidEntry>().Where(e => e.RoundId == roundId && e.State == AidEntryState.Withdrawn).Select(e => e.StudentId);
        var q = db.StudentAidFactsInScope()
            .Where(s => s.SchoolId == schoolId && s.RegistrationApproved && s.Status == EnrolmentStatus.Active && !listed.Contains(s.Id));
        if (search?.Trim() is { Length: > 0 } text)
        {
            q = q.Where(s => s.Name.Contains(text) || s.ClassName.Contains(text));
        }

        return await q.OrderBy(s => s.ClassName).ThenBy(s => s.Name).Take(MaxCandidates)
            .Select(s => new AidCandidate(s.Id, s.Name, s.ClassName, s.IdNumberMasked, withdrawn.Contains(s.Id)))
            .ToListAsync(ct);
    }

    /// <summary>The classes that have a line on the list, in order.</summary>
    public async Task<IReadOnlyList<string>> ClassesAsync(Guid roundId, CancellationToken ct) =>
        await db.Set<AidEntry>().AsNoTracking().Where(e => e.RoundId == roundId).Select(e => e.ClassName).Distinct().OrderBy(c => c).ToListAsync(ct);
}
