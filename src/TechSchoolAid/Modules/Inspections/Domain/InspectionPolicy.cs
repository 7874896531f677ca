using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>
/// The numbers the planner and the rectification tasks use, as dated policy data with their source (the notice 三(一):
/// every 省管 school each year, at least one third of the 市管 schools, every school within three years). The ministry
/// sets a new row from a date; the row valid on a day is the latest one whose <see cref="ValidFrom"/> is not after it.
/// </summary>
public sealed class InspectionPolicy
{
    public const int MaxSourceLength = 500;

    private InspectionPolicy()
    {
    }

    public InspectionPolicy(int id, DateOnly validFrom, int cityShareNumerator, int cityShareDenominator, int yearsWithinWhichEverySchool,
        int noRecentVisitWeight, int rectificationWorkingDays, string source, string setBy, DateTime setAtUtc)
    {
        if (cityShareDenominator <= 0 || cityShareNumerator < 0 || cityShareNumerator > cityShareDenominator)
        {
            throw AppException.Invalid("cityShareNumerator", "市管学校检查比例应在 0 至 1 之间（分子不大于分母，分母大于 0）");
        }

        if (yearsWithinWhichEverySchool is < 1 or > 10)
        {
            throw AppException.Invalid("yearsWithinWhichEverySchool", "全覆盖年限应在 1 至 10 年之间");
        }

        if (noRecentVisitWeight is < 0 or > 1000)
        {
            throw AppException.Invalid("noRecentVisitWeight", "“近两年未检查”的风险权重应在 0 至 1000 之间");
        }

        if (rectificationWorkingDays is < 1 or > 250)
        {
            throw AppException.Invalid("rectificationWorkingDays", "整改期限应在 1 至 250 个工作日之间");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw AppException.Invalid("source", "请填写依据（文件名称和条款）");
        }

        Id = id;
        ValidFrom = validFrom;
        CityShareNumerator = cityShareNumerator;
        CityShareDenominator = cityShareDenominator;
        YearsWithinWhichEverySchool = yearsWithinWhichEverySchool;
        NoRecentVisitWeight = noRecentVisitWeight;
        RectificationWorkingDays = rectificationWorkingDays;
        Source = source.Trim();
        SetBy = setBy;
        SetAtUtc = setAtUtc;
    }

    public int Id { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>The share of 市管 schools to visit each year, as a fraction (1/3 by the notice 三(一)).</summary>
    public int CityShareNumerator { get; private set; }

    public int CityShareDenominator { get; private set; }

    /// <summary>Every school is visited at least once in this many years (3): a school unvisited in the previous years−1 years must be in.</summary>
    public int YearsWithinWhichEverySchool { get; private set; }

    /// <summary>The risk weight of "no visit in the last two years", added to the weights of the risk sources.</summary>
    public int NoRecentVisitWeight { get; private set; }

    /// <summary>The rectification period in official working days from the day the finding is recorded.</summary>
    public int RectificationWorkingDays { get; private set; }

    public string Source { get; private set; } = "";

    public string SetBy { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    /// <summary>How many of <paramref name="cityManaged"/> 市管 schools must be in the plan: the share, rounded up.</summary>
    public int RequiredCityVisits(int cityManaged) =>
        (int)(((long)cityManaged * CityShareNumerator + CityShareDenominator - 1) / CityShareDenominator);
}

/// <summary>The multiplier of one risk factor (a key of <see cref="Contracts.SchoolRisk.Factor"/>) under a policy row; a factor without a row counts once.</summary>
public sealed class InspectionRiskWeight
{
    private InspectionRiskWeight()
    {
    }

    public InspectionRiskWeight(int policyId, string factor, int multiplier)
    {
        if (multiplier is < 0 or > 100)
        {
            throw AppException.Invalid("weights", $"风险因素 {factor} 的权重应在 0 至 100 之间");
        }

        PolicyId = policyId;
        Factor = factor;
        Multiplier = multiplier;
    }

    public int PolicyId { get; private set; }

    public string Factor { get; private set; } = "";

    public int Multiplier { get; private set; }
}
