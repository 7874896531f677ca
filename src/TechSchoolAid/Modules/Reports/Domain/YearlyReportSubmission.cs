using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Reports.Domain;

/// <summary>Where a province's yearly report stands. Numbers are stored: never renumber.</summary>
public enum SubmissionState
{
    Submitted = 1, // 已报送
    Returned = 2,  // 部里退回，待重新报送
}

/// <summary>
/// A province's yearly report as submitted to the ministry (RPT-1): the tables frozen as JSON with their SHA-256, who
/// submitted and when. One per province and year. Submitting again is refused while it stands; only the ministry's
/// return (with a reason) opens it, and the next submission freezes the tables anew (docs/adr/0024).
/// </summary>
public sealed class YearlyReportSubmission : IScoped
{
    public const int MaxReasonLength = 500;

    private YearlyReportSubmission()
    {
    }

    public YearlyReportSubmission(Guid id, int organizationId, string provinceCode, string provinceName, string scopePath, int year)
    {
        Id = id;
        OrganizationId = organizationId;
        ProvinceCode = provinceCode;
        ProvinceName = provinceName;
        ScopePath = scopePath;
        Year = year;
        State = SubmissionState.Returned;
    }

    public Guid Id { get; private set; }

    public int OrganizationId { get; private set; }

    public string ProvinceCode { get; private set; } = "";

    public string ProvinceName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int Year { get; private set; }

    public SubmissionState State { get; private set; }

    /// <summary>The tables as generated at submission (JSON of the report's tables), never changed afterwards.</summary>
    public string TablesJson { get; private set; } = "";

    /// <summary>SHA-256 (hex) of <see cref="TablesJson"/>'s UTF-8 bytes: the frozen report can be proved unchanged.</summary>
    public string Sha256 { get; private set; } = "";

    /// <summary>The last day the data covers (31 December, or the submission day while the year runs).</summary>
    public DateOnly DataAsOf { get; private set; }

    public string SubmittedBy { get; private set; } = "";

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>The China date of the submission, compared with the deadline.</summary>
    public DateOnly SubmittedOn { get; private set; }

    public string? ReturnedBy { get; private set; }

    public DateTime? ReturnedAtUtc { get; private set; }

    public string? ReturnReason { get; private set; }

    public int Version { get; private set; }

    /// <summary>Freezes the tables. Refused while a submission stands (the ministry must return it first).</summary>
    public void Submit(string tablesJson, string sha256, DateOnly dataAsOf, string by, DateTime atUtc, DateOnly today)
    {
        if (State == SubmissionState.Submitted && TablesJson.Length > 0)
        {
            throw AppException.Conflict($"{ProvinceName}{Year}年度报告已于 {SubmittedOn:yyyy-MM-dd} 报送，不能重复报送；如需更正，请部里先退回");
        }

        TablesJson = tablesJson;
        Sha256 = sha256;
        DataAsOf = dataAsOf;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        SubmittedOn = today;
        State = SubmissionState.Submitted;
        Version++;
    }

    /// <summary>The ministry returns a submitted report with its reason; the province may then submit again.</summary>
    public void Return(string reason, string by, DateTime atUtc)
    {
        if (State != SubmissionState.Submitted)
        {
            throw AppException.Conflict($"{ProvinceName}{Year}年度报告已退回，尚未重新报送");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "请填写退回原因");
        }

        ReturnReason = reason.Trim();
        ReturnedBy = by;
        ReturnedAtUtc = atUtc;
        State = SubmissionState.Returned;
        Version++;
    }
}

/// <summary>
/// The deadline for a year's report (dated policy data the ministry edits, with its source: the notice asks provinces
/// to report 「及时」, the ministry's yearly circular names the day). One row per reported year.
/// </summary>
public sealed class YearlyReportDeadline
{
    public const int MaxSourceLength = 200;

    private YearlyReportDeadline()
    {
    }

    public YearlyReportDeadline(Guid id, int year)
    {
        Id = id;
        Year = year;
    }

    public Guid Id { get; private set; }

    public int Year { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string Source { get; private set; } = "";

    public string SetBy { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Set(DateOnly dueOn, string source, string by, DateTime atUtc)
    {
        if (dueOn.Year < Year)
        {
            throw AppException.Invalid("dueOn", $"报送期限不能早于所报年度（{Year} 年）");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw AppException.Invalid("source", "请填写期限的依据（文件名称和文号）");
        }

        DueOn = dueOn;
        Source = source.Trim();
        SetBy = by;
        SetAtUtc = atUtc;
        Version++;
    }
}
