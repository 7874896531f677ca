using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Domain;

/// <summary>
/// One edition of the national major catalogue (技工院校专业目录) as the ministry loaded it: its name, the date from which it
/// is in force, the document it comes from, and its entries. An edition is never edited: a correction is a newer edition.
/// The newest edition in force on a date (latest <see cref="EffectiveFrom"/> not after it; of two on the same day, the
/// later loaded) is the one new students are entered against (docs/adr/0025-major-catalogue.md).
/// </summary>
public sealed class MajorCatalogueEdition
{
    public const int MaxNameLength = 60;
    public const int MaxSourceLength = 300;

    public MajorCatalogueEdition(Guid id, string name, DateOnly effectiveFrom, string source, bool isDemo, string loadedBy, DateTime loadedAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (name.Length > MaxNameLength || source.Length > MaxSourceLength)
        {
            throw new ArgumentException("Edition name or source too long.");
        }

        Id = id;
        Name = name;
        EffectiveFrom = effectiveFrom;
        Source = source;
        IsDemo = isDemo;
        LoadedBy = loadedBy;
        LoadedAtUtc = loadedAtUtc;
    }

    private MajorCatalogueEdition()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The edition's name, e.g. 《技工院校专业目录》（2018年修订）; unique.</summary>
    public string Name { get; private set; } = "";

    public DateOnly EffectiveFrom { get; private set; }

    /// <summary>The document the edition comes from (issuer, number, date).</summary>
    public string Source { get; private set; } = "";

    /// <summary>Demo data's stand-in edition: its codes are not the ministry's and say so.</summary>
    public bool IsDemo { get; private set; }

    public string LoadedBy { get; private set; } = "";

    public DateTime LoadedAtUtc { get; private set; }

    public int EntryCount { get; private set; }

    public int Version { get; private set; }

    /// <summary>Adds one entry while the edition is being loaded; a code appears once in an edition.</summary>
    public MajorCatalogueEntry Add(MajorCatalogueEntryInfo entry)
    {
        EntryCount++;
        return new MajorCatalogueEntry(Guid.CreateVersion7(), Id, entry);
    }
}

/// <summary>One entry of an edition; its flags are the catalogue's facts that the aid rules read.</summary>
public sealed class MajorCatalogueEntry
{
    public const int MaxCodeLength = 16;
    public const int MaxNameLength = 60;
    public const int MaxCategoryLength = 40;

    internal MajorCatalogueEntry(Guid id, Guid editionId, MajorCatalogueEntryInfo e)
    {
        if (e.Code.Length is 0 or > MaxCodeLength || e.Name.Length is 0 or > MaxNameLength || e.Category.Length is 0 or > MaxCategoryLength || !Enum.IsDefined(e.Arts))
        {
            throw new ArgumentException("Invalid catalogue entry.", nameof(e));
        }

        Id = id;
        EditionId = editionId;
        Code = e.Code;
        Name = e.Name;
        Category = e.Category;
        IsAgricultural = e.IsAgricultural;
        Arts = e.Arts;
    }

    private MajorCatalogueEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid EditionId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Category { get; private set; } = "";

    public bool IsAgricultural { get; private set; }

    public MajorArts Arts { get; private set; }

    public MajorCatalogueEntryInfo ToInfo() => new(Code, Name, Category, IsAgricultural, Arts);
}
