using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// An organisation's fiscal year of aid money (the calendar year: 预算法 第十八条 "预算年度自公历1月1日起，至12月31日止").
/// Closing it after its final accounts balance makes every money record of the year under the organisation read-only:
/// allocations, batches, returns, vouchers, compensation and recoveries (FND-2 "closed year is read-only"). A closed year
/// is reopened only with a reason, audited.
/// </summary>
public sealed class FundsYear : IScoped
{
    private FundsYear()
    {
    }

    public FundsYear(Guid id, int organizationId, string scopePath, int fiscalYear)
    {
        Id = id;
        OrganizationId = organizationId;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    /// <summary>The organisation's own path: its year covers every record at or under it.</summary>
    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public bool IsClosed { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public string? ReopenedBy { get; private set; }

    public DateTime? ReopenedAtUtc { get; private set; }

    public string? ReopenReason { get; private set; }

    public int Version { get; private set; }

    public void Close(string by, DateTime atUtc)
    {
        if (IsClosed)
        {
            throw AppException.Conflict($"{FiscalYear}年度已关闭");
        }

        IsClosed = true;
        ClosedBy = by;
        ClosedAtUtc = atUtc;
        Version++;
    }

    public void Reopen(string reason, string by, DateTime atUtc)
    {
        if (!IsClosed)
        {
            throw AppException.Conflict($"{FiscalYear}年度未关闭，无需重新开放");
        }

        IsClosed = false;
        ReopenReason = reason;
        ReopenedBy = by;
        ReopenedAtUtc = atUtc;
        Version++;
    }
}
