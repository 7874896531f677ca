using TechSchoolAid.Modules.Calendar.Contracts;

namespace TechSchoolAid.Tests.Modules.Calendar;

// Expected dates were read off src/TechSchoolAid/ReferenceData/cn-holidays.csv by hand.
public class WorkingDayCalendarTests
{
    private static readonly Lazy<WorkingDayCalendar> RealCalendar = new(LoadRealCalendar);

    private static WorkingDayCalendar Real => RealCalendar.Value;

    private static WorkingDayCalendar LoadRealCalendar()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TechSchoolAid.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = Path.Combine(directory.FullName, "src", "TechSchoolAid", "ReferenceData", "cn-holidays.csv");
        using var reader = new StreamReader(path);
        var calendar = WorkingDayCalendar.ParseCsv(reader, out var errors);
        Assert.Empty(errors);
        return calendar;
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static WorkingDayCalendar Parse(string csv, out IReadOnlyList<string> errors) =>
        WorkingDayCalendar.ParseCsv(new StringReader(csv), out errors);

    [Fact]
    public void ParseCsv_RealFile_CoversPublishedYears()
    {
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], Real.YearsCovered);
        Assert.True(Real.CoversYear(2024));
        Assert.False(Real.CoversYear(2019));
        Assert.False(Real.CoversYear(2030));
    }

    [Theory]
    [InlineData("2024-10-01", false)] // National Day
    [InlineData("2024-10-07", false)] // National Day (Mon)
    [InlineData("2024-10-08", true)]
    [InlineData("2024-09-29", true)] // Sunday make-up day
    [InlineData("2024-10-12", true)] // Saturday make-up day
    [InlineData("2024-10-13", false)] // ordinary Sunday
    [InlineData("2024-09-28", false)] // ordinary Saturday
    [InlineData("2024-02-09", true)] // Spring Festival eve was not a statutory holiday in 2024
    [InlineData("2024-02-12", false)]
    [InlineData("2025-05-05", false)] // Labour Day (Mon)
    [InlineData("2025-04-27", true)] // Sunday make-up day
    public void IsWorkingDay_RealFile_FollowsSchedule(string date, bool expected)
    {
        Assert.Equal(expected, Real.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2024-09-27", 1, "2024-09-29")] // Fri → Sunday make-up day
    [InlineData("2024-09-29", 1, "2024-09-30")]
    [InlineData("2024-09-30", 1, "2024-10-08")] // jumps the Golden Week
    [InlineData("2024-10-03", 1, "2024-10-08")] // starting inside the holiday
    [InlineData("2024-10-11", 1, "2024-10-12")] // Fri → Saturday make-up day
    [InlineData("2024-10-12", 1, "2024-10-14")]
    [InlineData("2024-09-25", 10, "2024-10-14")]
    [InlineData("2024-02-02", 1, "2024-02-04")] // Spring Festival: Sunday make-up day
    [InlineData("2024-02-08", 1, "2024-02-09")]
    [InlineData("2024-02-09", 1, "2024-02-18")] // 10–17 Feb off, Sunday 18th worked
    [InlineData("2024-02-09", 2, "2024-02-19")]
    [InlineData("2025-04-25", 1, "2025-04-27")] // Labour Day: Sunday make-up day
    [InlineData("2025-04-30", 1, "2025-05-06")]
    [InlineData("2025-04-25", 5, "2025-05-06")]
    public void AddWorkingDays_AcrossHolidays_SkipsHolidaysAndUsesMakeUpDays(string start, int days, string expected)
    {
        Assert.Equal(D(expected), Real.AddWorkingDays(D(start), days));
    }

    [Theory]
    [InlineData("2024-10-08", -1, "2024-09-30")]
    [InlineData("2024-10-01", -1, "2024-09-30")]
    [InlineData("2024-09-30", -1, "2024-09-29")]
    [InlineData("2024-09-29", -1, "2024-09-27")]
    [InlineData("2024-10-14", -10, "2024-09-25")]
    [InlineData("2024-02-18", -1, "2024-02-09")]
    [InlineData("2025-05-06", -5, "2025-04-25")]
    public void AddWorkingDays_Negative_CountsBackwards(string start, int days, string expected)
    {
        Assert.Equal(D(expected), Real.AddWorkingDays(D(start), days));
    }

    [Theory]
    [InlineData("2024-09-29", "2024-09-29")] // working Sunday stays
    [InlineData("2024-09-28", "2024-09-29")] // Saturday → make-up Sunday
    [InlineData("2024-10-01", "2024-10-08")]
    [InlineData("2024-10-08", "2024-10-08")]
    public void AddWorkingDays_Zero_ReturnsStartOrNextWorkingDay(string start, string expected)
    {
        Assert.Equal(D(expected), Real.AddWorkingDays(D(start), 0));
    }

    [Theory]
    [InlineData("2030-01-01", true)] // New Year's Day, but 2030 is not published: plain Tuesday
    [InlineData("2030-10-01", true)]
    [InlineData("2030-10-05", false)] // Saturday
    public void IsWorkingDay_UncoveredYear_PlainMondayToFriday(string date, bool expected)
    {
        Assert.Equal(expected, Real.IsWorkingDay(D(date)));
    }

    [Fact]
    public void AddWorkingDays_UncoveredYear_PlainMondayToFriday()
    {
        Assert.Equal(D("2030-10-07"), Real.AddWorkingDays(D("2030-10-04"), 1));
        Assert.Equal(D("2030-10-08"), Real.AddWorkingDays(D("2030-09-30"), 6));
        Assert.Equal(D("2030-09-27"), Real.AddWorkingDays(D("2030-09-30"), -1));
        Assert.Equal(5, Real.CountWorkingDays(D("2030-09-29"), D("2030-10-06")));
    }

    [Fact]
    public void AddWorkingDays_FromCoveredIntoUncoveredYear_TreatsNewYearAsWorking()
    {
        // 2026-12-30 is a Wednesday; 2027 is unpublished, so Friday 1 January counts.
        Assert.Equal(D("2027-01-06"), Real.AddWorkingDays(D("2026-12-30"), 5));
    }

    [Theory]
    [InlineData("2024-09-25", "2024-10-14", 10)]
    [InlineData("2024-09-30", "2024-10-07", 0)]
    [InlineData("2024-09-27", "2024-09-29", 1)]
    [InlineData("2025-04-25", "2025-05-06", 5)]
    [InlineData("2024-10-14", "2024-09-25", -10)]
    [InlineData("2024-10-08", "2024-10-08", 0)]
    public void CountWorkingDays_RealFile_ExcludesStartIncludesEnd(string from, string to, int expected)
    {
        Assert.Equal(expected, Real.CountWorkingDays(D(from), D(to)));
    }

    [Fact]
    public void CountWorkingDays_Year2024_MatchesOfficialTotal()
    {
        // 2024 in the file: 262 weekdays − 19 weekday holidays + 8 weekend make-up days = 251,
        // the figure published for 2024.
        var weekdays = 0;
        for (var d = D("2024-01-01"); d.Year == 2024; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                weekdays++;
            }
        }

        Assert.Equal(262, weekdays);
        Assert.Equal(251, Real.CountWorkingDays(D("2023-12-31"), D("2024-12-31")));
    }

    [Fact]
    public void AddWorkingDays_RealFile_MatchesDayByDayWalk()
    {
        for (var start = D("2019-12-01"); start <= D("2027-02-01"); start = start.AddDays(1))
        {
            foreach (var n in (int[])[-40, -23, -7, -2, -1, 0, 1, 2, 3, 7, 23, 40])
            {
                Assert.Equal(WalkNaively(Real, start, n), Real.AddWorkingDays(start, n));
            }
        }
    }

    [Fact]
    public void AddWorkingDays_LargestAllowed_RoundTrips()
    {
        var start = D("2024-10-08");
        var far = Real.AddWorkingDays(start, WorkingDayCalendar.MaxWorkingDays);

        Assert.Equal(start, Real.AddWorkingDays(far, -WorkingDayCalendar.MaxWorkingDays));
        Assert.Equal(WorkingDayCalendar.MaxWorkingDays, Real.CountWorkingDays(start, far));
    }

    [Theory]
    [InlineData(3661)]
    [InlineData(-3661)]
    [InlineData(int.MinValue)]
    public void AddWorkingDays_BeyondTenYears_Throws(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Real.AddWorkingDays(D("2024-10-08"), days));
    }

    [Fact]
    public void Constructor_DuplicateDate_Throws()
    {
        var days = new[]
        {
            new CalendarDay(D("2024-10-01"), CalendarDayKind.Holiday, "国庆节"),
            new CalendarDay(D("2024-10-01"), CalendarDayKind.Holiday, "国庆节"),
        };

        Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(days));
    }

    [Fact]
    public void ParseCsv_ValidRows_BuildsCalendar()
    {
        var csv = "date,kind,name_zh,name_en\n2024-10-01,holiday,国庆节,National Day\n\n2024-10-12,workday,国庆节,\"National Day, make-up\"\n";

        var calendar = Parse(csv, out var errors);

        Assert.Empty(errors);
        Assert.False(calendar.IsWorkingDay(D("2024-10-01")));
        Assert.True(calendar.IsWorkingDay(D("2024-10-12")));
        Assert.Equal([2024], calendar.YearsCovered);
        Assert.Equal(
            [
                new CalendarDay(D("2024-10-01"), CalendarDayKind.Holiday, "国庆节"),
                new CalendarDay(D("2024-10-12"), CalendarDayKind.Workday, "国庆节"),
            ],
            calendar.Days);
    }

    [Fact]
    public void ParseCsv_BadDate_ReportsLineAndReturnsEmpty()
    {
        var csv = "date,kind,name_zh,name_en\n2027-01-01,holiday,元旦,New Year's Day\n2027-02-30,holiday,春节,Spring Festival\n";

        var calendar = Parse(csv, out var errors);

        Assert.Equal(["第 3 行：日期 2027-02-30 无效"], errors);
        Assert.Empty(calendar.YearsCovered);
        Assert.True(calendar.IsWorkingDay(D("2027-01-01")));
    }

    [Fact]
    public void ParseCsv_BadKind_ReportsLine()
    {
        var csv = "date,kind,name_zh,name_en\n2027-01-01,vacation,元旦,New Year's Day\n";

        Parse(csv, out var errors);

        Assert.Equal(["第 2 行：类型 vacation 无效，应为 holiday 或 workday"], errors);
    }

    [Fact]
    public void ParseCsv_WorkdayOnWeekday_ReportsLine()
    {
        var csv = "date,kind,name_zh,name_en\n2024-10-08,workday,国庆节,National Day\n";

        Parse(csv, out var errors);

        Assert.Equal(["第 2 行：调休上班日 2024-10-08 是星期二，只能是周六或周日"], errors);
    }

    [Fact]
    public void ParseCsv_DuplicateDate_ReportsBothLines()
    {
        var csv = "date,kind,name_zh,name_en\n2024-10-01,holiday,国庆节,National Day\n2024-10-01,holiday,国庆节,National Day\n";

        Parse(csv, out var errors);

        Assert.Equal(["第 3 行：日期 2024-10-01 与第 2 行重复"], errors);
    }

    [Fact]
    public void ParseCsv_MissingHeader_ReportsLineOne()
    {
        var csv = "2024-10-01,holiday,国庆节,National Day\n";

        var calendar = Parse(csv, out var errors);

        Assert.Equal(["第 1 行：缺少表头，应为 date,kind,name_zh,name_en"], errors);
        Assert.Empty(calendar.YearsCovered);
    }

    [Fact]
    public void ParseCsv_EmptyInput_ReportsMissingHeader()
    {
        Parse(string.Empty, out var errors);

        Assert.Equal(["文件为空，缺少表头 date,kind,name_zh,name_en"], errors);
    }

    [Fact]
    public void ParseCsv_SeveralProblems_AllReported()
    {
        var csv = "date,kind,name_zh,name_en\n2024-13-01,holiday,X,X\n2024-10-01,holiday,国庆节\n2024-10-02,other,国庆节,X\n";

        Parse(csv, out var errors);

        Assert.Equal(3, errors.Count);
        Assert.StartsWith("第 2 行：", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("第 3 行：应有 4 列", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("第 4 行：", errors[2], StringComparison.Ordinal);
    }

    private static DateOnly WalkNaively(WorkingDayCalendar calendar, DateOnly start, int n)
    {
        if (n == 0)
        {
            var d = start;
            while (!calendar.IsWorkingDay(d))
            {
                d = d.AddDays(1);
            }

            return d;
        }

        var step = n > 0 ? 1 : -1;
        var remaining = Math.Abs(n);
        var day = start;
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (calendar.IsWorkingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }
}
