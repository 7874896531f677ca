using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Payments;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Tests.Modules.Funds.Payments;

/// <summary>The rules the payments rest on: card numbers, the monthly split of a term, the status on a payment date.</summary>
public sealed class PaymentRulesTests
{
    [Theory]
    [InlineData("6222 0212 3456 7890 128", "6222021234567890128")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    public void CardNumber_ValidLuhn_IsNormalized(string raw, string expected)
    {
        var (number, problem) = CardNumbers.Normalize(raw);
        Assert.Null(problem);
        Assert.Equal(expected, number);
        Assert.Equal("**** **** **** " + expected[^4..], CardNumbers.Mask(expected));
    }

    [Theory]
    [InlineData("6222021234567890124", "Luhn")]
    [InlineData("411111111111", "13 至 19 位")]
    [InlineData("41111111111111111111", "13 至 19 位")]
    [InlineData("4111a11111111111", "只能由数字")]
    [InlineData("  ", "请填写卡号")]
    public void CardNumber_Bad_IsRefusedInChinese(string raw, string message)
    {
        var (number, problem) = CardNumbers.Normalize(raw);
        Assert.Null(number);
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(115_000)] // half of the 2,300-yuan tier
    [InlineData(100_003)]
    [InlineData(1)]
    [InlineData(4)]
    public void MonthlyShares_SumExactlyToTheTermAmount(long termFen)
    {
        var rule = new PaymentRule(Guid.NewGuid(), "44", PayFrequency.Monthly, 10, new DateOnly(2026, 1, 1), "t", DateTime.UtcNow);
        DateOnly[] months = [new(2026, 9, 10), new(2026, 10, 10), new(2026, 11, 10), new(2026, 12, 10), new(2027, 1, 10)];
        var shares = months.Select(m => PaymentRule.ShareOf(termFen, rule.PeriodOf(m).Period!)).ToList();
        Assert.Equal(termFen, shares.Sum());
        Assert.All(shares.Take(4), s => Assert.Equal(termFen / 5, s));
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, months.Select(m => rule.PeriodOf(m).Period!.MonthIndex));
    }

    [Fact]
    public void Monthly_HolidayMonths_PayNothing_PerSemester_PaysTheWholeTerm()
    {
        var monthly = new PaymentRule(Guid.NewGuid(), "44", PayFrequency.Monthly, 10, new DateOnly(2026, 1, 1), "t", DateTime.UtcNow);
        Assert.Null(monthly.PeriodOf(new DateOnly(2027, 2, 10)).Period);
        Assert.Contains("假期", monthly.PeriodOf(new DateOnly(2027, 8, 10)).Problem, StringComparison.Ordinal);
        var (period, _) = PaymentRule.Default.PeriodOf(new DateOnly(2026, 10, 15));
        Assert.Equal(new AidTerm(2026, Semester.Autumn), period!.Term);
        Assert.Equal(115_000, PaymentRule.ShareOf(115_000, period));
        Assert.Equal(new DateOnly(2026, 9, 1), period.Start);
    }

    [Theory]
    [InlineData(EnrolmentStatus.Active, null, null)]
    [InlineData(EnrolmentStatus.Suspended, "2026-10-20", null)]          // suspended after the payment date: still 在籍 on it
    [InlineData(EnrolmentStatus.Suspended, "2026-10-15", null)]          // the change takes effect the day after
    [InlineData(EnrolmentStatus.Suspended, "2026-10-01", "2026-10-01 起休学")]
    [InlineData(EnrolmentStatus.Withdrawn, "2026-09-30", "2026-09-30 起退学")]
    public void StatusOnThePaymentDate(EnrolmentStatus status, string? since, string? reason)
    {
        var result = StudentStatusOnDate.NotActiveReason(true, status, since is null ? null : DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture),
            new DateOnly(2026, 10, 15));
        Assert.Equal(reason, result);
    }

    [Fact]
    public void UnregisteredStudent_IsNotPaid() =>
        Assert.Equal("学籍尚未注册", StudentStatusOnDate.NotActiveReason(false, EnrolmentStatus.Active, null, new DateOnly(2026, 10, 15)));
}
