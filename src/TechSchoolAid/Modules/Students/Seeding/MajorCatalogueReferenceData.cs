using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features.Majors;

namespace TechSchoolAid.Modules.Students.Seeding;

/// <summary>
/// Loads the catalogue entries shipped in ReferenceData/major-catalogue.csv as an edition, once (ADR 0025). The file holds
/// only entries verified from a named source; its "#edition=", "#effectiveFrom=" and "#source=" lines name the edition.
/// While it holds no entry nothing is loaded and the ministry's upload is the way to load the catalogue.
/// </summary>
public static class MajorCatalogueReferenceData
{
    public const string FileName = "major-catalogue.csv";

    public static async Task EnsureAsync(TsaDbContext db, CancellationToken ct)
    {
        var lines = Divisions.ReadResourceLines(FileName).ToList();
        string? Meta(string key) => lines.Where(l => l.StartsWith("#" + key + "=", StringComparison.Ordinal))
            .Select(l => l[(key.Length + 2)..].Trim()).FirstOrDefault(v => v.Length > 0);
        var rows = lines.Where(l => !l.StartsWith('#')).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var name = Meta("edition") ?? throw new InvalidOperationException($"{FileName}: entries without an #edition= line");
        var source = Meta("source") ?? throw new InvalidOperationException($"{FileName}: entries without a #source= line");
        var effective = DateOnly.ParseExact(Meta("effectiveFrom") ?? throw new InvalidOperationException($"{FileName}: entries without an #effectiveFrom= line"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (await db.Set<MajorCatalogueEdition>().AnyAsync(e => e.Name == name, ct))
        {
            return;
        }

        var sheet = TabularFile.Read(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ["code,name,category,agricultural,arts", .. rows])), FileName);
        var problems = new List<MajorRowProblem>();
        var entries = MajorCatalogueFile.Parse(sheet, problems);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{FileName} is invalid: " + string.Join("; ", problems));
        }

        var edition = new MajorCatalogueEdition(Guid.CreateVersion7(), name, effective, source, false, "system", TimeProvider.System.GetUtcNow().UtcDateTime);
        db.Add(edition);
        foreach (var e in entries)
        {
            db.Add(edition.Add(e));
        }

        await db.SaveChangesAsync(ct);
    }
}
