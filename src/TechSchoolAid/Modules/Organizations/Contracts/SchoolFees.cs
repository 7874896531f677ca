namespace TechSchoolAid.Modules.Organizations.Contracts;

/// <summary>
/// The tuition waiver's basis (AID-4) for one major of a school on a date: the amount per student per year in fen, or,
/// when it cannot be priced, the Chinese reason; <see cref="Source"/> says which standard gave the amount.
/// </summary>
public sealed record WaiverBasis(long? YearFen, string? Missing, string Source)
{
    public static WaiverBasis Of(long fen, string source) => new(fen, null, source);

    public static WaiverBasis None(string reason) => new(null, reason, "");
}

/// <summary>A school's fee standards in force on one date, read once for all its students (a list for a whole school).</summary>
public interface ISchoolFeeSchedule
{
    /// <summary>The waiver basis for a student of <paramref name="major"/> (the major's standard where one is recorded, else the school's).</summary>
    WaiverBasis WaiverFor(string? major);
}

/// <summary>
/// The school fees (ORG-2) as the aid rules use them. A public school's waiver is its approved tuition in force on the
/// date. A 民办 school's waiver is the comparable public schools' tuition for its kind (the city's figure where the city
/// recorded one, else the province's; the major's where one is recorded), never its own fee and never above what it
/// charges (the lower of the two when its own approved fee is known).
/// </summary>
public interface ISchoolFees
{
    /// <summary>The messages the eligibility explanation gives when a figure is missing.</summary>
    public const string PublicTuitionMissing = "学校的学费标准尚未登记，无法确定免学费金额";

    public const string ComparableTuitionMissing = "该民办学校的同类型公办学校学费标准尚未登记";

    /// <summary>The school's standards in force on <paramref name="date"/>, whatever the caller's scope (they are published prices).</summary>
    Task<ISchoolFeeSchedule> ScheduleAsync(int schoolId, DateOnly date, CancellationToken ct);

    /// <summary>Many schools at once (a report over a province): a few queries whatever their number; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<int, ISchoolFeeSchedule>> SchedulesAsync(IReadOnlyCollection<int> schoolIds, DateOnly date, CancellationToken ct);
}
