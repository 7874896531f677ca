using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>What the cross-check records in the audit chain (block 1200). Codes are sealed in the chain: never change them.</summary>
[AuditCatalogue("教育部比对", 1200)]
public static class CrossCheckAuditActions
{
    /// <summary>The subject type of every cross-check event.</summary>
    public const string Subject = "CrossCheck";

    public static readonly AuditAction MonthLoaded = new(1201, "crosscheck.month_loaded", "导入教育部比对名单", Subject);

    public static readonly AuditAction InternalChecked = new(1202, "crosscheck.internal_checked", "系统内重复资助检查", Subject);

    public static readonly AuditAction CaseCleared = new(1203, "crosscheck.case_cleared", "清理比对结果", Subject);

    public static readonly AuditAction CasesExported = new(1204, "crosscheck.cases_exported", "导出比对结果", Subject);

    public static readonly AuditAction ExchangeExported = new(1205, "crosscheck.exchange_exported", "导出交换名单", Subject);
}
