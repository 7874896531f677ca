using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel;

/// <summary>
/// The bounds every input meets, whatever path it takes (issue 14): text without control or direction-changing
/// characters and of bounded length, enum values that are defined, dates in a range the calendar and the database can
/// compute with. One implementation, used by the API's endpoint filter (every argument of every endpoint, before the
/// handler runs) and by <see cref="Data.TsaDbContext"/> before it writes (forms, imports, anything else). Messages are
/// Chinese and keyed by the field as the client named it.
/// </summary>
public static class InputGuard
{
    /// <summary>The longest text any field takes unless it says less: the widest column in the model holds 4,000.</summary>
    public const int MaxTextLength = 4_000;

    /// <summary>
    /// Dates the domain can compute with: far wider than any birth, deadline or policy period, far enough from
    /// <see cref="DateOnly.MinValue"/> and <see cref="DateOnly.MaxValue"/> that a time-zone shift or a working-day
    /// count cannot overflow (0001-01-01 and 9999-12-31 answered 500).
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    private const int MaxDepth = 8;

    /// <summary>Null when <paramref name="value"/> is acceptable text; otherwise why not.</summary>
    public static string? TextProblem(string value, int maxLength = MaxTextLength)
    {
        if (value.Length > maxLength)
        {
            return $"不能超过 {maxLength.ToString(CultureInfo.InvariantCulture)} 个字符（现有 {value.Length.ToString(CultureInfo.InvariantCulture)} 个）";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "含有无效的字符编码";
            }

            if (IsDirectionControl(c))
            {
                // U+202E and friends make 证明.exe look like 证明.pdf, or reorder a name on screen.
                return "含有改变文字方向的不可见控制字符，请删除后重新输入";
            }

            if ((char.IsControl(c) && c is not ('\r' or '\n' or '\t')) || c is '\uFEFF' or '\u2028' or '\u2029' || c is >= '\uFFF9' and <= '\uFFFB')
            {
                return "含有不可见的控制字符，请删除后重新输入";
            }
        }

        return null;
    }

    /// <summary>Unicode's explicit direction marks, embeddings, overrides and isolates.</summary>
    public static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    public static string? DateProblem(DateOnly date) =>
        date < EarliestDate || date > LatestDate ? "日期超出可处理的范围（1900-01-01 至 2999-12-31）" : null;

    public static string? EnumProblem(Enum value)
    {
        var type = value.GetType();
        if (type.IsDefined(typeof(FlagsAttribute), false))
        {
            var all = Enum.GetValues(type).Cast<Enum>().Aggregate(0L, (acc, v) => acc | Convert.ToInt64(v, CultureInfo.InvariantCulture));
            return (Convert.ToInt64(value, CultureInfo.InvariantCulture) & ~all) == 0 ? null : "不是有效的选项";
        }

        return Enum.IsDefined(type, value) ? null : "不是有效的选项";
    }

    /// <summary>Throws one validation error naming every field out of bounds in <paramref name="fields"/>.</summary>
    public static void RequireDates(params (string Field, DateOnly? Value)[] fields)
    {
        var errors = fields.Where(f => f.Value is { } d && DateProblem(d) is not null)
            .ToDictionary(f => f.Field, f => new List<string> { DateProblem(f.Value!.Value)! });
        ThrowIfAny(errors);
    }

    /// <summary>One 400 for everything found, its detail naming the first field.</summary>
    public static void ThrowIfAny(IDictionary<string, List<string>> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var first = errors.First();
        throw new AppException(ErrorKind.Validation, $"字段「{first.Key}」{first.Value[0]}", errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>
    /// Walks a request value (a DTO, a list, a dictionary, a scalar) and adds a message per field out of bounds.
    /// <paramref name="path"/> is the field's name as the client sent it (null for a body or query object, whose
    /// properties are then the top-level fields, as in the JSON binding errors).
    /// </summary>
    public static void Collect(object? value, string? path, IDictionary<string, List<string>> errors, int maxLength = MaxTextLength) =>
        Collect(value, path, errors, maxLength, 0);

    private static void Collect(object? value, string? path, IDictionary<string, List<string>> errors, int maxLength, int depth)
    {
        var field = path ?? "request";
        switch (value)
        {
            case null:
                return;
            case string s:
                Add(errors, field, TextProblem(s, maxLength));
                return;
            case Enum e:
                Add(errors, field, EnumProblem(e));
                return;
            case DateOnly d:
                Add(errors, field, DateProblem(d));
                return;
            case DateTime dt:
                Add(errors, field, DateProblem(DateOnly.FromDateTime(dt)));
                return;
            case DateTimeOffset dto:
                Add(errors, field, DateProblem(DateOnly.FromDateTime(dto.UtcDateTime)));
                return;
            case JsonElement json:
                CollectJson(json, path, errors, depth);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || value is decimal or Guid or TimeOnly or TimeSpan || depth >= MaxDepth)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                Add(errors, field, TextProblem(key, 200));
                Collect(entry.Value, Join(path, key), errors, maxLength, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Collect(item, $"{field}[{i++}]", errors, maxLength, depth + 1);
            }

            return;
        }

        // Only the application's own request types are walked: a framework object (a form file, a stream) is not input text.
        if (type.Namespace?.StartsWith("TechSchoolAid", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var limit = property.GetCustomAttribute<MaxLengthAttribute>()?.Length
                ?? property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength
                ?? MaxTextLength;
            Collect(property.GetValue(value), Join(path, FieldName(property)), errors, limit, depth + 1);
        }
    }

    private static void CollectJson(JsonElement json, string? path, IDictionary<string, List<string>> errors, int depth)
    {
        if (depth >= MaxDepth)
        {
            return;
        }

        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                Add(errors, path ?? "request", TextProblem(json.GetString()!));
                break;
            case JsonValueKind.Object:
                foreach (var p in json.EnumerateObject())
                {
                    CollectJson(p.Value, Join(path, p.Name), errors, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    CollectJson(item, $"{path ?? "request"}[{i++}]", errors, depth + 1);
                }

                break;
        }
    }

    /// <summary>
    /// The last line, for every write through EF (the forms call the same handlers as the API, but also anything else):
    /// each new or changed text of the application's entities within its column's length and free of control and
    /// direction characters. The audit log is left alone: it records, it does not take input.
    /// </summary>
    public static void CheckTrackedEntities(DbContext db)
    {
        Dictionary<string, List<string>>? errors = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)
                || entry.Metadata.ClrType.Namespace?.Contains(".Audit", StringComparison.Ordinal) == true)
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || (entry.State == EntityState.Modified && !property.IsModified))
                {
                    continue;
                }

                var problem = TextProblem(text, property.Metadata.GetMaxLength() ?? int.MaxValue);
                if (problem is not null)
                {
                    errors ??= [];
                    Add(errors, Camel(property.Metadata.Name), problem);
                }
            }
        }

        if (errors is not null)
        {
            ThrowIfAny(errors);
        }
    }

    private static string FieldName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? Camel(property.Name);

    private static string Camel(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Join(string? path, string name) => path is null ? name : $"{path}.{name}";

    private static void Add(IDictionary<string, List<string>> errors, string field, string? problem)
    {
        if (problem is null)
        {
            return;
        }

        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        if (!list.Contains(problem))
        {
            list.Add(problem);
        }
    }
}
