using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;

namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>The school's self-inspection (自查) against the checklist for a year, submitted before the visit (INS-1).</summary>
public sealed class SelfInspection : IScoped
{
    public const int MaxNoteLength = 1000;

    private readonly List<SelfInspectionItem> _items = [];

    private SelfInspection()
    {
    }

    public SelfInspection(Guid id, int schoolId, string schoolCode, string scopePath, int year, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        Year = year;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int Year { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    public DateTime SubmittedAtUtc { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<SelfInspectionItem> Items => _items;

    public void Add(string itemKey, Conclusion conclusion, string? note) =>
        _items.Add(new SelfInspectionItem(Guid.CreateVersion7(), Id, ScopePath, itemKey, conclusion, note));
}

public sealed class SelfInspectionItem : IScoped
{
    private SelfInspectionItem()
    {
    }

    internal SelfInspectionItem(Guid id, Guid selfInspectionId, string scopePath, string itemKey, Conclusion conclusion, string? note)
    {
        Id = id;
        SelfInspectionId = selfInspectionId;
        ScopePath = scopePath;
        ItemKey = itemKey;
        Conclusion = conclusion;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid SelfInspectionId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string ItemKey { get; private set; } = "";

    public Conclusion Conclusion { get; private set; }

    public string? Note { get; private set; }
}
