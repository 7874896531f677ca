using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// Money an organisation gave back in a fiscal year — to the level above or to the treasury (结余资金退回/缴回国库) —
/// entered by the organisation itself: the "returned" of its final accounts.
/// </summary>
public sealed class FundsRefund : IScoped
{
    private FundsRefund()
    {
    }

    public FundsRefund(Guid id, int organizationId, string scopePath, int fiscalYear, RefundTarget target, long amountFen, DateOnly returnedOn,
        string documentNumber, string? note, string by, DateTime atUtc)
    {
        Id = id;
        OrganizationId = organizationId;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
        Target = target;
        AmountFen = amountFen;
        ReturnedOn = returnedOn;
        DocumentNumber = documentNumber;
        Note = note;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    /// <summary>The organisation's own path.</summary>
    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public RefundTarget Target { get; private set; }

    public long AmountFen { get; private set; }

    public DateOnly ReturnedOn { get; private set; }

    /// <summary>The voucher or document of the return (缴款书/退款文号).</summary>
    public string DocumentNumber { get; private set; } = "";

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }
}
