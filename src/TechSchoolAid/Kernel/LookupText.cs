using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel;

/// <summary>The bounds of a picker's search text (docs/adr/0026-pickers.md), shared by the student, class and school lookups.</summary>
public static class LookupText
{
    /// <summary>The longest search text: a name, a class name or a 学籍号 fit well within it.</summary>
    public const int MaxLength = 50;

    /// <summary>The most results a picker lists; past it the answer says there are more and asks for a longer text.</summary>
    public const int Cap = 20;

    /// <summary>The trimmed text, or null when blank; a bad text answers 400 naming <paramref name="field"/>.</summary>
    public static string? Checked(string? text, string field = "q")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (InputGuard.TextProblem(text, MaxLength) is { } problem)
        {
            throw AppException.Invalid(field, $"查找内容{problem}");
        }

        return text.Trim();
    }
}
