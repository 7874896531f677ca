namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>
/// One item of the national inspection checklist (the notice 三(一), INS-1/INS-2): a stable key, the Chinese text, its
/// area and the source it comes from. Reference data shipped with the product; the keys "aid-rules", "aid-staff",
/// "training" and "brochure" match the facts of <see cref="Contracts.ISchoolComplianceSource"/>.
/// </summary>
public sealed class ChecklistItem
{
    private ChecklistItem()
    {
    }

    public ChecklistItem(string key, int order, string area, string text, string source)
    {
        Key = key;
        Order = order;
        Area = area;
        Text = text;
        Source = source;
    }

    public string Key { get; private set; } = "";

    public int Order { get; private set; }

    public string Area { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string Source { get; private set; } = "";
}
