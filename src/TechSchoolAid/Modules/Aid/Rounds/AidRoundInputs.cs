using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds;

// Inputs of the AID-5 round: everything optional so the handler, not the JSON binder, says in Chinese what is missing.

public sealed class AidRoundCreateInput
{
    /// <summary>The school; the caller's own school when omitted.</summary>
    public string? SchoolCode { get; set; }

    /// <summary>The school year by its first calendar year (2026 = 2026-2027).</summary>
    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public AidItem? Item { get; set; }
}

public sealed class AidEntryAddInput
{
    public Guid? StudentId { get; set; }

    /// <summary>Grant only: the tier per year in fen; the tier the hardship level suggests when omitted.</summary>
    public long? YearAmountFen { get; set; }
}

public sealed class AidEntryTierInput
{
    public long? YearAmountFen { get; set; }
}

public sealed class AidEntryWithdrawInput
{
    public string? Reason { get; set; }
}

public sealed class AidPublicationInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class AidObjectionInput
{
    public string? Text { get; set; }

    /// <summary>The day the objection was received; today when omitted.</summary>
    public DateOnly? RaisedOn { get; set; }
}

public sealed class AidObjectionAnswerInput
{
    public string? Answer { get; set; }

    /// <summary>The objection is upheld: the student leaves the list.</summary>
    public bool? Withdraw { get; set; }
}

public sealed class AidSubmitInput
{
    /// <summary>The school's declared number of qualifying students (AID-7); the number found when the list was built if omitted.</summary>
    public int? DeclaredEligibleCount { get; set; }
}

public enum AidReviewDecision
{
    Approve = 1, // 审核通过
    Reject = 2,  // 审核不通过（逐个学生）
    Return = 3,  // 整单退回学校
}

public sealed class AidReviewInput
{
    public AidReviewDecision? Decision { get; set; }

    /// <summary>The lines decided; the whole list's undecided lines when omitted (approve only).</summary>
    public List<Guid>? EntryIds { get; set; }

    public string? Note { get; set; }
}

public sealed class AidReopenInput
{
    /// <summary>The province; the caller's own when omitted.</summary>
    public string? ProvinceCode { get; set; }

    public int? SchoolYear { get; set; }

    public Semester? Semester { get; set; }

    public DateOnly? Until { get; set; }

    public string? Reason { get; set; }
}
