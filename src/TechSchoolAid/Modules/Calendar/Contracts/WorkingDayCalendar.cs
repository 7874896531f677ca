using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace TechSchoolAid.Modules.Calendar.Contracts;

/// <summary>How a listed day departs from the plain Monday–Friday week.</summary>
public enum CalendarDayKind
{
    /// <summary>Statutory holiday (法定节假日); only matters when it falls on a weekday.</summary>
    Holiday = 1,

    /// <summary>Weekend day turned into a working day to compensate for a holiday (调休上班).</summary>
    Workday = 2,
}

public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// Working-day arithmetic under the State Council holiday schedule. Years that were not loaded
/// (the schedule is only published each December for the following year) fall back to plain
/// Monday–Friday, so deadlines far in the future are estimates; check <see cref="CoversYear"/>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Internally every date is mapped to a running working-day index
/// W(d) = (Mon–Fri days up to d) + (adjustments up to d), where only days that actually change the
/// outcome (weekday holidays: −1, weekend make-up days: +1) are stored. Every query is then a
/// closed-form weekday count plus a binary search over a few hundred entries, with no allocation,
/// which matters because batch jobs call this for millions of rows.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>Ten years of working days; anything larger is a caller bug, not a real deadline.</summary>
    public const int MaxWorkingDays = 3660;

    private const string CsvHeader = "date,kind,name_zh,name_en";

    // DayNumber 0 (0001-01-01) is a Monday, which makes "DayNumber % 7 < 5" the weekday test.
    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;

    /// <summary>Day numbers of the days that change the outcome, ascending.</summary>
    private readonly int[] _exceptionDays;

    /// <summary>_adjustmentBefore[i] = sum of adjustments of _exceptionDays[0..i); one longer than the days.</summary>
    private readonly int[] _adjustmentBefore;

    /// <summary>W at each exception day, non-decreasing; lets the inverse find its segment by binary search.</summary>
    private readonly long[] _indexAtException;

    private readonly int[] _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);

        var seen = new HashSet<DateOnly>();
        var loaded = new List<CalendarDay>();
        var years = new SortedSet<int>();
        var effective = new List<(int DayNumber, int Adjustment)>();
        foreach (var day in days)
        {
            ArgumentNullException.ThrowIfNull(day, nameof(days));
            if (!Enum.IsDefined(day.Kind))
            {
                throw new ArgumentException($"Unknown calendar day kind {day.Kind} on {Iso(day.Date)}.", nameof(days));
            }

            if (!seen.Add(day.Date))
            {
                throw new ArgumentException($"Date {Iso(day.Date)} is listed more than once.", nameof(days));
            }

            loaded.Add(day);
            years.Add(day.Date.Year);
            var weekday = IsWeekday(day.Date.DayNumber);

            // A holiday on a weekend or a make-up day on a weekday changes nothing, and leaving them out
            // keeps W strictly tied to "is this a working day".
            if (day.Kind == CalendarDayKind.Holiday && weekday)
            {
                effective.Add((day.Date.DayNumber, -1));
            }
            else if (day.Kind == CalendarDayKind.Workday && !weekday)
            {
                effective.Add((day.Date.DayNumber, +1));
            }
        }

        effective.Sort((a, b) => a.DayNumber.CompareTo(b.DayNumber));
        _exceptionDays = new int[effective.Count];
        _adjustmentBefore = new int[effective.Count + 1];
        _indexAtException = new long[effective.Count];
        for (var i = 0; i < effective.Count; i++)
        {
            _exceptionDays[i] = effective[i].DayNumber;
            _adjustmentBefore[i + 1] = _adjustmentBefore[i] + effective[i].Adjustment;
            _indexAtException[i] = WeekdaysThrough(effective[i].DayNumber) + _adjustmentBefore[i + 1];
        }

        _years = [.. years];
        YearsCovered = Array.AsReadOnly(_years);
        loaded.Sort((a, b) => a.Date.CompareTo(b.Date));
        Days = loaded.AsReadOnly();
    }

    public static WorkingDayCalendar Empty { get; } = new([]);

    /// <summary>Every loaded day (including ones with no effect, such as a holiday on a Sunday), ordered by date.</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>Years with at least one loaded day, ascending.</summary>
    public IReadOnlyCollection<int> YearsCovered { get; }

    /// <summary>
    /// False means the official schedule for that year was not loaded and that year is treated as plain Monday–Friday.
    /// </summary>
    public bool CoversYear(int year) => Array.BinarySearch(_years, year) >= 0;

    public bool IsWorkingDay(DateOnly date)
    {
        var dayNumber = date.DayNumber;
        var index = Array.BinarySearch(_exceptionDays, dayNumber);
        if (index >= 0)
        {
            return _adjustmentBefore[index + 1] > _adjustmentBefore[index];
        }

        return IsWeekday(dayNumber);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>, not counting
    /// <paramref name="start"/> itself; negative values count backwards the same way. Zero yields
    /// <paramref name="start"/> if it is a working day, otherwise the next working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays is > MaxWorkingDays or < -MaxWorkingDays)
        {
            throw new ArgumentOutOfRangeException(
                nameof(workingDays), workingDays, $"At most {MaxWorkingDays.ToString(CultureInfo.InvariantCulture)} working days in either direction.");
        }

        var dayNumber = start.DayNumber;

        // Target index T; the answer is the first day whose running index reaches T, which is
        // necessarily a working day because the index only increases on working days.
        long target = workingDays switch
        {
            > 0 => WorkingIndex(dayNumber) + workingDays,
            0 => WorkingIndex(dayNumber - 1) + 1,
            _ => WorkingIndex(dayNumber - 1) + workingDays + 1,
        };

        return FirstDayReaching(target)
            ?? throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "The result lies outside the supported date range.");
    }

    /// <summary>
    /// Working days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]. When the
    /// bounds are reversed the result is the negated count of the reversed range, so
    /// CountWorkingDays(a, b) == -CountWorkingDays(b, a).
    /// </summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive) =>
        checked((int)(WorkingIndex(toInclusive.DayNumber) - WorkingIndex(fromExclusive.DayNumber)));

    /// <summary>
    /// Reads the reference CSV (<c>date,kind,name_zh,name_en</c>). All problems are collected so that
    /// whoever maintains the file can fix them in one pass; if there are any, the calendar is empty
    /// rather than partially loaded, because a half-loaded year would silently shift deadlines.
    /// </summary>
    public static WorkingDayCalendar ParseCsv(TextReader reader, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var problems = new List<string>();
        errors = problems;

        var header = reader.ReadLine();
        if (header is null)
        {
            problems.Add($"文件为空，缺少表头 {CsvHeader}");
            return Empty;
        }

        if (!string.Equals(header.Trim().TrimStart('\uFEFF').Trim(), CsvHeader, StringComparison.OrdinalIgnoreCase))
        {
            // Without the expected header the column order is unknown, so row-level messages would be noise.
            problems.Add($"第 1 行：缺少表头，应为 {CsvHeader}");
            return Empty;
        }

        var days = new List<CalendarDay>();
        var firstLineOfDate = new Dictionary<DateOnly, int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var prefix = string.Create(CultureInfo.InvariantCulture, $"第 {lineNumber} 行：");
            var fields = SplitCsvLine(line);
            if (fields is null)
            {
                problems.Add($"{prefix}引号不配对");
                continue;
            }

            if (fields.Count != 4)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}应有 4 列（{CsvHeader}），实际为 {fields.Count} 列"));
                continue;
            }

            var dateText = fields[0];
            var kindText = fields[1];
            var name = fields[2];
            var rowOk = true;

            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"{prefix}日期 {dateText} 无效");
                rowOk = false;
            }

            CalendarDayKind? kind = kindText.ToUpperInvariant() switch
            {
                "HOLIDAY" => CalendarDayKind.Holiday,
                "WORKDAY" => CalendarDayKind.Workday,
                _ => null,
            };
            if (kind is null)
            {
                problems.Add($"{prefix}类型 {kindText} 无效，应为 holiday 或 workday");
                rowOk = false;
            }

            if (name.Length == 0)
            {
                problems.Add($"{prefix}节日名称（name_zh）不能为空");
                rowOk = false;
            }

            if (!rowOk || kind is not { } rowKind)
            {
                continue;
            }

            if (rowKind == CalendarDayKind.Workday && IsWeekday(date.DayNumber))
            {
                problems.Add($"{prefix}调休上班日 {Iso(date)} 是{WeekdayZh(date.DayOfWeek)}，只能是周六或周日");
                continue;
            }

            if (firstLineOfDate.TryGetValue(date, out var firstLine))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}日期 {Iso(date)} 与第 {firstLine} 行重复"));
                continue;
            }

            firstLineOfDate.Add(date, lineNumber);
            days.Add(new CalendarDay(date, rowKind, name));
        }

        return problems.Count == 0 ? new WorkingDayCalendar(days) : Empty;
    }

    private static bool IsWeekday(int dayNumber) => dayNumber % 7 < 5;

    /// <summary>Mon–Fri days in [0001-01-01, dayNumber]; 0 for dayNumber = -1 (the day before MinValue).</summary>
    private static long WeekdaysThrough(int dayNumber)
    {
        var days = (long)dayNumber + 1;
        return (days / 7 * 5) + Math.Min(days % 7, 5);
    }

    /// <summary>Running working-day index W(d); W(d) − W(d − 1) is 1 exactly when d is a working day.</summary>
    private long WorkingIndex(int dayNumber)
    {
        var index = Array.BinarySearch(_exceptionDays, dayNumber);

        // Number of exception days on or before dayNumber.
        var upto = index >= 0 ? index + 1 : ~index;
        return WeekdaysThrough(dayNumber) + _adjustmentBefore[upto];
    }

    /// <summary>Smallest d with W(d) ≥ target, or null when no such date exists in the DateOnly range.</summary>
    private DateOnly? FirstDayReaching(long target)
    {
        if (target < 1)
        {
            return null;
        }

        // Exceptions [0, segment) all have W < target; between exception segment-1 and segment the
        // adjustment is constant, so the plain-weekday inverse applies there.
        var segment = LowerBound(_indexAtException, target);
        var weekdayTarget = target - _adjustmentBefore[segment];
        long candidate = weekdayTarget < 1 ? 0 : ((weekdayTarget - 1) / 5 * 7) + ((weekdayTarget - 1) % 5);
        if (segment < _exceptionDays.Length && candidate >= _exceptionDays[segment])
        {
            // W first reaches target exactly at the exception day (a weekend make-up day).
            candidate = _exceptionDays[segment];
        }

        return candidate <= MaxDayNumber ? DateOnly.FromDayNumber((int)candidate) : null;
    }

    private static int LowerBound(long[] values, long target)
    {
        int low = 0, high = values.Length;
        while (low < high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            if (values[mid] < target)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Minimal RFC 4180 splitting (quoted fields, doubled quotes) so names may contain commas; null on an unbalanced quote.</summary>
    private static List<string>? SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    current.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (inQuotes)
        {
            return null;
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WeekdayZh(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };
}
