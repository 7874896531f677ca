using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Reports.Contracts;

/// <summary>
/// The audit actions of the yearly report and the ministry's data requests (RPT-1), block 1800: 1800–1829 the yearly
/// report, 1830–1859 data requests. The codes are sealed in the chain: never change them.
/// </summary>
[AuditCatalogue("年度报告与数据报送", 1800)]
public static class ReportAuditActions
{
    public const string Yearly = "YearlyReport";
    public const string Request = "DataRequest";

    // 1800–1829 the yearly report
    public static readonly AuditAction ReportSubmitted = new(1800, "reports.yearly.submitted", "报送年度报告", Yearly);
    public static readonly AuditAction ReportReturned = new(1801, "reports.yearly.returned", "退回年度报告", Yearly);
    public static readonly AuditAction DeadlineSet = new(1802, "reports.yearly.deadline_set", "设定年度报告报送期限", Yearly);
    public static readonly AuditAction ReportExported = new(1803, "reports.yearly.exported", "导出年度报告", Yearly);

    // 1830–1859 data requests
    public static readonly AuditAction RequestSent = new(1830, "reports.request.sent", "发起数据报送通知", Request);
    public static readonly AuditAction RequestAnswered = new(1831, "reports.request.answered", "填报数据报送", Request);
    public static readonly AuditAction RequestCorrected = new(1832, "reports.request.corrected", "更正数据报送", Request);
    public static readonly AuditAction RequestClosed = new(1833, "reports.request.closed", "关闭数据报送通知", Request);
    public static readonly AuditAction RequestExported = new(1834, "reports.request.exported", "导出数据报送汇总", Request);
    public static readonly AuditAction FileAttached = new(1835, "reports.request.file_attached", "上传数据报送附件", Request);
}
