using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Organizations.Features.Schools;

/// <summary>
/// A school's attributes as entered (ORG-2). On creation the code, the city and the managing level (省管: the province
/// supervises it; 市管: its city) place it in the tree; they are fixed afterwards, because a school's data scope hangs
/// on them. <see cref="Version"/> is the version an edit is based on.
/// </summary>
public sealed class SchoolInput
{
    [MaxLength(20)]
    public string? Code { get; set; }

    [MaxLength(SchoolRules.NameMaxLength)]
    public string? Name { get; set; }

    [MaxLength(4)]
    public string? CityCode { get; set; }

    public ManagedBy? ManagedBy { get; set; }

    public SchoolKind? Kind { get; set; }

    public Ownership? Ownership { get; set; }

    [MaxLength(SchoolRules.AddressMaxLength)]
    public string? Address { get; set; }

    [MaxLength(SchoolRules.PersonMaxLength)]
    public string? Principal { get; set; }

    [MaxLength(SchoolRules.PersonMaxLength)]
    public string? AidOfficeContact { get; set; }

    [MaxLength(SchoolRules.PhoneMaxLength)]
    public string? AidOfficePhone { get; set; }

    public int? Version { get; set; }
}

/// <summary>The values a school's attributes are checked into, trimmed, empty optional texts as null.</summary>
public sealed record SchoolValues(string Name, SchoolKind Kind, Ownership Ownership, string? Address, string? Principal, string? AidOfficeContact, string? AidOfficePhone);

/// <summary>The checks of a school's attributes; every message names its field, and nothing is written when one fails.</summary>
public static partial class SchoolRules
{
    public const int NameMaxLength = 50;

    public const int AddressMaxLength = 200;

    public const int PersonMaxLength = 50;

    public const int PhoneMaxLength = 30;

    public static SchoolValues CheckAttributes(SchoolInput input, Dictionary<string, List<string>> errors)
    {
        var name = Text(input.Name, "name", "学校名称", NameMaxLength, errors, required: true);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Add(errors, "kind", "请选择学校类型（技师学院、高级技工学校或技工学校）");
        }

        if (input.Ownership is not { } ownership || !Enum.IsDefined(ownership))
        {
            Add(errors, "ownership", "请选择举办性质（公办或民办）");
        }

        var address = Text(input.Address, "address", "地址", AddressMaxLength, errors);
        var principal = Text(input.Principal, "principal", "校长姓名", PersonMaxLength, errors);
        var contact = Text(input.AidOfficeContact, "aidOfficeContact", "资助办联系人", PersonMaxLength, errors);
        var phone = Text(input.AidOfficePhone, "aidOfficePhone", "资助办电话", PhoneMaxLength, errors);
        if (phone is not null && !errors.ContainsKey("aidOfficePhone") && !Phone().IsMatch(phone))
        {
            Add(errors, "aidOfficePhone", "资助办电话只能包含数字、空格、“-”、“+”和括号，如 020-83331234");
        }

        return new SchoolValues(name ?? "", input.Kind ?? default, input.Ownership ?? default, address, principal, contact, phone);
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    private static string? Text(string? value, string field, string label, int max, Dictionary<string, List<string>> errors, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(errors, field, $"请填写{label}");
            }

            return null;
        }

        if (InputGuard.TextProblem(text, max) is { } problem)
        {
            Add(errors, field, label + problem);
        }

        return text;
    }

    [GeneratedRegex(@"^[0-9+()（）\- ]{5,30}$")]
    private static partial Regex Phone();
}
