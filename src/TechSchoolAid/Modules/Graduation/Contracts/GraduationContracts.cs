using System.Globalization;

namespace TechSchoolAid.Modules.Graduation.Contracts;

/// <summary>Draft (school assesses) → Submitted (authority reviews) → Approved (certificates issued), or Returned to the school.</summary>
public enum GraduationRoundState
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
}

/// <summary>Digit 14 of a certificate number. Numbers are stored and printed: never renumber.</summary>
public enum CertificateKind
{
    Graduation = 1, // 毕业证书
    Completion = 2, // 结业证书
}

public static class GraduationText
{
    public static string ToChinese(this GraduationRoundState s) => s switch
    {
        GraduationRoundState.Draft => "学校评定中",
        GraduationRoundState.Submitted => "待主管部门审核",
        GraduationRoundState.Returned => "已退回",
        _ => "已审核通过",
    };

    public static string ToChinese(this CertificateKind k) => k == CertificateKind.Graduation ? "毕业证书" : "结业证书";
}

/// <summary>
/// The national certificate number (docs/certificate-number.md): 20 characters, issuing year (4) + school code (8) +
/// school kind (1) + certificate kind (1) + serial (5) + ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
public static class CertificateNumber
{
    public const int Length = 20;

    public static string Compose(int year, string schoolCode, int schoolKind, CertificateKind kind, int serial)
    {
        if (year is < 2000 or > 9999 || schoolCode.Length != 8 || !schoolCode.All(char.IsAsciiDigit) || schoolKind is < 1 or > 9 || serial is < 1 or > 99999)
        {
            throw new ArgumentOutOfRangeException(nameof(schoolCode), "Certificate number parts out of range.");
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"{year:D4}{schoolCode}{schoolKind}{(int)kind}{serial:D5}");
        return body + CheckChar(body);
    }

    /// <summary>The prefix shared by every number of one year, school and kind: the serial counts within it.</summary>
    public static string Prefix(int year, string schoolCode, int schoolKind, CertificateKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}{schoolCode}{schoolKind}{(int)kind}");

    public static int SerialOf(string number) => int.Parse(number.AsSpan(14, 5), CultureInfo.InvariantCulture);

    /// <summary>ISO 7064 MOD 11-2 (the check of GB 11643 ID numbers): detects every single-character error and adjacent transposition.</summary>
    public static char CheckChar(string digits)
    {
        var p = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("Digits only.", nameof(digits));
            }

            p = (p + (c - '0')) * 2 % 11;
        }

        var check = (12 - p) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>What a person typed, made comparable: spaces and hyphens dropped, x upper-cased; never longer than 40.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        var s = new string(input.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).Take(40).ToArray());
        return s;
    }

    public static bool IsValid(string number) =>
        number.Length == Length && number[..19].All(char.IsAsciiDigit) && number[12] is >= '1' and <= '3' && number[13] is '1' or '2' && CheckChar(number[..19]) == number[19];

    public static CertificateKind KindOf(string number) => (CertificateKind)(number[13] - '0');
}
