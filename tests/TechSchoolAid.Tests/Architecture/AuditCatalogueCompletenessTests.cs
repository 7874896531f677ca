using System.Reflection;
using System.Text.RegularExpressions;
using TechSchoolAid.Modules.Audit.Contracts;
using TechSchoolAid.Modules.Audit.Features;

namespace TechSchoolAid.Tests.Architecture;

/// <summary>
/// Issue 13, item 9: an official reads the audit log in Chinese. Every catalogued action has a Chinese name, every kind of
/// object a Chinese name, and every field that any module records as an old or new value (read from the sources: the
/// anonymous objects given to <c>db.Record</c> and the snapshots taken for it) a Chinese label. A new field without a
/// label fails here, naming the field and the action.
/// </summary>
public sealed partial class AuditCatalogueCompletenessTests
{
    private static readonly Dictionary<string, AuditAction> ActionsByField = typeof(AuditAction).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<AuditCatalogueAttribute>() is not null)
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AuditAction))
            .Select(f => (Key: $"{t.Name}.{f.Name}", Action: (AuditAction)f.GetValue(null)!)))
        .ToDictionary(x => x.Key, x => x.Action, StringComparer.Ordinal);

    [Fact]
    public void EveryAction_HasAChineseName_AndEveryObjectKind_AChineseName()
    {
        Assert.NotEmpty(AuditCatalogue.All);
        var unnamed = AuditCatalogue.All.Where(a => string.IsNullOrWhiteSpace(a.Name) || !Cjk().IsMatch(a.Name)).Select(a => a.Code).ToList();
        Assert.True(unnamed.Count == 0, "Actions without a Chinese name: " + string.Join(", ", unnamed));
        var subjects = AuditCatalogue.All.Select(a => a.Subject).Distinct(StringComparer.Ordinal)
            .Where(s => !AuditFieldLabels.Subjects.TryGetValue(s, out var label) || !Cjk().IsMatch(label)).ToList();
        Assert.True(subjects.Count == 0, "Object kinds without a Chinese name in AuditFieldLabels.Subjects: " + string.Join(", ", subjects));
        Assert.All(AuditCatalogue.Groups, g => Assert.Matches(Cjk(), g.Module));
    }

    [Fact]
    public void EveryRecordedField_HasAChineseLabel()
    {
        var fields = RecordedFields().ToList();
        Assert.True(fields.Count > 200, $"only {fields.Count} recorded fields found: the scan is broken");
        var missing = fields
            .Where(f => AuditFieldLabels.Find(f.Block, f.Field) is not { } label || !Cjk().IsMatch(label))
            .Select(f => $"{f.Field} ({f.Action}, {f.Path})").Distinct(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Recorded fields without a Chinese label in AuditFieldLabels: " + string.Join("; ", missing));
    }

    [Fact]
    public void TheScan_FindsPlainAndMemberAndNamedFields()
    {
        const string source = """
            db.Record(StudentAuditActions.Approved, s.Id.ToString(), s.ScopePath, new { state = "Submitted" }, new { s.StatusNumber, reason, count = Count(a, b) }, clock);
            """;
        var found = RecordedFields(new SourceFile("src/TechSchoolAid/X.cs", source)).Select(f => f.Field).ToList();
        Assert.Equal(["state", "statusNumber", "reason", "count"], found);
    }

    [Fact]
    public void AnUnlabelledField_IsShownByItsName_AndNeverHidden()
    {
        var rows = AuditValueReader.Read("student.approved", """{"state":"Submitted"}""", """{"state":"Approved","fieldNobodyLabelled":"x"}""");
        Assert.Equal(("状态", true), (rows[0].Label, rows[0].Changed));
        Assert.Equal(("fieldNobodyLabelled", "x"), (rows[1].Label, rows[1].New));
    }

    private static IEnumerable<(string Field, int? Block, string Action, string Path)> RecordedFields() =>
        ArchitectureTests.RepositorySources().Where(f => f.Path.StartsWith("src/TechSchoolAid/", StringComparison.Ordinal) && f.Path.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(RecordedFields);

    private static IEnumerable<(string Field, int? Block, string Action, string Path)> RecordedFields(SourceFile file)
    {
        if (!file.Text.Contains("db.Record(", StringComparison.Ordinal))
        {
            yield break;
        }

        int? fileBlock = null;
        foreach (Match m in RecordCall().Matches(file.Text))
        {
            var call = Balanced(file.Text, m.Index + m.Length - 1);
            var reference = ActionReference().Match(call);
            int? block = reference.Success && ActionsByField.TryGetValue(reference.Groups[1].Value, out var action) ? AuditCatalogue.BlockOf(action) : null;
            fileBlock ??= block;
            foreach (var field in AnonymousMembers(call))
            {
                yield return (field, block, reference.Success ? reference.Groups[1].Value : "?", file.Path);
            }
        }

        // Snapshots taken before the change and passed to db.Record ("var before = new { … }").
        foreach (Match m in Snapshot().Matches(file.Text))
        {
            foreach (var field in AnonymousMembers(Balanced(file.Text, m.Index + m.Length - 1)))
            {
                yield return (field, fileBlock, "snapshot", file.Path);
            }
        }
    }

    /// <summary>The text from the opening bracket at <paramref name="open"/> to its matching close, strings skipped.</summary>
    private static string Balanced(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '{' or '[':
                    depth++;
                    break;
                case ')' or '}' or ']':
                    if (--depth == 0)
                    {
                        return text[open..(i + 1)];
                    }

                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        i += text[i] == '\\' ? 2 : 1;
                    }

                    break;
            }
        }

        return text[open..];
    }

    /// <summary>The JSON names of the members of every anonymous object in <paramref name="code"/> ("x = …" → x, "a.B" → b).</summary>
    private static IEnumerable<string> AnonymousMembers(string code)
    {
        foreach (Match m in AnonymousObject().Matches(code))
        {
            var body = Balanced(code, m.Index + m.Length - 1);
            body = body[1..^1];
            var depth = 0;
            var start = 0;
            var parts = new List<string>();
            for (var i = 0; i < body.Length; i++)
            {
                switch (body[i])
                {
                    case '(' or '{' or '[':
                        depth++;
                        break;
                    case ')' or '}' or ']':
                        depth--;
                        break;
                    case '"':
                        i++;
                        while (i < body.Length && body[i] != '"')
                        {
                            i += body[i] == '\\' ? 2 : 1;
                        }

                        break;
                    case ',' when depth == 0:
                        parts.Add(body[start..i]);
                        start = i + 1;
                        break;
                }
            }

            parts.Add(body[start..]);
            foreach (var part in parts.Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                var named = NamedMember().Match(part);
                var name = named.Success ? named.Groups[1].Value : LastIdentifier().Match(part) is { Success: true } last ? last.Groups[1].Value : null;
                if (name is not null)
                {
                    yield return char.ToLowerInvariant(name[0]) + name[1..];
                }
            }
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\bdb\.Record\(")]
    private static partial Regex RecordCall();

    [GeneratedRegex(@"^\(\s*(\w+AuditActions\.\w+)")]
    private static partial Regex ActionReference();

    [GeneratedRegex(@"var \w+ = new\s*\{")]
    private static partial Regex Snapshot();

    [GeneratedRegex(@"new\s*\{")]
    private static partial Regex AnonymousObject();

    [GeneratedRegex(@"^@?(\w+)\s*=(?![=>])")]
    private static partial Regex NamedMember();

    [GeneratedRegex(@"(\w+)\s*!?$")]
    private static partial Regex LastIdentifier();
}
