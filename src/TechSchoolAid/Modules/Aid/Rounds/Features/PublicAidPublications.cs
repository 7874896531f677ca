using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// The lists of a province in their publication period (PUB-1's public page): counted in the database by tier, no
/// student's line ever leaves it. Read past the scope: the public has none, and the publication is public by definition.
/// </summary>
public sealed class PublicAidPublications(TsaDbContext db) : IAidPublicationNotices
{
    public async Task<IReadOnlyList<AidPublicationNotice>> InPublicationAsync(string provinceCode, DateOnly day, CancellationToken ct = default)
    {
        var prefix = $"/{provinceCode}/";
        var rounds = await db.Unscoped<AidRound>("the schools' aid lists in publication are public (PUB-1), counts only").AsNoTracking()
            .Where(r => r.ScopePath.StartsWith(prefix) && r.PublishedFrom != null && r.PublishedFrom <= day && r.PublishedTo >= day)
            .OrderBy(r => r.SchoolCode).ThenBy(r => r.Item)
            .Select(r => new { r.Id, r.SchoolCode, r.SchoolName, r.SchoolYear, r.Semester, r.Item, r.PublishedFrom, r.PublishedTo })
            .ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await db.Unscoped<AidEntry>("the schools' aid lists in publication are public (PUB-1), counts only").AsNoTracking()
            .Where(e => ids.Contains(e.RoundId) && e.State != AidEntryState.Withdrawn && e.State != AidEntryState.Rejected)
            .GroupBy(e => new { e.RoundId, e.YearAmountFen })
            .Select(g => new { g.Key.RoundId, g.Key.YearAmountFen, Count = g.Count() })
            .ToListAsync(ct);
        return rounds.Select(r =>
        {
            var mine = counts.Where(c => c.RoundId == r.Id).ToList();
            var tiers = r.Item == AidItem.Grant
                ? mine.OrderByDescending(c => c.YearAmountFen).Select(c => new AidPublicationTier(c.YearAmountFen, c.Count)).ToList()
                : [];
            return new AidPublicationNotice(r.SchoolCode, r.SchoolName, $"{new AidTerm(r.SchoolYear, r.Semester)} {AidTerm.ItemText(r.Item)}",
                r.PublishedFrom!.Value, r.PublishedTo!.Value, mine.Sum(c => c.Count), tiers);
        }).ToList();
    }
}
