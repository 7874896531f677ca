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

    // Issue 11 item 11: 1220–1239.
    public static readonly AuditAction ClearanceDeadlineSet = new(1220, "crosscheck.clearance_deadline_set", "设置比对结果清理期限", Subject);

    public static readonly AuditAction KeepConfirmed = new(1221, "crosscheck.keep_confirmed", "主管部门确认“保留”清理", Subject);

    public static readonly AuditAction KeepReopened = new(1222, "crosscheck.keep_reopened", "主管部门退回“保留”清理", Subject);
}
