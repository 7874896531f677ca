using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship;

/// <summary>AID-1 levels (教财〔2018〕16号). Numbers are stored: never renumber.</summary>
public enum HardshipLevel
{
    Extreme = 1,       // 特别困难
    Hardship = 2,      // 困难
    Moderate = 3,      // 一般困难
    NotIdentified = 4, // 不认定
}

/// <summary>AID-2 priority groups (重点保障). Stored as bit flags.</summary>
[Flags]
public enum PriorityGroups
{
    None = 0,
    FormerlyRegisteredPoor = 1, // 原建档立卡/脱贫家庭
    MinimumLivingAllowance = 2, // 低保
    Destitute = 4,              // 特困供养
    Orphan = 8,                 // 孤儿
    MartyrChild = 16,           // 烈士子女
    Disabled = 32,              // 残疾学生/残疾人子女
}

/// <summary>AID-2 watch groups (关注并纳入). Stored as bit flags.</summary>
[Flags]
public enum WatchGroups
{
    None = 0,
    AtRiskOfPoverty = 1,       // 边缘易致贫/防止返贫监测
    SevereIllnessDisaster = 2, // 因病因灾因意外严重困难
}

/// <summary>Where an assessment stands. Numbers are stored: never renumber.</summary>
public enum HardshipState
{
    Applied = 1,       // 已申请
    PanelReviewed = 2, // 班级已评议
    Decided = 3,       // 学校已认定
    Published = 4,     // 公示中/已公示
    Archived = 5,      // 已归档
}

public static class HardshipTexts
{
    public static string ToChinese(this HardshipLevel l) => l switch
    {
        HardshipLevel.Extreme => "特别困难",
        HardshipLevel.Hardship => "困难",
        HardshipLevel.Moderate => "一般困难",
        _ => "不认定",
    };

    public static string ToChinese(this HardshipState s) => s switch
    {
        HardshipState.Applied => "已申请",
        HardshipState.PanelReviewed => "班级已评议",
        HardshipState.Decided => "学校已认定",
        HardshipState.Published => "已公示",
        _ => "已归档",
    };

    public static string ToChinese(this PriorityGroups g) => g switch
    {
        PriorityGroups.FormerlyRegisteredPoor => "原建档立卡/脱贫家庭",
        PriorityGroups.MinimumLivingAllowance => "低保家庭",
        PriorityGroups.Destitute => "特困供养",
        PriorityGroups.Orphan => "孤儿",
        PriorityGroups.MartyrChild => "烈士子女",
        PriorityGroups.Disabled => "残疾学生/残疾人子女",
        _ => "无",
    };

    public static string ToChinese(this WatchGroups g) => g switch
    {
        WatchGroups.AtRiskOfPoverty => "边缘易致贫/防止返贫监测",
        WatchGroups.SevereIllnessDisaster => "因病因灾因意外严重困难",
        _ => "无",
    };

    public static string ToChinese(this Semester s) => s == Semester.Autumn ? "秋季学期" : "春季学期";

    /// <summary>"2026-2027学年".</summary>
    public static string SchoolYearText(int schoolYear) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{schoolYear}-{schoolYear + 1}学年");
}

/// <summary>
/// One version of a student's hardship identification for a school year (AID-1). A semester's re-assessment supersedes
/// the current version with a new one; superseded versions are kept as history. The family situation is sensitive: it
/// never leaves through the publication list.
/// </summary>
public sealed class HardshipAssessment : IScoped
{
    private HardshipAssessment()
    {
    }

