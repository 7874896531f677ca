using System.Text.RegularExpressions;

namespace TechSchoolAid.Tests.Architecture;

/// <summary>One source file as the rules see it: its path from the repository root (with '/') and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>
/// The module boundaries of ADR 0001 and 0017, as rules over every C# and Razor file of every project. A reference is any
/// <c>using</c> or qualified name that starts with <c>TechSchoolAid.</c>; the namespace it lands in is the longest known
/// namespace that prefixes it (known from the compiled assemblies, so a type name is never mistaken for a namespace).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A module uses another only through its root namespace (registration, the audit and to-do recording APIs) and
/// its <c>Contracts</c> (of the module or of one of its areas, e.g. <c>Aid.Rounds.Contracts</c>); a module's <c>Data</c>
/// may name another's <c>Domain</c> entity, for a foreign key.</item>
/// <item>Every file under <c>Modules/&lt;M&gt;/</c> declares a namespace of module M, so the rule above cannot be dodged.</item>
/// <item>The kernel depends on no module.</item>
/// <item>The web pages and the API use modules' features, contracts and roots only, never a <c>Domain</c> or
/// <c>Data</c> namespace, and never <c>TsaDbContext</c>; the hosts (web hosting, the CLI) may wire the DbContext (key
/// store, health checks, migrations, generators) but use no module's <c>Domain</c> or <c>Data</c> either.</item>
/// </list>
/// </remarks>
public static partial class BoundaryRules
{
    private const string ModulesPrefix = "TechSchoolAid.Modules.";

    public static IReadOnlyList<string> Violations(IEnumerable<SourceFile> files, IReadOnlySet<string> knownNamespaces)
    {
        var found = new List<string>();
        foreach (var file in files)
        {
            var owner = OwnerOf(file.Path);
            if (owner.Kind == OwnerKind.Ignored)
            {
                continue;
            }

            if (owner.Kind == OwnerKind.Module)
            {
                foreach (Match m in DeclaredNamespace().Matches(file.Text))
                {
                    var declared = m.Groups["ns"].Value;
                    if (!declared.StartsWith(ModulesPrefix + owner.Module, StringComparison.Ordinal)
                        || (declared.Length > ModulesPrefix.Length + owner.Module.Length && declared[ModulesPrefix.Length + owner.Module.Length] != '.'))
                    {
                        found.Add($"{file.Path} declares namespace {declared}, outside module {owner.Module}");
                    }
                }
            }

            if (owner.Kind == OwnerKind.Pages && DbContextName().IsMatch(file.Text))
            {
                found.Add($"{file.Path} uses TsaDbContext: pages and the API reach data through features");
            }

            foreach (var target in References(file.Text, knownNamespaces))
            {
                var problem = Check(owner, target);
                if (problem is not null)
                {
                    found.Add($"{file.Path} uses {target}: {problem}");
                }
            }
        }

        return found.Distinct().ToList();
    }

    private static string? Check(Owner owner, string target)
    {
        if (!target.StartsWith(ModulesPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = target[ModulesPrefix.Length..].Split('.');
        var module = segments[0];
        var inner = segments.Skip(1).ToArray();
        var isRootOrContracts = inner.Length == 0 || inner.Contains("Contracts");
        var isDomainOrData = inner.Contains("Domain") || inner.Contains("Data");
        return owner.Kind switch
        {
            OwnerKind.Kernel => "the kernel depends on no module",
            OwnerKind.Module when module == owner.Module => null,
            OwnerKind.Module when isRootOrContracts => null,
            OwnerKind.Module when owner.InData && inner.Contains("Domain") => null,
            OwnerKind.Module => $"module {owner.Module} may use {module} only through its Contracts",
            OwnerKind.Pages or OwnerKind.Host when isDomainOrData => "pages, the API and the hosts never use a module's Domain or Data",
            _ => null,
        };
    }

    private static IEnumerable<string> References(string text, IReadOnlySet<string> knownNamespaces)
    {
        foreach (Match m in QualifiedName().Matches(text))
        {
            var name = m.Value;
            while (name.Length > 0 && !knownNamespaces.Contains(name))
            {
                var dot = name.LastIndexOf('.');
                name = dot < 0 ? "" : name[..dot];
            }

            if (name.Length > 0)
            {
                yield return name;
            }
        }
    }

    private enum OwnerKind
    {
        Ignored,
        Module,
        Kernel,
        Application,
        Pages,
        Host,
    }

    private sealed record Owner(OwnerKind Kind, string Module = "", bool InData = false);

    private static Owner OwnerOf(string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 3 || parts[0] != "src" || parts.Contains("bin") || parts.Contains("obj") || parts[1].StartsWith("TechSchoolAid.Migrations.", StringComparison.Ordinal))
        {
            return new Owner(OwnerKind.Ignored);
        }

        return parts[1] switch
        {
            "TechSchoolAid" when parts[2] == "Modules" && parts.Length > 4 => new Owner(OwnerKind.Module, parts[3], parts[4..^1].Contains("Data")),
            "TechSchoolAid" when parts[2] == "Kernel" => new Owner(OwnerKind.Kernel),
            "TechSchoolAid" => new Owner(OwnerKind.Application),
            "TechSchoolAid.Web" when parts[2] is "Components" or "Api" => new Owner(OwnerKind.Pages),
            "TechSchoolAid.Web" or "TechSchoolAid.Cli" => new Owner(OwnerKind.Host),
            _ => new Owner(OwnerKind.Host),
        };
    }

    [GeneratedRegex(@"(?<![\w.])TechSchoolAid(?:\.\w+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();

    [GeneratedRegex(@"\bTsaDbContext\b")]
    private static partial Regex DbContextName();
}
