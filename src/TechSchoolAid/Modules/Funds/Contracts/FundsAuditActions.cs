using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Funds.Contracts;

/// <summary>
/// The audit actions of the aid money (FND-1..3, STA-5), block 1400: 1400–1429 budgets and allocation, 1430–1469
/// payments, 1470–1489 vouchers, the work file and the final accounts, 1490–1499 performance. The codes are sealed in
/// the chain: never change them.
/// </summary>
[AuditCatalogue("资助资金", 1400)]
public static class FundsAuditActions
{
    public const string Allocation = "FundsAllocation";
    public const string Card = "BankCard";
    public const string Batch = "PaymentBatch";
    public const string Year = "FundsYear";
    public const string Performance = "FundsPerformance";

    // 1400–1429 budgets and allocation
    public static readonly AuditAction AllocationRecorded = new(1400, "funds.allocation.recorded", "登记资金下达", Allocation);
    public static readonly AuditAction AllocationChanged = new(1401, "funds.allocation.changed", "更正资金下达", Allocation);
    public static readonly AuditAction AllocationReceived = new(1402, "funds.allocation.received", "确认收到资金", Allocation);
    public static readonly AuditAction AllocationCancelled = new(1403, "funds.allocation.cancelled", "撤销资金下达", Allocation);
    public static readonly AuditAction BudgetExported = new(1404, "funds.budget.exported", "导出预算与需求对比", Allocation);

    // 1430–1469 payments
    public static readonly AuditAction CardRecorded = new(1430, "funds.card.recorded", "登记学生银行卡", Card);
    public static readonly AuditAction CardCorrected = new(1431, "funds.card.corrected", "更正学生银行卡", Card);
    public static readonly AuditAction CardRevealed = new(1432, "funds.card.revealed", "查看完整卡号", Card);
    public static readonly AuditAction PaymentRuleSet = new(1433, "funds.payment_rule.set", "设定助学金发放方式", Batch);
    public static readonly AuditAction BatchBuilt = new(1434, "funds.batch.built", "生成发放批次", Batch);
    public static readonly AuditAction BankFileExported = new(1435, "funds.batch.exported", "导出银行代发文件", Batch);
    public static readonly AuditAction ReturnFileImported = new(1436, "funds.batch.return_imported", "导入银行回盘文件", Batch);
    public static readonly AuditAction RepaymentBuilt = new(1437, "funds.batch.repayment_built", "失败发放重新发放", Batch);
    public static readonly AuditAction CompensationRecorded = new(1438, "funds.compensation.recorded", "登记免学费补助资金", Batch);
    public static readonly AuditAction CompensationReceived = new(1439, "funds.compensation.received", "学校确认收到免学费补助资金", Batch);
    public static readonly AuditAction PaymentsStopped = new(1440, "funds.payments.stopped", "学籍异动后停发", Batch);
    public static readonly AuditAction RecoveryListed = new(1441, "funds.recovery.listed", "列出应追回资金", Batch);
    public static readonly AuditAction RecoveryRecorded = new(1442, "funds.recovery.recorded", "登记资金追回", Batch);
    public static readonly AuditAction BatchListExported = new(1443, "funds.batch.list_exported", "导出发放名单", Batch);

    // 1470–1489 vouchers, the work file and the final accounts
    public static readonly AuditAction VoucherAdded = new(1470, "funds.voucher.added", "上传发放凭证", Year);
    public static readonly AuditAction WorkFileDownloaded = new(1471, "funds.workfile.downloaded", "下载年度资助工作档案", Year);
    public static readonly AuditAction AccountsDrawnUp = new(1472, "funds.accounts.drawn_up", "编制年度决算", Year);
    public static readonly AuditAction YearClosed = new(1473, "funds.year.closed", "关闭资金年度", Year);
    public static readonly AuditAction YearReopened = new(1474, "funds.year.reopened", "重新开放资金年度", Year);
    public static readonly AuditAction AccountsExported = new(1475, "funds.accounts.exported", "导出年度决算", Year);
    public static readonly AuditAction RefundRecorded = new(1476, "funds.refund.recorded", "登记退回上级或缴回国库的资金", Year);
    public static readonly AuditAction VoucherDownloaded = new(1477, "funds.voucher.downloaded", "下载发放凭证", Year);

    // 1490–1499 performance
    public static readonly AuditAction TargetsSet = new(1490, "funds.performance.targets_set", "设定绩效目标", Performance);
    public static readonly AuditAction SelfEvaluationRecorded = new(1491, "funds.performance.self_evaluated", "填报绩效自评", Performance);
    public static readonly AuditAction PerformanceExported = new(1492, "funds.performance.exported", "导出绩效评价", Performance);
}
