using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.StatusChanges.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Domain;

/// <summary>
/// What one kind of change asks for, as dated policy data with its source: whether evidence is required before approval
/// and which (退学：本人及监护人申请 …), and for a suspension the longest period. The ministry sets national rows
/// (<see cref="ScopePath"/> "/"), a province its own rows for its schools; the row that applies to a change is the most
/// specific one (the province's before the nation's) whose <see cref="ValidFrom"/> is not after the day asked about.
/// </summary>
public sealed class StatusChangeKindRule
{
    public const int MaxEvidenceLength = 200;
    public const int MaxSourceLength = 300;
    public const int MaxSuspensionMonths = 60;

    private StatusChangeKindRule()
    {
    }

    public StatusChangeKindRule(
        int id, StatusChangeKind kind, string scopePath, DateOnly validFrom, bool evidenceRequired, string? evidence, int? maxMonths, string source,
        string setBy, DateTime setAtUtc)
    {
        evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        if (evidenceRequired && evidence is null)
        {
            throw AppException.Invalid("evidence", "要求证明材料时，请写明需要哪些材料（如：本人及监护人的退学申请）");
        }

        if (evidence is { Length: > MaxEvidenceLength })
        {
            throw AppException.Invalid("evidence", $"材料要求不能超过 {MaxEvidenceLength} 字");
        }

        if (maxMonths is not null && kind != StatusChangeKind.Suspension)
        {
            throw AppException.Invalid("maxSuspensionMonths", "只有休学设定最长期限");
        }

        if (maxMonths is < 1 or > MaxSuspensionMonths)
        {
            throw AppException.Invalid("maxSuspensionMonths", $"休学最长期限应在 1 至 {MaxSuspensionMonths} 个月之间");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            throw AppException.Invalid("source", "请填写依据（文件名称和条款）");
        }

        if (source.Trim().Length > MaxSourceLength)
        {
            throw AppException.Invalid("source", $"依据不能超过 {MaxSourceLength} 字");
        }

        Id = id;
        Kind = kind;
        ScopePath = scopePath;
        ValidFrom = validFrom;
        EvidenceRequired = evidenceRequired;
        Evidence = evidence;
        MaxMonths = maxMonths;
        Source = source.Trim();
        SetBy = setBy;
        SetAtUtc = setAtUtc;
    }

    public int Id { get; private set; }

    public StatusChangeKind Kind { get; private set; }

    /// <summary>"/" for the nation (the ministry's row), a province's path for that province's schools.</summary>
    public string ScopePath { get; private set; } = "/";

    public DateOnly ValidFrom { get; private set; }

    /// <summary>Approval is refused while the change has no evidence file (the sending side, for a transfer).</summary>
    public bool EvidenceRequired { get; private set; }

    /// <summary>The evidence the kind asks for, in the words clerks use (shown on the form and in "缺少：…").</summary>
    public string? Evidence { get; private set; }

    /// <summary>A suspension's longest period in months (预计复学日期 at most this long after 生效日期); null for other kinds.</summary>
    public int? MaxMonths { get; private set; }

    public string Source { get; private set; } = "";

    public string SetBy { get; private set; } = "";

    public DateTime SetAtUtc { get; private set; }

    /// <summary>Whether this row may apply to a record at <paramref name="path"/>: the nation's, or its own province's.</summary>
    public bool Covers(string path) => path.StartsWith(ScopePath, StringComparison.Ordinal);

    /// <summary>The row that applies at <paramref name="path"/> on <paramref name="day"/> among <paramref name="rows"/> of one kind.</summary>
    public static StatusChangeKindRule? Applying(IEnumerable<StatusChangeKindRule> rows, string path, DateOnly day) =>
        rows.Where(r => r.ValidFrom <= day && r.Covers(path)).OrderByDescending(r => r.ScopePath.Length).ThenByDescending(r => r.ValidFrom).FirstOrDefault();
}

/// <summary>
/// The evidence a change needs for its approval and how many files it has: <see cref="Missing"/> names what is missing,
/// or is null. The receiving school's row of a transfer is approved on its in-system acceptance: nothing is required of it.
/// </summary>
public readonly record struct EvidenceOnFile(string? Required, int Files)
{
    public string? Missing => Required is not null && Files == 0 ? Required : null;

    public static EvidenceOnFile Of(StatusChangeKindRule? rule, TransferSide side, int files) =>
        new(rule is { EvidenceRequired: true } && side != TransferSide.In ? rule.Evidence : null, files);
}
