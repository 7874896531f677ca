using System.Globalization;

namespace TechSchoolAid.Kernel.Identity;

/// <summary>Identity documents accepted for student registration.</summary>
/// <remarks>Numeric values are persisted and exchanged with the national system; never renumber.</remarks>
public enum IdDocumentType
{
    ResidentIdCard = 1,
    HkMacaoTaiwanResidencePermit = 2,
    ForeignPermanentResidentCard = 3,
    Passport = 4,
}

/// <summary>Sex as recorded on identity documents.</summary>
/// <remarks>Values match the GB/T 2261.1 codes (1 = 男, 2 = 女) so they can be exchanged as-is.</remarks>
public enum Sex
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// Outcome of <see cref="IdDocument.Check"/>. <see cref="Normalized"/>, <see cref="BirthDate"/> and
/// <see cref="Sex"/> are only populated when the number is valid, so callers cannot accidentally
/// persist data derived from a rejected number.
/// </summary>
public sealed record IdDocumentCheck(bool IsValid, string? Normalized, DateOnly? BirthDate, Sex? Sex, string? Error)
{
    internal static IdDocumentCheck Fail(string error) => new(false, null, null, null, error);

    internal static IdDocumentCheck Ok(string normalized, DateOnly? birthDate, Sex? sex) =>
        new(true, normalized, birthDate, sex, null);
}

public static class IdDocumentTypeExtensions
{
    extension(IdDocumentType type)
    {
        public string ToChinese() => type switch
        {
            IdDocumentType.ResidentIdCard => "居民身份证",
            IdDocumentType.HkMacaoTaiwanResidencePermit => "港澳台居民居住证",
            IdDocumentType.ForeignPermanentResidentCard => "外国人永久居留身份证",
            IdDocumentType.Passport => "护照",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown identity document type."),
        };

        /// <summary>
        /// Parses what clerks type or what spreadsheets contain: the Chinese name (or the colloquial 身份证),
        /// the numeric code, or the English enum name.
        /// </summary>
        public static bool TryParseChinese(string? text, out IdDocumentType result)
        {
            result = default;
            if (text is null)
            {
                return false;
            }

            var value = text.Trim();
            IdDocumentType? parsed = value switch
            {
                "居民身份证" or "身份证" => IdDocumentType.ResidentIdCard,
                "港澳台居民居住证" => IdDocumentType.HkMacaoTaiwanResidencePermit,
                "外国人永久居留身份证" => IdDocumentType.ForeignPermanentResidentCard,
                "护照" => IdDocumentType.Passport,
                _ => null,
            };
            parsed ??= EnumText.Parse<IdDocumentType>(value);
            if (parsed is null)
            {
                return false;
            }

            result = parsed.Value;
            return true;
        }
    }
}

public static class SexExtensions
{
    extension(Sex sex)
    {
        public string ToChinese() => sex switch
        {
            Sex.Male => "男",
            Sex.Female => "女",
            _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, "Unknown sex."),
        };

        /// <summary>Accepts 男/女, and also the GB/T 2261.1 codes 1/2 and the English enum names.</summary>
        public static bool TryParseChinese(string? text, out Sex result)
        {
            result = default;
            if (text is null)
            {
                return false;
            }

            var value = text.Trim();
            Sex? parsed = value switch
            {
                "男" => Sex.Male,
                "女" => Sex.Female,
                _ => EnumText.Parse<Sex>(value),
            };
            if (parsed is null)
            {
                return false;
            }

            result = parsed.Value;
            return true;
        }
    }
}

