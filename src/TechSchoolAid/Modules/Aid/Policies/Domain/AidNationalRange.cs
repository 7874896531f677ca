using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Domain;

/// <summary>
/// The national numbers every province's table must respect, valid over a period (AID-3, AID-5), the ministry's data:
/// the tier range and the national average standard (the floor of a province's averages: 「要在平均资助标准每生每年2000元
/// 的基础上…在1000—3000元范围内明确2—3档」, 人社厅函〔2024〕53号 二（一）; 2,300 yuan from the spring term of 2025,
/// 财教〔2024〕181号), the minimum publication period, and the approval deadlines of the two terms (31 May and 30 November,
/// 人社厅函〔2024〕53号 二（二）), which no province may move.
/// </summary>
public sealed class AidNationalRange
{
    private AidNationalRange()
    {
    }

    public AidNationalRange(Guid id, AidNationalRangeInput values)
    {
        Id = id;
        Apply(values);
    }

    public Guid Id { get; private set; }

    public long TierMinFen { get; private set; }

    public long TierMaxFen { get; private set; }

    /// <summary>The national average standard per student per year (fen): the floor of every table's declared and expected average.</summary>
    public long NationalAverageFen { get; private set; }

    public int MinPublicationWorkingDays { get; private set; }

    public int SpringDeadlineMonth { get; private set; }

    public int SpringDeadlineDay { get; private set; }

    public int AutumnDeadlineMonth { get; private set; }

    public int AutumnDeadlineDay { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    public string Source { get; private set; } = "";

    public MonthDay SpringApprovalDeadline => new(SpringDeadlineMonth, SpringDeadlineDay);

    public MonthDay AutumnApprovalDeadline => new(AutumnDeadlineMonth, AutumnDeadlineDay);

    public bool AppliesTo(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    /// <summary>Replaces every number; the caller has checked them (<c>AidPolicyChecks.RangeAsync</c>).</summary>
    internal void Apply(AidNationalRangeInput v)
    {
        TierMinFen = v.TierMinFen;
        TierMaxFen = v.TierMaxFen;
        NationalAverageFen = v.NationalAverageFen;
        MinPublicationWorkingDays = v.MinPublicationWorkingDays;
        SpringDeadlineMonth = v.SpringApprovalDeadline.Month;
        SpringDeadlineDay = v.SpringApprovalDeadline.Day;
        AutumnDeadlineMonth = v.AutumnApprovalDeadline.Month;
        AutumnDeadlineDay = v.AutumnApprovalDeadline.Day;
        ValidFrom = v.ValidFrom;
        ValidTo = v.ValidTo;
        Source = (v.Source ?? "").Trim();
    }
}
