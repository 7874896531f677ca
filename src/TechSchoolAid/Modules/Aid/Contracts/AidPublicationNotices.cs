namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>
/// A school's aid list in its publication period as the public site shows it (PUB-1): which school publishes which
/// list until when, and how many students per tier — never a name or any other personal data.
/// </summary>
/// <param name="SchoolCode">The school.</param>
/// <param name="SchoolName">Its name.</param>
/// <param name="List">"2026-2027学年秋季学期 国家助学金".</param>
/// <param name="From">First day of the publication.</param>
/// <param name="To">Last day of the publication (objections until then).</param>
/// <param name="Students">Students on the list.</param>
/// <param name="Tiers">Students per grant tier (amount per year in fen → count); empty for the waiver.</param>
public sealed record AidPublicationNotice(string SchoolCode, string SchoolName, string List, DateOnly From, DateOnly To, int Students,
    IReadOnlyList<AidPublicationTier> Tiers);

/// <summary>Students on a published grant list at one yearly amount.</summary>
public sealed record AidPublicationTier(long YearAmountFen, int Students);

/// <summary>What the public site reads of the aid lists: those of a province in publication on a day, counts only.</summary>
public interface IAidPublicationNotices
{
    Task<IReadOnlyList<AidPublicationNotice>> InPublicationAsync(string provinceCode, DateOnly day, CancellationToken ct = default);
}
