using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Tests.Architecture;

/// <summary>The boundaries of ADR 0001 and 0017 over every project's sources, and a test of the test that plants violations.</summary>
public sealed class ArchitectureTests
{
    private static readonly IReadOnlySet<string> Namespaces = typeof(TsaDbContext).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void EveryProject_KeepsTheModuleBoundaries()
    {
        var violations = BoundaryRules.Violations(RepositorySources(), Namespaces);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Rules_SeeTheRepository()
    {
        // Guards the test above against passing because it read nothing.
        var files = RepositorySources().ToList();
        Assert.Contains(files, f => f.Path.StartsWith("src/TechSchoolAid/Modules/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Path.StartsWith("src/TechSchoolAid.Web/Components/", StringComparison.Ordinal) && f.Path.EndsWith(".razor", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Path.StartsWith("src/TechSchoolAid.Cli/", StringComparison.Ordinal));
        Assert.Contains("TechSchoolAid.Modules.Students.Domain", Namespaces);
    }

    [Theory]
    [InlineData("src/TechSchoolAid/Modules/CrossCheck/Features/Plant.cs", "namespace TechSchoolAid.Modules.CrossCheck.Features;\nusing TechSchoolAid.Modules.Students.Domain;", "only through its Contracts")]
    [InlineData("src/TechSchoolAid/Modules/CrossCheck/Features/Plant.cs", "namespace TechSchoolAid.Modules.CrossCheck.Features;\nclass P { object x = new TechSchoolAid.Modules.Students.Domain.StudentRecord(); }", "only through its Contracts")]
    [InlineData("src/TechSchoolAid/Modules/CrossCheck/Features/Plant.cs", "namespace TechSchoolAid.Modules.CrossCheck.Features;\nusing TechSchoolAid.Modules.Students.Features;", "only through its Contracts")]
    [InlineData("src/TechSchoolAid/Modules/CrossCheck/Features/Plant.cs", "namespace TechSchoolAid.Modules.Students.Features;", "outside module CrossCheck")]
    [InlineData("src/TechSchoolAid/Kernel/Plant.cs", "namespace TechSchoolAid.Kernel;\nusing TechSchoolAid.Modules.Students.Contracts;", "the kernel depends on no module")]
    [InlineData("src/TechSchoolAid.Web/Components/Pages/Plant.razor", "@using TechSchoolAid.Modules.Students.Domain", "never use a module's Domain or Data")]
    [InlineData("src/TechSchoolAid.Web/Components/Pages/Plant.razor", "@inject TechSchoolAid.Kernel.Data.TsaDbContext Db", "uses TsaDbContext")]
    [InlineData("src/TechSchoolAid.Web/Api/Plant.cs", "class P(TsaDbContext db) { }", "uses TsaDbContext")]
    [InlineData("src/TechSchoolAid.Cli/Plant.cs", "using TechSchoolAid.Modules.Students.Data;", "never use a module's Domain or Data")]
    public void Rules_FailOnAPlantedViolation(string path, string text, string expected)
    {
        var violations = BoundaryRules.Violations([new SourceFile(path, text)], Namespaces);
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("src/TechSchoolAid/Modules/CrossCheck/Features/Plant.cs", "namespace TechSchoolAid.Modules.CrossCheck.Features;\nusing TechSchoolAid.Modules.Students.Contracts;\nusing TechSchoolAid.Modules.Audit;")]
    [InlineData("src/TechSchoolAid/Modules/Students/Data/Plant.cs", "namespace TechSchoolAid.Modules.Students.Data;\nusing TechSchoolAid.Modules.Organizations.Domain;")]
    [InlineData("src/TechSchoolAid.Web/Components/Pages/Plant.razor", "@using TechSchoolAid.Modules.Students.Features\n@using TechSchoolAid.Modules.Students.Contracts")]
    [InlineData("src/TechSchoolAid.Web/Hosting/Plant.cs", "using TechSchoolAid.Kernel.Data;\nclass P(TsaDbContext db) { }")]
    public void Rules_AllowWhatTheShapeAllows(string path, string text)
    {
        Assert.Empty(BoundaryRules.Violations([new SourceFile(path, text)], Namespaces));
    }

    internal static IEnumerable<SourceFile> RepositorySources()
    {
        var root = RepoRoot();
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => new SourceFile(Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)))
            .Where(f => !f.Path.Contains("/bin/", StringComparison.Ordinal) && !f.Path.Contains("/obj/", StringComparison.Ordinal));
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
}