file static class EnumText
{
    // Enum.TryParse is deliberately avoided: it accepts undefined numbers ("99") and flag
    // combinations ("1,2"), both of which would slip bogus values into the database.
    public static TEnum? Parse<TEnum>(string value)
        where TEnum : struct, Enum
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            foreach (var candidate in Enum.GetValues<TEnum>())
            {
                if (Convert.ToInt32(candidate, CultureInfo.InvariantCulture) == number)
                {
                    return candidate;
                }
            }

            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// Validation and normalisation of identity-document numbers (GB 11643-1999 citizen numbers and the
/// documents that reuse its layout).
/// </summary>
public static class IdDocument
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

    private static IdDocumentCheck CheckResidencePermit(string number, DateOnly today)
    {
        const string label = "港澳台居民居住证号码";
        if (CheckEighteenCharShape(label, number, allowLegacy: false) is { } shapeError)
        {
            return IdDocumentCheck.Fail(shapeError);
        }

        if (!number.StartsWith("810000", StringComparison.Ordinal)
            && !number.StartsWith("820000", StringComparison.Ordinal)
            && !number.StartsWith("830000", StringComparison.Ordinal))
        {
            return IdDocumentCheck.Fail($"{label}应以 810000（香港）、820000（澳门）或 830000（台湾）开头");
        }

        return CheckEighteenCharBody(label, number, today);
    }

    private static IdDocumentCheck CheckForeignPermanentResidentCard(string number, DateOnly today)
    {
        const string label = "外国人永久居留身份证号码";

        // Only the 2004 card starts with a letter (its nationality code), so the first character picks the layout.
        if (number.Length > 0 && IsAsciiUpper(number[0]))
        {
            return CheckForeignCard2004(label, number, today);
        }

        if (CheckEighteenCharShape(label, number, allowLegacy: false) is { } shapeError)
        {
            return IdDocumentCheck.Fail(shapeError);
        }

        if (number[0] != '9')
        {
            return IdDocumentCheck.Fail($"{label}（2023版）应以 9 开头");
        }

        return CheckEighteenCharBody(label, number, today);
    }

    private static IdDocumentCheck CheckForeignCard2004(string label, string number, DateOnly today)
    {
        // Layout: 3-letter nationality, 4-digit issuing-office code, YYMMDD birth date, 2-digit sequence.
        if (number.Length != 15 || !IsAsciiUpper(number[1]) || !IsAsciiUpper(number[2]) || !AllDigits(number.AsSpan(3)))
        {
            return IdDocumentCheck.Fail($"{label}（2004版）应为3位字母加12位数字");
        }

        var yy = ParseDigits(number.AsSpan(7, 2));
        var month = ParseDigits(number.AsSpan(9, 2));
        var day = ParseDigits(number.AsSpan(11, 2));

        // No century on the card: holders are alive, so take the latest reading that is not in the future.
        // Both centuries are tried because a 29 February can be valid in one and not the other (2000 vs 1900).
        var latestYear = (today.Year / 100 * 100) + yy;
        if (latestYear > today.Year)
        {
            latestYear -= 100;
        }

        DateOnly? birthDate = null;
        foreach (var year in (ReadOnlySpan<int>)[latestYear, latestYear - 100])
        {
            if (TryMakeDate(year, month, day, out var candidate) && candidate <= today)
            {
                birthDate = candidate;
                break;
            }
        }

        if (birthDate is null)
        {
            return IdDocumentCheck.Fail(
                $"{label}中的出生日期 {number.AsSpan(7, 2)}-{number.AsSpan(9, 2)}-{number.AsSpan(11, 2)} 不存在");
        }

        var ageError = CheckAge(label, birthDate.Value, today);
        return ageError is null ? IdDocumentCheck.Ok(number, birthDate, null) : IdDocumentCheck.Fail(ageError);
    }

    private static IdDocumentCheck CheckPassport(string number)
    {
        const string label = "护照号码";
        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c) && !IsAsciiUpper(c))
            {
                return IdDocumentCheck.Fail($"{label}含有非法字符（只能是字母和数字）");
            }
        }

        if (number.Length is < 5 or > 17)
        {
            return IdDocumentCheck.Fail($"{label}应为5–17位字母或数字");
        }

        // Birth date and sex are not encoded in passport numbers; the caller collects them separately.
        return IdDocumentCheck.Ok(number, null, null);
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
