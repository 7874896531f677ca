namespace TechSchoolAid.Kernel.Identity;

/// <summary>The residence permits, foreign permanent-resident cards and passports: documents that are not the resident ID card.</summary>
public static partial class IdDocument
{
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
}
