using System.Globalization;

namespace TechSchoolAid.Kernel.Identity;

/// <summary>
/// Validation and normalisation of identity-document numbers (GB 11643-1999 citizen numbers and the
/// documents that reuse its layout).
/// </summary>
public static partial class IdDocument
{
    /// <summary>Youngest plausible age of a technical-school student, in whole years.</summary>
    public const int MinPlausibleAge = 12;

    /// <summary>Oldest plausible age (adult and continuing-education students), in whole years.</summary>
    public const int MaxPlausibleAge = 60;

    private const string CheckChars = "10X98765432";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// Canonical form for storage and comparison: whitespace removed, full-width characters (common
    /// with Chinese IMEs) folded to ASCII, letters upper-cased.
    /// </summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        return new string(buffer[..Normalize(raw, buffer)]);
    }

    /// <summary>
    /// <see cref="Normalize(string)"/> without allocating, for millions of rows: writes as many characters as fit in
    /// <paramref name="destination"/> and returns the length of the whole normalised value (which may be longer).
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> raw, Span<char> destination)
    {
        var n = 0;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            var ascii = c switch
            {
                >= '\uFF10' and <= '\uFF19' => (char)(c - '\uFF10' + '0'),
                >= '\uFF21' and <= '\uFF3A' => (char)(c - '\uFF21' + 'A'),
                >= '\uFF41' and <= '\uFF5A' => (char)(c - '\uFF41' + 'a'),
                _ => c,
            };
            if (n < destination.Length)
            {
                destination[n] = ascii is >= 'a' and <= 'z' ? (char)(ascii - 'a' + 'A') : ascii;
            }

            n++;
        }

        return n;
    }

    /// <summary>
    /// Validates a document number as typed by a clerk or imported from a spreadsheet.
    /// <paramref name="today"/> is passed in (rather than read from the clock) so that batch imports
    /// and tests are reproducible.
    /// </summary>
    /// <param name="provinceCodes">The two-digit GB/T 2260 province codes, e.g. "11", "44".</param>
    public static IdDocumentCheck Check(IdDocumentType type, string raw, DateOnly today, IReadOnlySet<string> provinceCodes)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(provinceCodes);
        var normalized = Normalize(raw);
        return type switch
        {
            IdDocumentType.ResidentIdCard => CheckResidentIdCard(normalized, today, provinceCodes),
            IdDocumentType.HkMacaoTaiwanResidencePermit => CheckResidencePermit(normalized, today),
            IdDocumentType.ForeignPermanentResidentCard => CheckForeignPermanentResidentCard(normalized, today),
            IdDocumentType.Passport => CheckPassport(normalized),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown identity document type."),
        };
    }

    /// <summary>Converts a pre-1999 15-digit number (born in the 1900s by definition) to the 18-digit form.</summary>
    public static string Upgrade15To18(string fifteenDigits)
    {
        ArgumentNullException.ThrowIfNull(fifteenDigits);
        if (fifteenDigits.Length != 15 || !AllDigits(fifteenDigits))
        {
            throw new ArgumentException("A legacy identity number must consist of exactly 15 ASCII digits.", nameof(fifteenDigits));
        }

        Span<char> buffer = stackalloc char[18];
        fifteenDigits.AsSpan(0, 6).CopyTo(buffer);
        buffer[6] = '1';
        buffer[7] = '9';
        fifteenDigits.AsSpan(6).CopyTo(buffer[8..]);
        buffer[17] = ComputeCheckChar(buffer[..17]);
        return new string(buffer);
    }

    /// <summary>ISO 7064 MOD 11-2 check character as used by GB 11643-1999.</summary>
    public static char ComputeCheckChar(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || !AllDigits(first17))
        {
            throw new ArgumentException("Exactly 17 ASCII digits are required.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>
    /// Display form for lists and exports. A resident ID number is region (6) + birth date (8) + sequence (3) + check (1),
    /// and the check digit is a function of the other 17: hiding only the birth date let anyone who saw the birth date
    /// beside it rebuild the number. So only the province and first city digit (3) and the check character (1) are kept:
    /// the hidden county, birth date and sequence leave hundreds of thousands of candidates, and even a known county and
    /// birth date leave about 45 (docs/adr/0003). Idempotent: masking an older mask gives the same result.
    /// </summary>
    public static string Mask(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var length = normalized.Length;
        var (head, tail) = length switch
        {
            18 or 15 => (3, 1),
            >= 5 => (2, 2),
            _ => (0, 0),
        };

        return string.Create(length, (normalized, head, tail), static (span, state) =>
        {
            var (source, keepHead, keepTail) = state;
            span.Fill('*');
            source.AsSpan(0, keepHead).CopyTo(span);
            source.AsSpan(source.Length - keepTail).CopyTo(span[(span.Length - keepTail)..]);
        });
    }

    private static IdDocumentCheck CheckResidentIdCard(string number, DateOnly today, IReadOnlySet<string> provinceCodes)
    {
        const string label = "身份证号码";
        if (CheckEighteenCharShape(label, number, allowLegacy: true) is { } shapeError)
        {
            return IdDocumentCheck.Fail(shapeError);
        }

        if (number.Length == 15)
        {
            number = Upgrade15To18(number);
        }

        var province = number[..2];
        if (!provinceCodes.Contains(province))
        {
            return IdDocumentCheck.Fail($"{label}前两位 {province} 不是有效的省级行政区代码");
        }

        return CheckEighteenCharBody(label, number, today);
    }

    /// <summary>Shared rules for all 18-character layouts: birth date, check character, plausible age, sex.</summary>
    private static IdDocumentCheck CheckEighteenCharBody(string label, string number, DateOnly today)
    {
        // Date problems are reported before the check character: a mistyped birth date is far easier
        // for the clerk to spot from a specific message than from a generic checksum failure.
        var year = ParseDigits(number.AsSpan(6, 4));
        var month = ParseDigits(number.AsSpan(10, 2));
        var day = ParseDigits(number.AsSpan(12, 2));
        if (!TryMakeDate(year, month, day, out var birthDate))
        {
            return IdDocumentCheck.Fail(
                $"{label}中的出生日期 {number.AsSpan(6, 4)}-{number.AsSpan(10, 2)}-{number.AsSpan(12, 2)} 不存在");
        }

        if (birthDate > today)
        {
            return IdDocumentCheck.Fail($"{label}中的出生日期晚于今天");
        }

        // The expected character is deliberately not shown: it would make fabricating numbers trivial.
        if (ComputeCheckChar(number.AsSpan(0, 17)) != number[17])
        {
            return IdDocumentCheck.Fail($"{label}校验位不正确，请核对");
        }

        var ageError = CheckAge(label, birthDate, today);
        if (ageError is not null)
        {
            return IdDocumentCheck.Fail(ageError);
        }

        var sex = (number[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
        return IdDocumentCheck.Ok(number, birthDate, sex);
    }

    private static string? CheckAge(string label, DateOnly birthDate, DateOnly today)
    {
        var age = AgeInYears(birthDate, today);
        return age is < MinPlausibleAge or > MaxPlausibleAge
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"按{label}计算年龄为 {age} 岁，不在 {MinPlausibleAge}–{MaxPlausibleAge} 岁的合理范围内")
            : null;
    }

    private static int AgeInYears(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        // AddYears maps 29 Feb to 28 Feb in common years, so leap-day births gain a year on 28 Feb.
        if (today < birthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    private static bool TryMakeDate(int year, int month, int day, out DateOnly date)
    {
        if (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
            return true;
        }

        date = default;
        return false;
    }

    private static int ParseDigits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>
    /// Character set before length, so that a stray letter is reported as such rather than as a
    /// length problem; X is tolerated only as the final (check) character.
    /// </summary>
    private static string? CheckEighteenCharShape(string label, string number, bool allowLegacy)
    {
        if (number.Length == 0)
        {
            return $"未填写{label}";
        }

        if (!AllDigits(number.AsSpan(0, number.Length - 1)) || !(char.IsAsciiDigit(number[^1]) || number[^1] == 'X'))
        {
            return $"{label}含有非法字符";
        }

        if (number.Length == 18)
        {
            return null;
        }

        if (allowLegacy && number.Length == 15)
        {
            // Legacy numbers have no check character, so an X there cannot be right.
            return number[^1] == 'X' ? $"{label}含有非法字符" : null;
        }

        return allowLegacy ? $"{label}应为18位（或15位旧号码）" : $"{label}应为18位";
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiUpper(char c) => c is >= 'A' and <= 'Z';
}
