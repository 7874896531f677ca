using System.Globalization;

namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>The two aid items of a semester round (AID-3, AID-4). Numbers are stored: never renumber.</summary>
public enum AidItem
{
    Grant = 1,  // 国家助学金
    Waiver = 2, // 免学费
}

/// <summary>
/// A semester of a school year: school year 2026 is 2026-2027; its autumn semester starts 1 September 2026, its spring
/// semester 1 March 2027. Aid is decided per term; the yearly amounts (tiers, tuition) are paid half per term.
/// </summary>
public readonly record struct AidTerm(int SchoolYear, Semester Semester)
{
    public DateOnly StartsOn => Semester == Semester.Autumn ? new DateOnly(SchoolYear, 9, 1) : new DateOnly(SchoolYear + 1, 3, 1);

    public DateOnly EndsOn => Semester == Semester.Autumn ? new DateOnly(SchoolYear + 1, 3, 1).AddDays(-1) : new DateOnly(SchoolYear + 1, 8, 31);

    /// <summary>The calendar year the semester starts in (the approval deadline falls in it: 30 November, 31 May).</summary>
    public int CalendarYear => StartsOn.Year;

    /// <summary>The date inside the term nearest to <paramref name="date"/> (a list built before the term judges on its first day).</summary>
    public DateOnly Clamp(DateOnly date) => date < StartsOn ? StartsOn : date > EndsOn ? EndsOn : date;

    public bool IsValid => SchoolYear is >= 2000 and <= 2100 && Enum.IsDefined(Semester);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{SchoolYear}-{SchoolYear + 1}学年{(Semester == Semester.Autumn ? "秋季" : "春季")}学期");

    /// <summary>The term a date falls in: September–February autumn, March–August spring.</summary>
    public static AidTerm Of(DateOnly date) => date.Month switch
    {
        >= 9 => new AidTerm(date.Year, Semester.Autumn),
        <= 2 => new AidTerm(date.Year - 1, Semester.Autumn),
        _ => new AidTerm(date.Year - 1, Semester.Spring),
    };

    /// <summary>
    /// The student's grade in this term, counted in school years from the term the student started in: an enrolment in
    /// July–December starts in that year's autumn term, one in January–June in the spring term (the intake seasons:
    /// 秋季 7–12 月, 春季 1–6 月). Grade 1 for the first two terms, 2 for the next two, and so on; zero before the first.
    /// So an autumn intake enrolled on 5 September 2025 is in grade 2 in the autumn term of 2026, and a spring intake
    /// enrolled in March 2026 is still in grade 1 then (its twelve months run to February 2027).
    /// The national data set's SQL (<c>NationalAidRules.GradeSql</c>) computes the same.
    /// </summary>
    public int GradeOf(DateOnly enrolmentDate)
    {
        var elapsed = Index - FirstTermIndex(enrolmentDate);
        return elapsed < 0 ? 0 : (elapsed / 2) + 1;
    }

    /// <summary>Terms counted from year 0: autumn of school year Y is 2Y, its spring 2Y + 1.</summary>
    public int Index => (SchoolYear * 2) + (Semester == Semester.Spring ? 1 : 0);

    /// <summary>The index of the first term of an enrolment on <paramref name="enrolmentDate"/>.</summary>
    public static int FirstTermIndex(DateOnly enrolmentDate) =>
        enrolmentDate.Month >= 7 ? enrolmentDate.Year * 2 : ((enrolmentDate.Year - 1) * 2) + 1;

    public static string ItemText(AidItem item) => item == AidItem.Grant ? "国家助学金" : "免学费";
}
