using System.Globalization;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>
/// Citizen ID numbers for test data, computed here independently of the application: GB 11643-1999, ISO 7064 MOD 11-2.
/// </summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static char CheckChar(string first17)
    {
        if (first17.Length != 17 || !first17.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("17 digits expected.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>A valid 18-digit number: county, birth date, 3-digit order code (odd = male), check character.</summary>
    public static string Valid(string county, DateOnly birth, int order)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{county}{birth:yyyyMMdd}{order:D3}");
        return first17 + CheckChar(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string WithWrongCheck(string valid)
    {
        var right = valid[17];
        var wrong = CheckChars.First(c => c != right && c != 'X');
        return valid[..17] + wrong;
    }

    /// <summary>How the application masks an 18-digit number in lists and on the detail page: first 3 and last 1.</summary>
    public static string Masked(string number) => number[..3] + new string('*', number.Length - 4) + number[^1..];
}
