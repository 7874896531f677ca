using System.Text.RegularExpressions;

namespace TechSchoolAid.Tests;

/// <summary>
/// Modules talk through their Contracts (and the Audit/Todo recording APIs). A module's Features and Domain may not use
/// another module's Domain, Features or Data; only EF configurations (Data/) may name another module's entity, for a
/// foreign key.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Modules = Path.Combine(RepoRoot(), "src", "TechSchoolAid", "Modules");

    public static IEnumerable<object[]> ModuleNames =>
        Directory.GetDirectories(Modules).Select(d => new object[] { Path.GetFileName(d) });

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Module_UsesOnlyOtherModulesContracts(string module)
    {
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Modules, module), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Modules, file);
            var inData = relative.Split(Path.DirectorySeparatorChar).Contains("Data");
            foreach (Match m in ModuleReference().Matches(File.ReadAllText(file)))
            {
                var (other, part) = (m.Groups["module"].Value, m.Groups["part"].Value);
                if (other == module || (inData && part == "Domain"))
                {
                    continue;
                }

                offences.Add($"{relative} uses {other}.{part}");
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Kernel_DependsOnNoModule()
    {
        var kernel = Path.Combine(RepoRoot(), "src", "TechSchoolAid", "Kernel");
        var offences = Directory.EnumerateFiles(kernel, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("TechSchoolAid.Modules.", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offences);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TechSchoolAid.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (TechSchoolAid.slnx) not found.");
    }

    [GeneratedRegex(@"TechSchoolAid\.Modules\.(?<module>\w+)\.(?<part>Domain|Features|Data)\b")]
    private static partial Regex ModuleReference();
}
