using System.ComponentModel.DataAnnotations;
using System.Globalization;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Fees;

/// <summary>
/// A tuition standard as entered (API body and form): money in fen per student per year. Everything optional so the
/// handler, not the JSON binder, says in Chinese what is missing. <see cref="Version"/> is the version a correction is
/// based on (the detail's <c>version</c>); <see cref="Kind"/> is for the comparable public tuition only.
/// </summary>
public sealed class TuitionInput
{
    public long? AmountFen { get; set; }

    /// <summary>The major as the student records name it; empty for the school's (or the kind's) general standard.</summary>
    [MaxLength(TuitionRules.MajorMaxLength)]
    public string? Major { get; set; }

    [MaxLength(TuitionRules.DocumentMaxLength)]
    public string? DocumentNumber { get; set; }

    public DateOnly? DocumentDate { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public SchoolKind? Kind { get; set; }

    public int? Version { get; set; }
}

/// <summary>The checks every tuition standard passes before anything is written (ORG-2); each message names its field.</summary>
public static class TuitionRules
{
    public const int MajorMaxLength = 60;

    public const int DocumentMaxLength = 100;

    /// <summary>
    /// 100,000 yuan per student per year: far above any technical school's approved tuition (a few thousand yuan; 民办
    /// schools rarely above 20,000), so a larger figure is a typing error (yuan entered as fen ×100, an extra digit).
    /// </summary>
    public const long MaxAmountFen = 10_000_000;

    public static TuitionTerms Check(TuitionInput input, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        switch (input.AmountFen)
        {
            case null:
                Add("amountFen", "请填写学费金额（每生每年）");
                break;
            case <= 0:
                Add("amountFen", "学费金额必须大于 0");
                break;
            case > MaxAmountFen:
                Add("amountFen", $"学费金额超过每生每年 {(MaxAmountFen / 100).ToString("N0", CultureInfo.InvariantCulture)} 元，请核对（金额以分为单位）");
                break;
        }

        var document = input.DocumentNumber?.Trim() ?? "";
        if (document.Length == 0)
        {
            Add("documentNumber", "请填写批准文件文号");
        }
        else if (InputGuard.TextProblem(document, DocumentMaxLength) is { } p)
        {
            Add("documentNumber", "批准文件文号" + p);
        }

        var major = input.Major?.Trim();
        if (major is { Length: > 0 } && InputGuard.TextProblem(major, MajorMaxLength) is { } mp)
        {
            Add("major", "专业名称" + mp);
        }

        if (input.DocumentDate is not { } docDate)
        {
            Add("documentDate", "请填写批准文件的发文日期");
        }
        else if (InputGuard.DateProblem(docDate) is { } dp)
        {
            Add("documentDate", "发文日期" + dp);
        }
        else if (docDate > today)
        {
            Add("documentDate", $"批准文件的发文日期 {ChinaTime.Iso(docDate)} 晚于今天，请核对");
        }

        if (input.ValidFrom is not { } from)
        {
            Add("validFrom", "请填写执行起始日期");
        }
        else if (InputGuard.DateProblem(from) is { } fp)
        {
            Add("validFrom", "执行起始日期" + fp);
        }

        if (input.ValidTo is { } to)
        {
            if (InputGuard.DateProblem(to) is { } tp)
            {
                Add("validTo", "执行截止日期" + tp);
            }
            else if (input.ValidFrom is { } f && to < f)
            {
                Add("validTo", $"执行截止日期 {ChinaTime.Iso(to)} 早于起始日期 {ChinaTime.Iso(f)}");
            }
        }

        InputGuard.ThrowIfAny(errors);
        return new TuitionTerms(input.AmountFen!.Value, major is { Length: > 0 } ? major : null, document, input.DocumentDate!.Value, input.ValidFrom!.Value, input.ValidTo);
    }

    /// <summary>The refusal of a period that overlaps another of the same school (or authority and kind) and major.</summary>
    public static AppException Overlap(TuitionTerms other) =>
        AppException.Invalid("validFrom",
            $"执行期间与已登记的{(other.Major is null ? "" : "「" + other.Major + "」专业")}学费标准（{other.DocumentNumber}，{ChinaTime.Iso(other.ValidFrom)} 至 {(other.ValidTo is { } t ? ChinaTime.Iso(t) : "长期")}）重叠；同一专业的学费标准期间不能重叠，请先更正原标准的截止日期");

    /// <summary>The version a correction must name; missing is 428 as on every other edit.</summary>
    public static int RequireVersion(int? version) =>
        version ?? throw new AppException(ErrorKind.PreconditionRequired, "更正须带上所依据的版本（version）：请先获取该记录，再原样带回其 version。");
}
