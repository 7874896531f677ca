using System.Collections.Frozen;
using System.Reflection;

namespace TechSchoolAid.Modules.Audit.Contracts;

/// <summary>
/// One kind of audited action: a number unique in the system, the code stored in the event (part of its sealed hash, so
/// never changed once shipped), and the Chinese name the audit page shows. Each module declares its actions once, as
/// static fields of a class marked <see cref="AuditCatalogueAttribute"/>, in its own numbered block
/// (docs/adr/0017-module-shape-and-access-rules.md lists the blocks).
/// </summary>
public sealed record AuditAction(int Number, string Code, string Name, string Subject)
{
    public override string ToString() => Code;
}

/// <summary>Marks a module's catalogue of audit actions: its public static <see cref="AuditAction"/> fields are the module's actions.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditCatalogueAttribute(string module, int firstNumber) : Attribute
{
    /// <summary>The module's Chinese name, shown as the group in the audit page's action filter.</summary>
    public string Module { get; } = module;

    /// <summary>The first number of the module's block of 100.</summary>
    public int FirstNumber { get; } = firstNumber;
}

/// <summary>Every module's audit actions, gathered once from the catalogues in this assembly.</summary>
public static class AuditCatalogue
{
    private static readonly Lazy<Catalogue> Loaded = new(Load);

    /// <summary>Every action, by number.</summary>
    public static IReadOnlyList<AuditAction> All => Loaded.Value.Actions;

    /// <summary>The module each action belongs to (its catalogue's Chinese name).</summary>
    public static string ModuleOf(AuditAction action) => Loaded.Value.Modules[action.Code];

    /// <summary>The first number of the block of the catalogue that declares <paramref name="action"/>.</summary>
    public static int BlockOf(AuditAction action) => Loaded.Value.Blocks[action.Code].FirstNumber;

    /// <summary>The namespace of the module that declares <paramref name="action"/> ("TechSchoolAid.Modules.Funds"), to read its values by.</summary>
    public static string ModuleNamespaceOf(AuditAction action) => Loaded.Value.Blocks[action.Code].Namespace;

    /// <summary>Every catalogue (its Chinese name and block), in block order, for the audit page's grouped action filter.</summary>
    public static IReadOnlyList<(string Module, int FirstNumber, IReadOnlyList<AuditAction> Actions)> Groups =>
        [.. All.GroupBy(a => BlockOf(a)).OrderBy(g => g.Key).Select(g => (ModuleOf(g.First()), g.Key, (IReadOnlyList<AuditAction>)[.. g]))];

    /// <summary>The action with this stored code, or null for a code no catalogue declares (events written before the catalogue).</summary>
    public static AuditAction? Find(string code) => Loaded.Value.ByCode.GetValueOrDefault(code);

    /// <summary>The Chinese name of a stored code; an unknown code is shown as it is.</summary>
    public static string NameOf(string code) => Find(code)?.Name ?? code;

    private sealed record Catalogue(
        IReadOnlyList<AuditAction> Actions,
        FrozenDictionary<string, AuditAction> ByCode,
        FrozenDictionary<string, string> Modules,
        FrozenDictionary<string, (int FirstNumber, string Namespace)> Blocks);

    private static Catalogue Load()
    {
        var actions = new List<AuditAction>();
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var type in typeof(AuditCatalogue).Assembly.GetTypes())
        {
            var attribute = type.GetCustomAttribute<AuditCatalogueAttribute>();
            if (attribute is null)
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(AuditAction)))
            {
                var action = (AuditAction)field.GetValue(null)!;
                if (action.Number < attribute.FirstNumber || action.Number >= attribute.FirstNumber + 100)
                {
                    throw new InvalidOperationException($"Audit action {action.Code} ({action.Number}) lies outside {type.Name}'s block {attribute.FirstNumber}–{attribute.FirstNumber + 99}.");
                }

                if (!modules.TryAdd(action.Code, attribute.Module) || actions.Any(a => a.Number == action.Number))
                {
                    throw new InvalidOperationException($"Audit action {action.Code} ({action.Number}) is declared twice.");
                }

                actions.Add(action);
                blocks[action.Code] = (attribute.FirstNumber, ModuleNamespace(type.Namespace ?? ""));
            }
        }

        actions.Sort((a, b) => a.Number.CompareTo(b.Number));
        return new Catalogue(actions, actions.ToFrozenDictionary(a => a.Code, StringComparer.Ordinal), modules.ToFrozenDictionary(StringComparer.Ordinal), blocks.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>"TechSchoolAid.Modules.Aid.Rounds.Contracts" → "TechSchoolAid.Modules.Aid" (the module, not its area or folder).</summary>
    private static string ModuleNamespace(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 3 && parts[1] == "Modules" ? string.Join('.', parts[..3]) : ns;
    }
}
