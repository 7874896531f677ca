using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>One major of the national technical-school major catalogue (技工院校专业目录) as an edition lists it.</summary>
/// <param name="Code">The catalogue's code of the major.</param>
/// <param name="Name">The catalogue's name of the major.</param>
/// <param name="Category">The catalogue's 专业类 the major belongs to.</param>
/// <param name="IsAgricultural">涉农专业: a fact of the entry (AID-3 grants), never a switch a clerk sets.</param>
/// <param name="Arts">艺术类表演 / 戏曲表演: a fact of the entry (AID-4 waivers).</param>
public sealed record MajorCatalogueEntryInfo(string Code, string Name, string Category, bool IsAgricultural, MajorArts Arts)
{
    /// <summary>"code name", as the import template writes a major.</summary>
    public string Display => $"{Code} {Name}";
}

/// <summary>
/// The majors of the edition in force today, for other modules (the import template's drop-down list): read-only; the
/// ministry loads editions through the Students module's catalogue features (docs/adr/0025-major-catalogue.md).
/// </summary>
public interface IMajorCatalogue
{
    /// <summary>The entries of the newest edition in force on the China date of today, ordered by code; empty before any edition is loaded.</summary>
    Task<IReadOnlyList<MajorCatalogueEntryInfo>> CurrentEntriesAsync(CancellationToken ct);
}

/// <summary>
/// One edition's entries, looked up the ways a clerk or a file names a major: by code, by the exact catalogue name, or by
/// "code name" as the import template writes it.
/// </summary>
public sealed class MajorCatalogueView
{
    private readonly Dictionary<string, MajorCatalogueEntryInfo> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MajorCatalogueEntryInfo> _byName = new(StringComparer.Ordinal);

    public MajorCatalogueView(string? editionName, IEnumerable<MajorCatalogueEntryInfo> entries)
    {
        EditionName = editionName;
        foreach (var e in entries)
        {
            _byCode[e.Code] = e;
            _byName.TryAdd(e.Name, e);
        }
    }

    /// <summary>The edition's name; null when no edition is in force.</summary>
    public string? EditionName { get; }

    public int Count => _byCode.Count;

    public IEnumerable<MajorCatalogueEntryInfo> Entries => _byCode.Values.OrderBy(e => e.Code, StringComparer.Ordinal);

    /// <summary>The entry a code, an exact name or "code name" designates; null when none does.</summary>
    public MajorCatalogueEntryInfo? Find(string key)
    {
        var k = key.Trim();
        if (_byCode.TryGetValue(k, out var byCode) || _byName.TryGetValue(k, out byCode))
        {
            return byCode;
        }

        var space = k.IndexOfAny([' ', '\u3000']);
        if (space > 0 && _byCode.TryGetValue(k[..space], out var entry) && entry.Name == k[(space + 1)..].Trim())
        {
            return entry;
        }

        return null;
    }

    /// <summary>
    /// The same view plus an entry a student already holds: a student keeps the code it was entered with when a newer
    /// edition drops or renames it, so correcting other fields never forces a new major.
    /// </summary>
    public MajorCatalogueView WithKept(MajorCatalogueEntryInfo? kept)
    {
        if (kept is null || _byCode.ContainsKey(kept.Code))
        {
            return this;
        }

        return new MajorCatalogueView(EditionName, [.. _byCode.Values, kept]);
    }
}

/// <summary>Who may load the national major catalogue (ADR 0017, ADR 0025).</summary>
public static class MajorCatalogueAccess
{
    /// <summary>Loads a new edition: the ministry's administrator.</summary>
    /// <remarks>The server's operator may load the ministry's file from the command line too (tsa import majors), as it bulk-imports students.</remarks>
    public static readonly AccessRule Manage = new("manage-catalogue", Permission.ManageCatalogues, Relation.InScope, "只有部级管理员可以导入专业目录", OrgLevel.Ministry) { SystemMayAct = true };
}
