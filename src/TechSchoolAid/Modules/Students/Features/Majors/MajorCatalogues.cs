using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Majors;

/// <summary>
/// Which edition of the major catalogue is in force (ADR 0025): the latest <see cref="MajorCatalogueEdition.EffectiveFrom"/>
/// not after the date; of two effective the same day, the one loaded last. An edition effective later is loaded ahead
/// and takes over on its date without anyone acting.
/// </summary>
public static class MajorCatalogues
{
    public static Task<MajorCatalogueEdition?> EditionInForceAsync(TsaDbContext db, DateOnly date, CancellationToken ct) =>
        db.Set<MajorCatalogueEdition>().AsNoTracking()
            .Where(e => e.EffectiveFrom <= date)
            .OrderByDescending(e => e.EffectiveFrom).ThenByDescending(e => e.LoadedAtUtc)
            .FirstOrDefaultAsync(ct);

    /// <summary>The entries of the edition in force on <paramref name="date"/>; an empty view naming no edition before any is loaded.</summary>
    public static async Task<MajorCatalogueView> InForceAsync(TsaDbContext db, DateOnly date, CancellationToken ct)
    {
        var edition = await EditionInForceAsync(db, date, ct);
        if (edition is null)
        {
            return new MajorCatalogueView(null, []);
        }

        var entries = await db.Set<MajorCatalogueEntry>().AsNoTracking().Where(e => e.EditionId == edition.Id).ToListAsync(ct);
        return new MajorCatalogueView(edition.Name, entries.Select(e => e.ToInfo()));
    }

    /// <summary>The view for correcting a student: today's edition plus the entry the student already holds (students keep their code).</summary>
    public static async Task<MajorCatalogueView> ForStudentAsync(TsaDbContext db, DateOnly date, StudentRecord student, CancellationToken ct)
    {
        var view = await InForceAsync(db, date, ct);
        return student.MajorCode is { } code
            ? view.WithKept(new MajorCatalogueEntryInfo(code, student.Major, "（原登记专业）", student.MajorIsAgricultural, student.MajorArts))
            : view;
    }
}

/// <summary><see cref="IMajorCatalogue"/> for other modules: today's edition.</summary>
public sealed class MajorCatalogueQuery(TsaDbContext db, TimeProvider clock) : IMajorCatalogue
{
    public async Task<IReadOnlyList<MajorCatalogueEntryInfo>> CurrentEntriesAsync(CancellationToken ct) =>
        [.. (await MajorCatalogues.InForceAsync(db, clock.Today(), ct)).Entries];
}
