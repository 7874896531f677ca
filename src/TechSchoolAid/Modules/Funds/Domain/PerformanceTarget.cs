using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// A province's performance targets for a fiscal year (绩效目标, FND-3): the level each indicator should reach, in percent.
/// One row per province and year; changed in place (audited old → new).
/// </summary>
public sealed class PerformanceTarget : IScoped
{
    private PerformanceTarget()
    {
    }

    public PerformanceTarget(Guid id, int organizationId, string scopePath, int fiscalYear)
    {
        Id = id;
        OrganizationId = organizationId;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    /// <summary>The province's path.</summary>
    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    /// <summary>Paid ÷ budget (预算执行率).</summary>
    public int ExecutionRatePercent { get; private set; }

    /// <summary>Paid lines settled within their period (发放及时率).</summary>
    public int TimelinessPercent { get; private set; }

    /// <summary>Approved lines approved by the deadline (按期审核率).</summary>
    public int ApprovalOnTimePercent { get; private set; }

    /// <summary>Duplicates found that were cleared (重复资助清理率).</summary>
    public int DuplicatesClearedPercent { get; private set; }

    /// <summary>Supervision measures closed (整改完成率).</summary>
    public int RectificationPercent { get; private set; }

    public string SetBy { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>Replaces every target; each must lie in 0–100.</summary>
    public void Set(int execution, int timeliness, int approvalOnTime, int duplicatesCleared, int rectification, string by, DateTime atUtc)
    {
        Check("executionRatePercent", "预算执行率目标", execution);
        Check("timelinessPercent", "发放及时率目标", timeliness);
        Check("approvalOnTimePercent", "按期审核率目标", approvalOnTime);
        Check("duplicatesClearedPercent", "重复资助清理率目标", duplicatesCleared);
        Check("rectificationPercent", "整改完成率目标", rectification);
        ExecutionRatePercent = execution;
        TimelinessPercent = timeliness;
        ApprovalOnTimePercent = approvalOnTime;
        DuplicatesClearedPercent = duplicatesCleared;
        RectificationPercent = rectification;
        SetBy = by;
        SetAtUtc = atUtc;
        Version++;
    }

    private static void Check(string field, string name, int value)
    {
        if (value is < 0 or > 100)
        {
            throw AppException.Invalid(field, $"{name}应在 0 至 100（%）之间");
        }
    }
}
