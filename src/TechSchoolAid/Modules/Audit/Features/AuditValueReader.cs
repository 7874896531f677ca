using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Audit.Features;

/// <summary>One field of an audited change: its Chinese label, the old and the new value as Chinese text, and whether it changed.</summary>
public sealed record AuditFieldRow(string Field, string Label, string? Old, string? New, bool Changed);

/// <summary>
/// Reads an event's stored old and new values (JSON, camel-case names, enum names) as labelled Chinese fields (issue 13,
/// item 9; ADR 0027): labels from <see cref="AuditFieldLabels"/>, enum values through the modules' own ToChinese helpers
/// (found once by reflection, so a new enum with a helper needs nothing here), money in fen as yuan, true/false as 是/否.
/// The stored text is shown as it was sealed: personal data was masked or left out when it was recorded.
/// </summary>
public static class AuditValueReader
{
    private const int MaxListItems = 20;

    private static readonly Lazy<FrozenDictionary<string, (Type Enum, string Text)[]>> EnumTexts = new(LoadEnumTexts);

    public static IReadOnlyList<AuditFieldRow> Read(string actionCode, string? oldValue, string? newValue)
    {
        var action = AuditCatalogue.Find(actionCode);
        int? block = action is null ? null : AuditCatalogue.BlockOf(action);
        var ns = action is null ? null : AuditCatalogue.ModuleNamespaceOf(action);
        var old = Parse(oldValue);
        var @new = Parse(newValue);
        var fields = new List<string>();
        foreach (var source in new[] { old, @new })
        {
            if (source is { ValueKind: JsonValueKind.Object } o)
            {
                fields.AddRange(o.EnumerateObject().Select(p => p.Name).Where(n => !fields.Contains(n, StringComparer.Ordinal)));
            }
        }

        var rows = new List<AuditFieldRow>();
        var both = oldValue is not null && newValue is not null;
        if (fields.Count == 0 || (oldValue is not null && old?.ValueKind != JsonValueKind.Object) || (newValue is not null && @new?.ValueKind != JsonValueKind.Object))
        {
            // A bare value (text, a list): one row, "值".
            var o = oldValue is null ? null : Text(old, oldValue, "value", ns);
            var n = newValue is null ? null : Text(@new, newValue, "value", ns);
            return o is null && n is null ? [] : [new AuditFieldRow("value", "值", o, n, both && o != n)];
        }

        foreach (var field in fields)
        {
            var o = Member(old, field, ns);
            var n = Member(@new, field, ns);
            rows.Add(new AuditFieldRow(field, LabelOf(block, field), o, n, both && o != n));
        }

        return rows;
    }

    /// <summary>The label of a field, or the field's own name when no catalogue declares one (never hides a value).</summary>
    public static string LabelOf(int? block, string field) => AuditFieldLabels.Find(block, field) ?? field;

    /// <summary>A stored enum name ("Approved") as the Chinese of the enum it most likely belongs to.</summary>
    public static string EnumText(string value, string field, string? moduleNamespace)
    {
        if (value.Contains(", ", StringComparison.Ordinal))
        {
            // [Flags] enums are written "A, B".
            var parts = value.Split(", ");
            var texts = parts.Select(p => EnumText(p, field, moduleNamespace)).ToList();
            return texts.SequenceEqual(parts) ? value : string.Join('、', texts);
        }

        if (!EnumTexts.Value.TryGetValue(value, out var candidates))
        {
            return value;
        }

        if (candidates.Select(c => c.Text).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return candidates[0].Text;
        }

        var own = moduleNamespace is null ? candidates : candidates.Where(c => c.Enum.Namespace?.StartsWith(moduleNamespace, StringComparison.Ordinal) == true).ToArray();
        if (own.Length == 0)
        {
            own = candidates;
        }

        var named = own.Where(c => c.Enum.Name.Contains(field, StringComparison.OrdinalIgnoreCase)).ToArray();
        return (named.Length > 0 ? named : own)[0].Text;
    }

    private static JsonElement? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(value);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored as plain text (a string value is recorded as it is).
            return null;
        }
    }

    private static string? Member(JsonElement? value, string field, string? ns) =>
        value is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(field, out var member) ? Format(member, field, ns, 0) : null;

    private static string Text(JsonElement? parsed, string raw, string field, string? ns) =>
        parsed is { } p ? Format(p, field, ns, 0) ?? "—" : raw;

    private static string? Format(JsonElement e, string field, string? ns, int depth) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Number when field.EndsWith("Fen", StringComparison.Ordinal) && e.TryGetInt64(out var fen) =>
            (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture) + " 元",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.String => StringText(e.GetString() ?? "", field, ns),
        JsonValueKind.Array => ListText(e, field, ns, depth),
        JsonValueKind.Object when depth < 2 => string.Join("；", e.EnumerateObject()
            .Select(p => (p.Name, Text: Format(p.Value, p.Name, ns, depth + 1)))
            .Where(p => p.Text is not null)
            .Select(p => $"{AuditFieldLabels.Find(null, p.Name) ?? p.Name}：{p.Text}")),
        _ => e.GetRawText(),
    };

    private static string StringText(string s, string field, string? ns) =>
        s.Length is > 0 and < 60 && char.IsAsciiLetterUpper(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c is ',' or ' ')
            ? EnumText(s, field, ns)
            : s;

    private static string ListText(JsonElement e, string field, string? ns, int depth)
    {
        var items = e.EnumerateArray().ToList();
        var shown = items.Take(MaxListItems).Select(i => Format(i, field, ns, depth + 1) ?? "—").ToList();
        var text = string.Join("、", shown);
        return items.Count > MaxListItems ? $"{text} 等 {items.Count.ToString(CultureInfo.InvariantCulture)} 项" : items.Count == 0 ? "（无）" : text;
    }

    /// <summary>Every enum member's Chinese text, by member name: the modules' ToChinese helpers, then <see cref="AuditFieldLabels.EnumValues"/>.</summary>
    private static FrozenDictionary<string, (Type Enum, string Text)[]> LoadEnumTexts()
    {
        var byEnum = new Dictionary<Type, Dictionary<string, string>>();
        var assembly = typeof(AuditValueReader).Assembly;
        foreach (var method in assembly.GetTypes()
                     .Where(t => t is { IsAbstract: true, IsSealed: true })
                     .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
                     .Where(m => m.Name == "ToChinese" && m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }]))
        {
            var type = method.GetParameters()[0].ParameterType;
            if (byEnum.ContainsKey(type))
            {
                continue;
            }

            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in Enum.GetValues(type))
            {
                try
                {
                    texts[value.ToString()!] = (string)method.Invoke(null, [value])!;
                }
                catch (TargetInvocationException)
                {
                    // A helper that refuses a member (an "unknown" value) leaves that member as it is.
                }
            }

            byEnum[type] = texts;
        }

        foreach (var type in assembly.GetTypes().Where(t => t.IsEnum && AuditFieldLabels.EnumValues.ContainsKey(t.Name)))
        {
            var texts = byEnum.TryGetValue(type, out var known) ? known : byEnum[type] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, text) in AuditFieldLabels.EnumValues[type.Name])
            {
                texts.TryAdd(name, text);
            }
        }

        // Kernel enums (Sex, IdDocumentType) live in this assembly too; the order of candidates is fixed by type name.
        return byEnum
            .SelectMany(e => e.Value.Select(v => (Member: v.Key, e.Key, v.Value)))
            .GroupBy(x => x.Member, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(x => x.Key.FullName, StringComparer.Ordinal).Select(x => (x.Key, x.Value)).ToArray(), StringComparer.Ordinal);
    }
}
