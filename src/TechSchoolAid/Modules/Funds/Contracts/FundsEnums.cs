namespace TechSchoolAid.Modules.Funds.Contracts;

/// <summary>Whose money an allocation is (国办发〔2018〕6号: central and local shares). Numbers are stored: never renumber.</summary>
public enum FundsSource
{
    Central = 1,    // 中央资金
    Provincial = 2, // 省级资金
    Local = 3,      // 市县资金
}

/// <summary>The card a grant is paid to (STA-5: 社会保障卡的金融账户, or the school's aid bank card). Numbers are stored.</summary>
public enum CardKind
{
    SocialSecurityCard = 1, // 社会保障卡（金融账户）
    AidBankCard = 2,        // 资助卡（银行卡）
}

/// <summary>How often a province pays its grants. Numbers are stored.</summary>
public enum PayFrequency
{
    Monthly = 1,     // 按月发放
    PerSemester = 2, // 按学期发放
}

/// <summary>A payment batch: built from the approved lines → its bank file exported → the bank's return file matched. Numbers are stored.</summary>
public enum PaymentBatchState
{
    Built = 1,      // 已生成
    Exported = 2,   // 已导出代发文件
    Reconciled = 3, // 已导入银行回盘
}

/// <summary>
/// One payment to one student: waiting for the bank → paid or failed; a failed line whose card was corrected is paid again
/// by a new line in a later batch (<see cref="Repaid"/>); a line never sent because the student stopped qualifying is
/// <see cref="Stopped"/>. Numbers are stored.
/// </summary>
public enum PaymentLineState
{
    Pending = 1, // 待银行回盘
    Paid = 2,    // 发放成功
    Failed = 3,  // 发放失败
    Repaid = 4,  // 失败后已重新发放
    Stopped = 5, // 已停发
}

public static class FundsText
{
    public static string ToChinese(this FundsSource s) => s switch
    {
        FundsSource.Central => "中央资金",
        FundsSource.Provincial => "省级资金",
        _ => "市县资金",
    };

    public static string ToChinese(this CardKind k) => k == CardKind.SocialSecurityCard ? "社会保障卡" : "资助银行卡";

    public static string ToChinese(this PayFrequency f) => f == PayFrequency.Monthly ? "按月发放" : "按学期发放";

    public static string ToChinese(this PaymentBatchState s) => s switch
    {
        PaymentBatchState.Built => "已生成",
        PaymentBatchState.Exported => "已导出代发文件",
        _ => "已导入银行回盘",
    };

    public static string ToChinese(this PaymentLineState s) => s switch
    {
        PaymentLineState.Pending => "待银行回盘",
        PaymentLineState.Paid => "发放成功",
        PaymentLineState.Failed => "发放失败",
        PaymentLineState.Repaid => "已重新发放",
        _ => "已停发",
    };
}
