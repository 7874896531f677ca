namespace TechSchoolAid.Modules.Funds.Contracts;

/// <summary>A voucher's kind (FND-2: 银行回单, 签领名单). Numbers are stored: never renumber.</summary>
public enum VoucherKind
{
    BankReceipt = 1, // 银行回单
    SignedList = 2,  // 签领名单
    Other = 3,       // 其他
}

/// <summary>Where money an organisation gives back went (决算: 退回上级或缴回国库). Numbers are stored.</summary>
public enum RefundTarget
{
    Superior = 1, // 退回上级
    Treasury = 2, // 缴回国库
}

public static class ClosingText
{
    public static string ToChinese(this VoucherKind k) => k switch
    {
        VoucherKind.BankReceipt => "银行回单",
        VoucherKind.SignedList => "签领名单",
        _ => "其他凭证",
    };

    public static string ToChinese(this RefundTarget t) => t == RefundTarget.Superior ? "退回上级" : "缴回国库";
}

/// <summary>What stopping a student's payments did: the lines stopped and the paid lines listed for recovery.</summary>
public sealed record PaymentStopResult(int StoppedLines, long StoppedFen, int RecoveriesListed, long RecoveryFen);

/// <summary>
/// STA-5: an approved change that ends a student's eligibility stops the payments after its date. Called by the status
/// change approval inside its own unit of work: the changes are saved with the caller's next SaveChanges (one
/// transaction with the approval), and audited there.
/// </summary>
public interface IPaymentStops
{
    /// <summary>
    /// Stops the student's lines still waiting in batches whose bank file was not exported, for periods starting after
    /// <paramref name="effectiveDate"/>; lists for recovery what was already paid for the days after it.
    /// </summary>
    Task<PaymentStopResult> StopAfterAsync(Guid studentId, DateOnly effectiveDate, string reason, CancellationToken ct);
}
