namespace TechSchoolAid.Modules.Aid.Hardship.Contracts;

/// <summary>A class of the school with its current assessments of the school year counted per state (the class picker).</summary>
public sealed record HardshipClassSummary(string ClassName, int Total, int Applied, int PanelReviewed, int Decided, int Published, int Archived);

/// <summary>One student of a class batch: the assessment, the version the clerk saw (a newer one answers 409) and, for a decision, the level.</summary>
public sealed class HardshipBatchStudent
{
    public Guid? Id { get; set; }

    /// <summary>The assessment's version as listed (HardshipRow.RowVersion).</summary>
    public int? Version { get; set; }

    /// <summary>The decision's level (decisions only).</summary>
    public HardshipLevel? Level { get; set; }
}

/// <summary>What every class batch names: the school year, the class and the selected students. Everything optional so the handler says what is missing.</summary>
public abstract class HardshipClassBatchInput
{
    /// <summary>The school year by its first calendar year (2026 = 2026-2027).</summary>
    public int? SchoolYear { get; set; }

    public string? ClassName { get; set; }

    public List<HardshipBatchStudent>? Students { get; set; }
}

/// <summary>The class panel's review for the selected students of a class (one panel, one date, one opinion).</summary>
public sealed class HardshipClassPanelInput : HardshipClassBatchInput
{
    public List<string>? Members { get; set; }

    public DateOnly? ReviewedOn { get; set; }

    public string? Opinion { get; set; }
}

/// <summary>The school's decision for the selected students of a class, each with its level.</summary>
public sealed class HardshipClassDecisionInput : HardshipClassBatchInput
{
    public string? Note { get; set; }
}

/// <summary>The publication of the selected students' decisions, one period for the class.</summary>
public sealed class HardshipClassPublicationInput : HardshipClassBatchInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

/// <summary>What a class batch did: the step, the class and the students, each recorded in the audit chain as if done one by one.</summary>
public sealed record HardshipBatchResult(string ClassName, string Step, int Count, IReadOnlyList<string> Students);
