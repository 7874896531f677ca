using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;

namespace TechSchoolAid.Tests.Modules.Aid;

public sealed class AidTermTests
{
    [Theory]
    [InlineData(2026, 9, 1, 2026, Semester.Autumn)]
    [InlineData(2027, 2, 28, 2026, Semester.Autumn)]
    [InlineData(2027, 3, 1, 2026, Semester.Spring)]
    [InlineData(2027, 8, 31, 2026, Semester.Spring)]
    public void Of_PutsADateInItsTerm(int y, int m, int d, int schoolYear, Semester semester) =>
        Assert.Equal(new AidTerm(schoolYear, semester), AidTerm.Of(new DateOnly(y, m, d)));

    [Fact]
    public void Term_HasItsDatesAndName()
    {
        var autumn = new AidTerm(2027, Semester.Autumn);
        Assert.Equal(new DateOnly(2027, 9, 1), autumn.StartsOn);
        Assert.Equal(new DateOnly(2028, 2, 29), autumn.EndsOn); // 2028 is a leap year
        Assert.Equal("2027-2028学年秋季学期", autumn.ToString());
        var spring = new AidTerm(2026, Semester.Spring);
        Assert.Equal(new DateOnly(2027, 3, 1), spring.StartsOn);
        Assert.Equal(2027, spring.CalendarYear); // its approval deadline is 31 May 2027
    }

    [Theory]
    [InlineData(2026, 9, 1, 1)]  // this autumn's intake
    [InlineData(2026, 9, 20, 1)] // enrolled during the term
    [InlineData(2026, 3, 1, 1)]  // last spring's intake: still within twelve months
    [InlineData(2025, 9, 1, 2)]
    [InlineData(2024, 9, 1, 3)]
    [InlineData(2023, 9, 1, 4)]
    [InlineData(2027, 3, 1, 0)]  // enrols after the term ends
    [InlineData(2025, 9, 5, 2)]  // last autumn's intake enrolled a few days after 1 September: grade 2, not 1
    [InlineData(2025, 8, 28, 2)] // an autumn intake that enrolled in late August
    [InlineData(2024, 10, 8, 3)]
    [InlineData(2026, 1, 10, 1)] // a spring intake enrolled in January
    [InlineData(2027, 1, 10, 0)] // a spring intake of 2027 is not in the autumn term before it
    [InlineData(2022, 12, 1, 5)] // a late autumn-2022 intake: its fifth school year
    public void GradeOf_CountsSchoolYearsFromTheFirstTerm(int y, int m, int d, int grade) =>
        Assert.Equal(grade, new AidTerm(2026, Semester.Autumn).GradeOf(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2026, 3, 1, 1)]  // this spring's intake
    [InlineData(2025, 9, 5, 1)]  // the autumn intake before: second term of grade 1
    [InlineData(2025, 3, 1, 2)]
    [InlineData(2024, 9, 1, 2)]
    [InlineData(2026, 7, 1, 0)]  // the next autumn intake
    public void GradeOf_InASpringTerm(int y, int m, int d, int grade) =>
        Assert.Equal(grade, new AidTerm(2025, Semester.Spring).GradeOf(new DateOnly(y, m, d)));

    [Fact]
    public void SuggestedTier_FollowsTheHardshipLevel()
    {
        AidTier[] three = [new(300_000, 25), new(230_000, 50), new(160_000, 25)];
        Assert.Equal(300_000, AidEligibilityRules.SuggestedTierFen(three, HardshipLevel.Extreme));
        Assert.Equal(230_000, AidEligibilityRules.SuggestedTierFen(three, HardshipLevel.Hardship));
        Assert.Equal(160_000, AidEligibilityRules.SuggestedTierFen(three, HardshipLevel.Moderate));
        Assert.Equal(160_000, AidEligibilityRules.SuggestedTierFen(three, null));
        AidTier[] two = [new(250_000, 50), new(150_000, 50)];
        Assert.Equal(150_000, AidEligibilityRules.SuggestedTierFen(two, HardshipLevel.Hardship));
    }
}