    public HardshipAssessment(
        Guid id, Guid studentId, int schoolId, string schoolCode, string scopePath, string studentName, string className,
        int schoolYear, Semester semester, int version, Guid? previousId, string familySituation, PriorityGroups priority,
        WatchGroups watch, DateOnly commitmentSignedOn, string by, DateTime atUtc)
    {
        Id = id;
        StudentId = studentId;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        StudentName = studentName;
        ClassName = className;
        SchoolYear = schoolYear;
        Semester = semester;
        Version = version;
        PreviousId = previousId;
        FamilySituation = familySituation;
        PriorityGroups = priority;
        WatchGroups = watch;
        CommitmentSigned = true;
        CommitmentSignedOn = commitmentSignedOn;
        State = HardshipState.Applied;
        AppliedBy = by;
        AppliedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string ClassName { get; private set; } = "";

    /// <summary>The school year by its first calendar year: 2026 is 2026-2027.</summary>
    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    /// <summary>1 for the year's first identification, then one more per re-assessment.</summary>
    public int Version { get; private set; }

    public Guid? PreviousId { get; private set; }

    public string FamilySituation { get; private set; } = "";

    public PriorityGroups PriorityGroups { get; private set; }

    public WatchGroups WatchGroups { get; private set; }

    public bool CommitmentSigned { get; private set; }

    public DateOnly CommitmentSignedOn { get; private set; }

    public HardshipState State { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public DateTime AppliedAtUtc { get; private set; }

    public string? PanelMembers { get; private set; }

    public DateOnly? PanelReviewedOn { get; private set; }

    public string? PanelOpinion { get; private set; }

    public string? PanelRecordedBy { get; private set; }

    public DateTime? PanelRecordedAtUtc { get; private set; }

    public HardshipLevel? Level { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public DateOnly? PublishedFrom { get; private set; }

    public DateOnly? PublishedTo { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTime? PublishedAtUtc { get; private set; }

    public string? ObjectionText { get; private set; }

    public DateOnly? ObjectionRaisedOn { get; private set; }

    public DateOnly? ObjectionDueDate { get; private set; }

    public string? ObjectionRecordedBy { get; private set; }

    public string? ObjectionAnswer { get; private set; }

    public string? ObjectionAnsweredBy { get; private set; }

    public DateTime? ObjectionAnsweredAtUtc { get; private set; }

    public bool ObjectionAnsweredLate { get; private set; }

    public string? ArchivedBy { get; private set; }

    public DateTime? ArchivedAtUtc { get; private set; }

    /// <summary>Set when a later version replaces this one; null on the current version (one per student and year).</summary>
    public DateTime? SupersededAtUtc { get; private set; }

    public string? SupersededBy { get; private set; }

    public int RowVersion { get; private set; }

    public bool IsCurrent => SupersededAtUtc is null;

    public bool HasOpenObjection => ObjectionText is not null && ObjectionAnswer is null;

    public bool IsPriority => PriorityGroups != PriorityGroups.None;

    public void RecordPanel(string members, DateOnly reviewedOn, string? opinion, string by, DateTime atUtc)
    {
        PanelMembers = members;
        PanelReviewedOn = reviewedOn;
        PanelOpinion = opinion;
        PanelRecordedBy = by;
        PanelRecordedAtUtc = atUtc;
        State = HardshipState.PanelReviewed;
        RowVersion++;
    }

    public void Decide(HardshipLevel level, string? note, string by, DateTime atUtc)
    {
        Level = level;
        DecisionNote = note;
        DecidedBy = by;
        DecidedAtUtc = atUtc;
        State = HardshipState.Decided;
        RowVersion++;
    }

    public void Publish(DateOnly from, DateOnly to, string by, DateTime atUtc)
    {
        PublishedFrom = from;
        PublishedTo = to;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
        State = HardshipState.Published;
        RowVersion++;
    }

    public void RaiseObjection(string text, DateOnly raisedOn, DateOnly dueDate, string by)
    {
        ObjectionText = text;
        ObjectionRaisedOn = raisedOn;
        ObjectionDueDate = dueDate;
        ObjectionRecordedBy = by;
        RowVersion++;
    }

    public void AnswerObjection(string answer, string by, DateTime atUtc, DateOnly today)
    {
        ObjectionAnswer = answer;
        ObjectionAnsweredBy = by;
        ObjectionAnsweredAtUtc = atUtc;
        ObjectionAnsweredLate = ObjectionDueDate is { } due && today > due;
        RowVersion++;
    }

    public void Archive(string by, DateTime atUtc)
    {
        ArchivedBy = by;
        ArchivedAtUtc = atUtc;
        State = HardshipState.Archived;
        RowVersion++;
    }

    public void Supersede(string by, DateTime atUtc)
    {
        SupersededBy = by;
        SupersededAtUtc = atUtc;
        RowVersion++;
    }
}
