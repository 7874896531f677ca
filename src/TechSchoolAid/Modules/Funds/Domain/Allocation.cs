using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
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

    /// <summary>
    /// Days the recipient has to pass money on to the level below after receiving it: 财教〔2019〕25号《中等职业学校学生
    /// 资助资金管理办法》 — 省级财政部门在收到中央财政补助资金后30日内，正式分解下达本行政区域县级以上各级政府部门，同时抄送
    /// 财政部当地监管局; the same 30 days are applied to a city passing on what it received.
    /// </summary>
    public const int PassOnDays = 30;

    /// <summary>The largest single allocation accepted (fen): 100 亿元, far above any province's yearly central grant or waiver money.</summary>
    public const long MaxAmountFen = 1_000_000_000_000;

    /// <summary>The last day to pass this money on, once its receipt is confirmed.</summary>
    public DateOnly? PassOnDueOn => ReceivedOn?.AddDays(PassOnDays);

    /// <summary>Whether a sub-allocation issued on <paramref name="issuedOn"/> of money received on <paramref name="parentReceivedOn"/> was late.</summary>
    public static bool IsLate(DateOnly issuedOn, DateOnly? parentReceivedOn) =>
        parentReceivedOn is { } received && issuedOn > received.AddDays(PassOnDays);

    /// <summary>Refuses (409) when the caller edited an older version of this allocation.</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw AppException.Conflict("该资金下达记录已被他人修改，请刷新后重试");
        }
    }

    /// <summary>The recipient confirms the money arrived on <paramref name="on"/>: not before it was issued, not after today, once.</summary>
    public void ConfirmReceipt(DateOnly on, string by, DateOnly today)
    {
        if (IsCancelled)
        {
            throw AppException.Conflict("该资金下达已撤销，不能确认收到");
        }

        if (ReceivedOn is not null)
        {
            throw AppException.Conflict($"已于 {ChinaTime.Iso(ReceivedOn.Value)} 确认收到，不能重复确认");
        }

        if (on > today)
        {
            throw AppException.Invalid("receivedOn", $"收到日期不能晚于今天（{ChinaTime.Iso(today)}）");
        }

        if (on < IssuedOn)
        {
            throw AppException.Invalid("receivedOn", $"收到日期不能早于下达日期（{ChinaTime.Iso(IssuedOn)}）");
        }

        ReceivedOn = on;
        ReceivedBy = by;
        Version++;
    }

    /// <summary>The sender takes back an allocation the recipient has not confirmed (the caller has checked nothing was passed on from it).</summary>
    public void Cancel()
    {
        if (IsCancelled)
        {
            throw AppException.Conflict("该资金下达已撤销");
        }

        if (ReceivedOn is not null)
        {
            throw AppException.Conflict("收款单位已确认收到，不能撤销；如需更正，请另行下达调整");
        }

        IsCancelled = true;
        Version++;
    }
}
