using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Contracts;

/// <summary>
/// An approved aid line whose student's status changed so that eligibility ended within the line's term (issue 13 item 6):
/// shown on the student page, the aid list and the round page, and on the aid officer's to-do panel, until the line is
/// stopped (revoked) or kept. <see cref="Text"/> is what the screens show, e.g. "学籍已变动：休学（2026-11-03），资助待处理".
/// </summary>
public sealed record AidStatusFlag(
    Guid EntryId, Guid RoundId, Guid StudentId, string StudentName, string ClassName, string Term, AidItem Item, string ItemText,
    long AmountFen, EnrolmentStatus Status, string StatusText, DateOnly? StatusSince, string Reason, string Text, int Version);

/// <summary>What the aid officer decides about a flagged line.</summary>
public enum AidStatusDecision
{
    /// <summary>停发: the approved line is revoked (the person is freed; the audit keeps the line).</summary>
    Stop = 1,

    /// <summary>保留: the line stands (payments stop by date anyway); the flag is cleared for this change.</summary>
    Keep = 2,
}

/// <summary>The decision on one flagged line, with the reason. Everything optional so the handler says what is missing.</summary>
public sealed class AidStatusResolutionInput
{
    public AidStatusDecision? Decision { get; set; }

    public string? Note { get; set; }

    /// <summary>The line's version as flagged (a newer one answers 409).</summary>
    public int? Version { get; set; }
}
