using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// An organisation's final accounts of a fiscal year (决算), as drawn up: the figures it declares beside the figures the
/// system computed at that moment, so a later reader sees both. Drawn up again replaces both; one per organisation and year.
/// </summary>
public sealed class FinalAccount : IScoped
{
    private FinalAccount()
    {
    }

    public FinalAccount(Guid id, int organizationId, string organizationName, string scopePath, int fiscalYear)
    {
        Id = id;
        OrganizationId = organizationId;
        OrganizationName = organizationName;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    public string OrganizationName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public long DeclaredReceivedFen { get; private set; }

    public long DeclaredPaidFen { get; private set; }

    public long DeclaredReturnedFen { get; private set; }

    public long DeclaredBalanceFen { get; private set; }

    public long ComputedReceivedFen { get; private set; }

    public long ComputedPaidFen { get; private set; }

    public long ComputedReturnedFen { get; private set; }

    public long ComputedBalanceFen { get; private set; }

    public string? Note { get; private set; }

    public string DrawnUpBy { get; private set; } = "";

    public DateTime DrawnUpAtUtc { get; private set; }

    public int Version { get; private set; }

    public void DrawUp((long Received, long Paid, long Returned, long Balance) declared, (long Received, long Paid, long Returned, long Balance) computed,
        string? note, string by, DateTime atUtc)
    {
        (DeclaredReceivedFen, DeclaredPaidFen, DeclaredReturnedFen, DeclaredBalanceFen) = declared;
        (ComputedReceivedFen, ComputedPaidFen, ComputedReturnedFen, ComputedBalanceFen) = computed;
        Note = note;
        DrawnUpBy = by;
        DrawnUpAtUtc = atUtc;
        Version++;
    }
}
