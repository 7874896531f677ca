using System.Globalization;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>
/// The exchange format with the ministry of education (docs/crosscheck-exchange-format.md): one row per person, item and
/// term; the same columns in both directions.
/// </summary>
public static class ExchangeFormat
{
    public const string ColIdNumber = "证件号码";
    public const string ColName = "姓名";
    public const string ColItem = "资助项目";
    public const string ColSchoolYear = "学年";
    public const string ColSemester = "学期";
    public const string ColSchoolName = "学校名称";

    public static readonly IReadOnlyList<string> Required = [ColIdNumber, ColName, ColItem, ColSchoolYear, ColSemester];

    public static readonly IReadOnlyList<string> Columns = [ColIdNumber, ColName, ColItem, ColSchoolYear, ColSemester, ColSchoolName];

    public static string ItemText(AidItem item) => item == AidItem.Grant ? "助学金" : "免学费";

    public static string SchoolYearText(int year) => string.Create(CultureInfo.InvariantCulture, $"{year}-{year + 1}");

    public static string SemesterText(Semester s) => s == Semester.Autumn ? "秋季学期" : "春季学期";

    public static AidItem? ParseItem(string? text) => ParseItem(text.AsSpan());

    public static AidItem? ParseItem(ReadOnlySpan<char> text) => text.Trim() switch
    {
        "助学金" or "国家助学金" => AidItem.Grant,
        "免学费" => AidItem.Waiver,
        _ => null,
    };

    public static Semester? ParseSemester(string? text) => ParseSemester(text.AsSpan());

    public static Semester? ParseSemester(ReadOnlySpan<char> text) => text.Trim() switch
    {
        "秋季学期" or "秋季" or "秋" => Semester.Autumn,
        "春季学期" or "春季" or "春" => Semester.Spring,
        _ => null,
    };

    /// <summary>"2026-2027" (or "2026") is school year 2026.</summary>
    public static int? ParseSchoolYear(string? text) => ParseSchoolYear(text.AsSpan());

    public static int? ParseSchoolYear(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.Length >= 4 && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
        {
            if (t.Length == 4)
            {
                return y;
            }

            if (t.Length == 9 && t[4] == '-' && int.TryParse(t.Slice(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next == y + 1)
            {
                return y;
            }
        }

        return null;
    }

    /// <summary>
    /// The resident ID number as this system indexes it: spaces gone, full-width digits folded, x upper-cased, a 15-digit
    /// legacy number upgraded to 18; null with the reason when it is not a well-formed GB 11643 number.
    /// </summary>
    public static string? NormalizeId(string? raw, out string? error)
    {
        Span<char> id = stackalloc char[IdLength];
        return TryNormalizeId(raw.AsSpan(), id, out error) ? new string(id) : null;
    }

    public const int IdLength = 18;

    /// <summary>
    /// <see cref="NormalizeId(string?, out string?)"/> without allocating (the national file has 13 million rows): the
    /// 18 characters go to <paramref name="destination"/>.
    /// </summary>
    public static bool TryNormalizeId(ReadOnlySpan<char> raw, Span<char> destination, out string? error)
    {
        error = null;
        Span<char> n = stackalloc char[IdLength];
        var length = IdDocument.Normalize(raw, n);
        if (length == 0)
        {
            error = "证件号码为空";
            return false;
        }

        if (length == 15)
        {
            if (n[..15].ContainsAnyExceptInRange('0', '9'))
            {
                error = "15 位旧证件号码应全部为数字";
                return false;
            }

            IdDocument.Upgrade15To18(new string(n[..15])).AsSpan().CopyTo(destination);
            return true;
        }

        if (length != IdLength)
        {
            error = $"证件号码长度应为 18 位（或 15 位旧号码），实际 {length} 位";
            return false;
        }

        if (n[..17].ContainsAnyExceptInRange('0', '9'))
        {
            error = "证件号码前 17 位应为数字";
            return false;
        }

        if (IdDocument.ComputeCheckChar(n[..17]) != n[17])
        {
            error = "证件号码校验码错误";
            return false;
        }

        n.CopyTo(destination);
        return true;
    }

    /// <summary>What may be shown of a rejected value: masked like an ID number, cut short.</summary>
    public static string? SafeValue(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return raw;
        }

        var n = IdDocument.Normalize(raw);
        var masked = IdDocument.Mask(n);
        return masked.Length > 60 ? masked[..60] : masked;
    }
}
