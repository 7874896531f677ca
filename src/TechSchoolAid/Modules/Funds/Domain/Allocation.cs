using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// Money for one aid item and fiscal year passed from one level to the one below (FND-1): the central allocation to a
/// province (sent by the ministry), a province's sub-allocation to a city or a school, a city's to a school. The row
/// lives in the recipient's scope, so both the sender (an ancestor) and the recipient see it. A sub-allocation names the
/// allocation it passes on (<see cref="ParentId"/>), so its lateness is measured from the sender's own receipt
/// (财教〔2019〕25号《中等职业学校学生资助资金管理办法》: 省级财政部门在收到中央资金后30日内分解下达).
/// </summary>
public sealed class Allocation : IScoped
{
    private Allocation()
    {
    }

    public Allocation(Guid id, int fiscalYear, AidItem item, FundsSource source, int fromOrganizationId, string fromScopePath,
        int toOrganizationId, string toName, string toScopePath, long amountFen, string documentNumber, DateOnly issuedOn, Guid? parentId,
        string by, DateTime atUtc)
    {
        Id = id;
        FiscalYear = fiscalYear;
        Item = item;
        Source = source;
        FromOrganizationId = fromOrganizationId;
        FromScopePath = fromScopePath;
        ToOrganizationId = toOrganizationId;
        ToName = toName;
        ScopePath = toScopePath;
        AmountFen = amountFen;
        DocumentNumber = documentNumber;
        IssuedOn = issuedOn;
        ParentId = parentId;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int FiscalYear { get; private set; }

    public AidItem Item { get; private set; }

    public FundsSource Source { get; private set; }

    public int FromOrganizationId { get; private set; }

    public string FromScopePath { get; private set; } = "";

    public int ToOrganizationId { get; private set; }

    public string ToName { get; private set; } = "";

    /// <summary>The recipient's path.</summary>
    public string ScopePath { get; private set; } = "";

    public long AmountFen { get; private set; }

    /// <summary>The allocating document (下达文件文号).</summary>
    public string DocumentNumber { get; private set; } = "";

    public DateOnly IssuedOn { get; private set; }

    /// <summary>The allocation this one passes on, when the sender is passing on money it received.</summary>
    public Guid? ParentId { get; private set; }

    public DateOnly? ReceivedOn { get; private set; }

    public string? ReceivedBy { get; private set; }

    public bool IsCancelled { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }
}
