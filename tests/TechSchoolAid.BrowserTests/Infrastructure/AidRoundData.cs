using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>Direct arrangements for the aid round tests (as the system actor, outside any user's scope).</summary>
public static class AidRoundData
{
    /// <summary>
    /// Removes a school's list for one item and term with its lines, so that a test can build it from the start whether
    /// or not the demo data seeded one.
    /// </summary>
    public static Task<int> RemoveRoundAsync(this AppServer app, string schoolCode, AidTerm term, AidItem item) =>
        app.WithDbAsync(async db =>
        {
            var ids = await db.Set<AidRound>().IgnoreQueryFilters()
                .Where(r => r.SchoolCode == schoolCode && r.SchoolYear == term.SchoolYear && r.Semester == term.Semester && r.Item == item)
                .Select(r => r.Id).ToListAsync();
            await db.Set<AidEntry>().IgnoreQueryFilters().Where(e => ids.Contains(e.RoundId)).ExecuteDeleteAsync();
            return await db.Set<AidRound>().IgnoreQueryFilters().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync();
        });

    /// <summary>
    /// Moves a published list's publication period into the past, as if the test had waited for it to end: the suite
    /// shares one fake clock that other tests rely on, so the period moves instead of the clock.
    /// </summary>
    public static Task<int> BackdatePublicationAsync(this AppServer app, Guid roundId, DateOnly from, DateOnly to) =>
        app.WithDbAsync(db => db.Set<AidRound>().IgnoreQueryFilters().Where(r => r.Id == roundId && r.State == AidRoundState.Published)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.PublishedFrom, from).SetProperty(r => r.PublishedTo, to)));

    public static Task<AidRound?> GetRoundAsync(this AppServer app, Guid id) =>
        app.WithDbAsync(db => db.Set<AidRound>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id));

    public static Task<List<AidEntry>> EntriesOfAsync(this AppServer app, Guid roundId) =>
        app.WithDbAsync(db => db.Set<AidEntry>().IgnoreQueryFilters().AsNoTracking().Where(e => e.RoundId == roundId).ToListAsync());
}
