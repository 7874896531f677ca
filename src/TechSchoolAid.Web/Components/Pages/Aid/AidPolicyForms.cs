using System.Globalization;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Web.Components.Pages.Aid;

// The forms of the policy page, in yuan and text; turned into fen and dates on save, with a field error for text that is not a date.

internal sealed class RangeForm
{
    public long MinYuan { get; set; }

    public long MaxYuan { get; set; }

    /// <summary>The national average standard (the floor of every table's averages).</summary>
    public long AverageYuan { get; set; }

    public string Spring { get; set; } = "05-31";

    public string Autumn { get; set; } = "11-30";

    public int PublicationDays { get; set; } = 5;

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public string? Source { get; set; }
}

internal sealed class ShareForm
{
    public string Province { get; set; } = "";

    /// <summary>A 计划单列市 for its own share; empty for the province's.</summary>
    public string City { get; set; } = "";

    public int Percent { get; set; }

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public string? Source { get; set; }
}

internal static class FormDates
{
    public static DateOnly? Parse(string? text, string field, string label, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        errors[field] = [$"{label}应为日期，如 2025-01-01"];
        return null;
    }
}

internal sealed class TierForm
{
    public long AmountYuan { get; set; }

    public int SharePercent { get; set; }
}

/// <summary>The form in yuan and text; turned into fen and dates on save, with a field error for text that is not a date.</summary>
internal sealed class PolicyForm
{
    public string Province { get; set; } = "";

    public string Title { get; set; } = "";

    public string ValidFrom { get; set; } = "";

    public string? ValidTo { get; set; }

    public int GradeFrom { get; set; } = 1;

    public int GradeTo { get; set; } = 2;

    public long AverageYuan { get; set; }

    public List<TierForm> Tiers { get; set; } = [];

    public string? Areas { get; set; }

    public int PublicationDays { get; set; } = 5;

    public int ObjectionDays { get; set; } = 5;

    public string? Source { get; set; }

    public long ExpectedFen => AidMoney.WeightedAverageFen([.. Tiers.Select(t => new AidTier(t.AmountYuan * 100, t.SharePercent))]);

    public static PolicyForm From(AidPolicyValues v) => new()
    {
        Province = v.ProvinceCode ?? "",
        Title = v.Title,
        ValidFrom = ChinaTime.Iso(v.ValidFrom),
        ValidTo = v.ValidTo is { } to ? ChinaTime.Iso(to) : null,
        GradeFrom = v.GrantGradeFrom,
        GradeTo = v.GrantGradeTo,
        AverageYuan = v.GrantAverageFen / 100,
        Tiers = [.. v.Tiers.Select(t => new TierForm { AmountYuan = t.AmountFen / 100, SharePercent = t.SharePercent })],
        Areas = string.Join(",", v.AllRuralAreaCodes),
        PublicationDays = v.PublicationWorkingDays,
        ObjectionDays = v.ObjectionAnswerWorkingDays,
        Source = v.Source,
    };

    public (AidPolicyValues Values, Dictionary<string, string[]> Errors) ToValues()
    {
        var errors = new Dictionary<string, string[]>();
        var from = ParseDate(ValidFrom, "validFrom", "有效期起", errors);
        var to = string.IsNullOrWhiteSpace(ValidTo) ? null : ParseDate(ValidTo, "validTo", "有效期止", errors);
        var values = new AidPolicyValues
        {
            ProvinceCode = string.IsNullOrEmpty(Province) ? null : Province,
            Title = Title ?? "",
            ValidFrom = from ?? default,
            ValidTo = to,
            GrantGradeFrom = GradeFrom,
            GrantGradeTo = GradeTo,
            GrantAverageFen = AverageYuan * 100,
            Tiers = [.. Tiers.Select(t => new AidTier(t.AmountYuan * 100, t.SharePercent))],
            AllRuralAreaCodes = [.. (Areas ?? "").Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            PublicationWorkingDays = PublicationDays,
            ObjectionAnswerWorkingDays = ObjectionDays,
            Source = Source ?? "",
        };
        return (values, errors);
    }

    private static DateOnly? ParseDate(string? text, string field, string label, Dictionary<string, string[]> errors) =>
        FormDates.Parse(text, field, label, errors);

    /// <summary>The start date as typed, or null while it is not a date.</summary>
    public DateOnly? ValidFromDate =>
        DateOnly.TryParseExact((ValidFrom ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

internal static class FormMonthDays
{
    public static string Text(MonthDay d) => string.Create(CultureInfo.InvariantCulture, $"{d.Month:00}-{d.Day:00}");

    public static MonthDay Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        var parts = (text ?? "").Trim().Split('-');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && new MonthDay(m, d).IsValid)
        {
            return new MonthDay(m, d);
        }

        errors[field] = ["截止日期应写作 月-日，如 05-31"];
        return new MonthDay(1, 1);
    }
}

internal static class FormRefusals
{
    /// <summary>A refusal as field messages; a refusal without fields (forbidden, not found) under the key "form".</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsOf(TechSchoolAid.Kernel.Errors.AppException error) =>
        error.Errors.Count > 0 ? error.Errors : new Dictionary<string, string[]> { ["form"] = [error.Message] };
}
