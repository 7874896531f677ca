using System.Globalization;

namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>A month of the check (YYYY-MM), stored as yyyymm.</summary>
public readonly record struct CheckMonth(int Year, int Month)
{
    public int Key => (Year * 100) + Month;

    public DateOnly FirstDay => new(Year, Month, 1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public static CheckMonth FromKey(int key) => new(key / 100, key % 100);

    public static bool TryParse(string? text, out CheckMonth month)
    {
        month = default;
        var t = text?.Trim() ?? "";
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && y is >= 2000 and <= 2100 && m is >= 1 and <= 12)
        {
            month = new CheckMonth(y, m);
            return true;
        }

        return false;
    }
}
