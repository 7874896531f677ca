namespace TechSchoolAid.Modules.StatusChanges.Contracts;

/// <summary>The kinds of 学籍异动 (STA-1). Numbers are stored: never renumber.</summary>
public enum StatusChangeKind
{
    Transfer = 1,    // 转学
    MajorChange = 2, // 转专业
    Suspension = 3,  // 休学
    Resumption = 4,  // 复学
    Withdrawal = 5,  // 退学
    Repeat = 6,      // 留级
    Expulsion = 7,   // 开除学籍
    Death = 8,       // 死亡
    Reservation = 9, // 保留学籍（应征入伍）
    Completion = 10, // 结业/肄业
}

/// <summary>Draft → Submitted → (transfer: Accepted by the receiving school) → Approved, or Returned; an approved change can be Undone.</summary>
public enum StatusChangeState
{
    Draft = 1,
    Submitted = 2,
    Accepted = 3,
    Approved = 4,
    Returned = 5,
    Undone = 6,
}

/// <summary>A transfer is two rows, one per school, so that each side sees and answers for its own: Out at the sender, In at the receiver.</summary>
public enum TransferSide
{
    None = 0,
    Out = 1,
    In = 2,
}

public static class StatusChangeText
{
    public static string ToChinese(this StatusChangeKind k) => k switch
    {
        StatusChangeKind.Transfer => "转学",
        StatusChangeKind.MajorChange => "转专业",
        StatusChangeKind.Suspension => "休学",
        StatusChangeKind.Resumption => "复学",
        StatusChangeKind.Withdrawal => "退学",
        StatusChangeKind.Repeat => "留级",
        StatusChangeKind.Expulsion => "开除学籍",
        StatusChangeKind.Death => "死亡",
        StatusChangeKind.Reservation => "保留学籍",
        _ => "结业/肄业",
    };

    public static string ToChinese(this StatusChangeState s) => s switch
    {
        StatusChangeState.Draft => "未报送",
        StatusChangeState.Submitted => "待审批",
        StatusChangeState.Accepted => "转入校已接收",
        StatusChangeState.Approved => "已办结",
        StatusChangeState.Returned => "已退回",
        _ => "已撤销",
    };

    /// <summary>
    /// Kinds that end the record or move it to another school need the supervising authority's approval; the others are
    /// the school's own academic decisions (docs/adr/0006-status-changes.md).
    /// </summary>
    public static bool NeedsAuthority(this StatusChangeKind k) =>
        k is StatusChangeKind.Transfer or StatusChangeKind.Withdrawal or StatusChangeKind.Expulsion or StatusChangeKind.Death or StatusChangeKind.Completion;
}

/// <summary>STA-5's answer: whether a student may receive aid on a date, and why, in Chinese.</summary>
public sealed record EligibilityAnswer(Guid StudentId, DateOnly Date, bool Eligible, string Reason);

/// <summary>
/// STA-5: "is this student eligible for aid on date D" — active, full-time, formal (approved) status on that day.
/// Suspension, reservation, withdrawal, expulsion, death, transfer out and completion end eligibility from the day after
/// the change; resumption restores it from its own day. Only approved (and not undone) changes count.
/// </summary>
public interface IAidEligibility
{
    Task<EligibilityAnswer> IsEligibleForAidAsync(Guid studentId, DateOnly date, CancellationToken ct = default);
}
