using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Domain;

/// <summary>
/// The province's reopening of the approval deadline for one term (AID-5): reviews in the province may be completed until
/// <see cref="Until"/>. Recorded with the reason, who and when.
/// </summary>
public sealed class AidDeadlineReopening : IScoped
{
    private AidDeadlineReopening()
    {
    }

    public AidDeadlineReopening(Guid id, string provinceCode, string scopePath, AidTerm term, DateOnly until, string reason, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        ScopePath = scopePath;
        SchoolYear = term.SchoolYear;
        Semester = term.Semester;
        Until = until;
        Reason = reason;
        CreatedBy = by;
        CreatedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public DateOnly Until { get; private set; }

    public string Reason { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The latest day the province reopened the round's term until, or null. The province's decision holds for every list in it: read past the scope filter.</summary>
    public static Task<DateOnly?> ReopenedUntilAsync(TsaDbContext db, AidRound round, CancellationToken ct)
    {
        var province = round.ProvinceCode;
        return db.Unscoped<AidDeadlineReopening>("省级重新开放审批对全省学校的名单有效，学校和市级也须读到").AsNoTracking()
            .Where(x => x.ProvinceCode == province && x.SchoolYear == round.SchoolYear && x.Semester == round.Semester)
            .MaxAsync(x => (DateOnly?)x.Until, ct);
    }

    /// <summary>
    /// The reopenings in force on <paramref name="today"/> for the given provinces, by province and term (the latest day
    /// each is open until), so lists past their deadline show "reopened until" instead of "overdue". Read past the scope
    /// filter for the same reason as <see cref="ReopenedUntilAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Province, int SchoolYear, Semester Semester), DateOnly>> InForceAsync(
        TsaDbContext db, IReadOnlyCollection<string> provinces, DateOnly today, CancellationToken ct)
    {
        if (provinces.Count == 0)
        {
            return new Dictionary<(string, int, Semester), DateOnly>();
        }

        var rows = await db.Unscoped<AidDeadlineReopening>("省级重新开放审批对全省学校的名单有效，学校和市级也须读到").AsNoTracking()
            .Where(x => provinces.Contains(x.ProvinceCode) && x.Until >= today)
            .Select(x => new { x.ProvinceCode, x.SchoolYear, x.Semester, x.Until })
            .ToListAsync(ct);
        return rows.GroupBy(x => (x.ProvinceCode, x.SchoolYear, x.Semester)).ToDictionary(g => g.Key, g => g.Max(x => x.Until));
    }
}
