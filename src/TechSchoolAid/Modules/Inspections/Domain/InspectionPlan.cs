using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Domain;

/// <summary>
/// A province's inspection plan for a year (INS-1): the schools to visit, each with why it is in. Proposed by the
/// planner, adjusted by the province (every change with a reason), confirmed once every breach of the coverage rules is
/// acknowledged; a confirmed plan is read-only.
/// </summary>
public sealed class InspectionPlan : IScoped
{
    public const int MaxReasonLength = 500;

    private readonly List<PlanEntry> _entries = [];
    private readonly List<PlanAcknowledgement> _acknowledgements = [];

    private InspectionPlan()
    {
    }

    public InspectionPlan(Guid id, string provinceCode, string scopePath, int year, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceCode = provinceCode;
        ScopePath = scopePath;
        Year = year;
        State = PlanState.Draft;
        ProposedBy = by;
        ProposedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    /// <summary>The province's path.</summary>
    public string ScopePath { get; private set; } = "";

    public int Year { get; private set; }

    public PlanState State { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTime ProposedAtUtc { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<PlanEntry> Entries => _entries;

    public IReadOnlyList<PlanAcknowledgement> Acknowledgements => _acknowledgements;

    public PlanEntry Add(SchoolRef school, EntryReason reason, int riskScore, string riskDetail, string? note)
    {
        EnsureDraft();
        if (_entries.Any(e => e.SchoolCode == school.Code))
        {
            throw AppException.Invalid("schoolCode", $"学校 {school.Code} 已在计划中");
        }

        var entry = new PlanEntry(Guid.CreateVersion7(), Id, school, reason, riskScore, riskDetail, note);
        _entries.Add(entry);
        Version++;
        return entry;
    }

    public PlanEntry Remove(string schoolCode)
    {
        EnsureDraft();
        var entry = _entries.FirstOrDefault(e => e.SchoolCode == schoolCode)
            ?? throw AppException.Invalid("schoolCode", $"学校 {schoolCode} 不在计划中");
        _entries.Remove(entry);
        Version++;
        return entry;
    }

    /// <summary>Confirms the plan: every breach must be acknowledged with a reason (the caller has checked them against the rules).</summary>
    public void Confirm(IReadOnlyList<PlanBreach> breaches, IReadOnlyDictionary<string, string> reasons, string by, DateTime atUtc)
    {
        EnsureDraft();
        var missing = breaches.Where(b => !reasons.TryGetValue(b.Key, out var r) || string.IsNullOrWhiteSpace(r)).ToList();
        if (missing.Count > 0)
        {
            throw AppException.Invalid("acknowledgements",
                "计划不符合覆盖要求，请逐项说明理由后再确认：" + string.Join("；", missing.Select(b => b.Text)));
        }

        foreach (var b in breaches)
        {
            _acknowledgements.Add(new PlanAcknowledgement(Guid.CreateVersion7(), Id, ScopePath, b.Key, b.Text, reasons[b.Key].Trim()));
        }

        State = PlanState.Confirmed;
        ConfirmedBy = by;
        ConfirmedAtUtc = atUtc;
        Version++;
    }

    private void EnsureDraft()
    {
        if (State == PlanState.Confirmed)
        {
            throw AppException.Conflict($"{Year}年检查计划已确认，不能再修改");
        }
    }
}

/// <summary>One school in a plan.</summary>
public sealed class PlanEntry : IScoped
{
    private PlanEntry()
    {
    }

    internal PlanEntry(Guid id, Guid planId, SchoolRef school, EntryReason reason, int riskScore, string riskDetail, string? note)
    {
        Id = id;
        PlanId = planId;
        SchoolId = school.Id;
        SchoolCode = school.Code;
        SchoolName = school.Name;
        ScopePath = school.ScopePath;
        ManagedBy = school.ManagedBy;
        Reason = reason;
        RiskScore = riskScore;
        RiskDetail = riskDetail;
        Note = note;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    /// <summary>The school's path: the school sees that it is in the plan.</summary>
    public string ScopePath { get; private set; } = "";

    public ManagedBy ManagedBy { get; private set; }

    public EntryReason Reason { get; private set; }

    public int RiskScore { get; private set; }

    /// <summary>The risks as the planner saw them (Chinese, "比对疑似重复3条；近两年未检查").</summary>
    public string RiskDetail { get; private set; } = "";

    /// <summary>The province's reason when it added the school by hand.</summary>
    public string? Note { get; private set; }
}

/// <summary>A breach of a coverage rule the province acknowledged with a reason when it confirmed the plan.</summary>
public sealed class PlanAcknowledgement : IScoped
{
    private PlanAcknowledgement()
    {
    }

    internal PlanAcknowledgement(Guid id, Guid planId, string scopePath, string breachKey, string breach, string reason)
    {
        Id = id;
        PlanId = planId;
        ScopePath = scopePath;
        BreachKey = breachKey;
        Breach = breach;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string BreachKey { get; private set; } = "";

    public string Breach { get; private set; } = "";

    public string Reason { get; private set; } = "";
}

/// <summary>One breach of a coverage rule: a stable key ("province-managed:44010001", "city-share", "three-years:44010007") and its Chinese text.</summary>
public sealed record PlanBreach(string Key, string Text);
