using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>The body of the supervision steps that take one text (an answer, a review note, a rectification, a closing note).</summary>
public sealed record TextRequest(string? Text);

/// <summary>The checks the supervision forms share on their free text.</summary>
public static class SupervisionInput
{
    public static string Text(string? value, string field, string what, int max, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                throw AppException.Invalid(field, $"请填写{what}");
            }

            return "";
        }

        if (text.Length > max)
        {
            throw AppException.Invalid(field, $"{what}不能超过 {max} 字");
        }

        return text;
    }
}
