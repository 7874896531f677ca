namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>
/// A line that was approved for a term, as the payments read it (FND-1, STA-5): approved now, or approved and later taken
/// back (<see cref="Revoked"/>, with when and why). The properties are settable so that the query stays composable in SQL.
/// </summary>
public sealed record PayableAidLine
{
    public Guid EntryId { get; init; }

    public Guid StudentId { get; init; }

    public int SchoolId { get; init; }

    public string ScopePath { get; init; } = "";

    public AidItem Item { get; init; }

    public int SchoolYear { get; init; }

    public Semester Semester { get; init; }

    public string StudentName { get; init; } = "";

    public string ClassName { get; init; } = "";

    /// <summary>The term's amount (half the yearly one), in fen.</summary>
    public long AmountFen { get; init; }

    /// <summary>True when the approval was taken back after it was given.</summary>
    public bool Revoked { get; init; }

    public string? ReviewedBy { get; init; }

    public DateTime? ReviewedAtUtc { get; init; }

    public DateTime? RevokedAtUtc { get; init; }

    public string? RevokedReason { get; init; }
}

/// <summary>The lines approved for a term in the actor's scope (the DbContext's filter applies), for payments and compensation.</summary>
public interface IPayableAidLines
{
    /// <summary>The lines of <paramref name="item"/> and <paramref name="term"/> that were approved (still approved, or revoked since), composable in SQL.</summary>
    IQueryable<PayableAidLine> Query(AidItem item, AidTerm term);
}
