using System.Text.RegularExpressions;
using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Tests.Architecture;

/// <summary>
/// ADR 0002 and 0017: reading outside the actor's scope goes through one named Kernel method, <c>Unscoped(why)</c>, and
/// its callers are listed here. A new caller fails this test until someone adds it to the list on purpose (and a
/// reviewer reads why). Every audited action comes from a module's catalogue.
/// </summary>
public sealed partial class ScopeBypassTests
{
    /// <summary>The files allowed to read past the scope filter, each for the reason its calls give.</summary>
    private static readonly string[] UnscopedCallers =
    [
        "src/TechSchoolAid/Modules/Accounts/Features/CreateAccount.cs",
        "src/TechSchoolAid/Modules/Accounts/Features/PersonNamesReader.cs",
        "src/TechSchoolAid/Modules/Accounts/Features/SignIn.cs",
        "src/TechSchoolAid/Modules/Accounts/Features/SignInProtection.cs",
        "src/TechSchoolAid/Modules/Aid/Hardship/Features/RotateHardshipKeys.cs",
        "src/TechSchoolAid/Modules/Aid/Rounds/Domain/AidDeadlineReopening.cs",
        "src/TechSchoolAid/Modules/Aid/Rounds/Features/AidRoundSteps.cs",
        "src/TechSchoolAid/Modules/Aid/Rounds/Features/PublicAidPublications.cs",
        "src/TechSchoolAid/Modules/Aid/Rounds/Features/ReviewAidRound.cs",
        "src/TechSchoolAid/Modules/Audit/AuditChain.cs",
        "src/TechSchoolAid/Modules/Audit/Features/VerifyAuditChain.cs",
        "src/TechSchoolAid/Modules/Audit/Features/WriteAuditCheckpoint.cs",
        "src/TechSchoolAid/Modules/CrossCheck/Features/CrossCheckQueries.cs",
        "src/TechSchoolAid/Modules/Funds/Features/FundsYearGuard.cs",
        "src/TechSchoolAid/Modules/Funds/Seeding/FundsDemoData.cs",
        "src/TechSchoolAid/Modules/Graduation/Features/GraduationSteps.cs",
        "src/TechSchoolAid/Modules/Graduation/Features/PublicCertificateLookup.cs",
        "src/TechSchoolAid/Modules/Organizations/Contracts/OrganizationRows.cs",
        "src/TechSchoolAid/Modules/Organizations/Contracts/SchoolDirectory.cs",
        "src/TechSchoolAid/Modules/Organizations/Features/OrganizationQueries.cs",
        "src/TechSchoolAid/Modules/Organizations/Features/OrganizationReads.cs",
        "src/TechSchoolAid/Modules/PublicSite/Features/Complaints/FileComplaint.cs",
        "src/TechSchoolAid/Modules/PublicSite/Features/Complaints/TrackComplaint.cs",
        "src/TechSchoolAid/Modules/PublicSite/Features/Hotlines/ListHotlines.cs",
        "src/TechSchoolAid/Modules/StatusChanges/Features/StatusChangeSteps.cs",
        "src/TechSchoolAid/Modules/StatusChanges/Features/SubmitStatusChange.cs",
        "src/TechSchoolAid/Modules/Students/Contracts/StudentLifecycle.cs",
        "src/TechSchoolAid/Modules/Students/Features/ApproveRegistrations.cs",
        "src/TechSchoolAid/Modules/Students/Features/BulkImport/BulkImportStudents.Batches.cs",
        "src/TechSchoolAid/Modules/Students/Features/BulkImport/BulkImportStudents.cs",
        "src/TechSchoolAid/Modules/Students/Features/ImportStudents.cs",
        "src/TechSchoolAid/Modules/Students/Features/RegisterStudent.cs",
        "src/TechSchoolAid/Modules/Students/Features/RegistrationWindow.cs",
        "src/TechSchoolAid/Modules/Students/Features/RotatePersonalDataKeys.cs",
        "src/TechSchoolAid/Modules/Students/Features/SubmitRegistrations.cs",
        "src/TechSchoolAid/Modules/Supervision/Seeding/SupervisionDemoData.cs",
        "src/TechSchoolAid/Seeding/AidDemoData.cs",
        "src/TechSchoolAid/Seeding/CrossCheckDemoData.cs",
        "src/TechSchoolAid/Seeding/DemoData.cs",
        "src/TechSchoolAid/Seeding/GraduationDemoData.cs",
        "src/TechSchoolAid/Seeding/National/SchoolFileLoader.cs",
        "src/TechSchoolAid/Seeding/ReferenceData.cs",
    ];

    private static IEnumerable<SourceFile> CSharpSources() =>
        ArchitectureTests.RepositorySources().Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal) && !f.Path.Contains("/Migrations/", StringComparison.Ordinal));

    [Fact]
    public void IgnoreQueryFilters_IsCalledOnlyByTheNamedKernelMethod()
    {
        var callers = CSharpSources()
            .Where(f => IgnoreQueryFiltersCall().IsMatch(f.Text) && f.Path != "src/TechSchoolAid/Kernel/Data/Unscoped.cs")
            .Select(f => f.Path)
            .ToList();
        Assert.True(callers.Count == 0, "IgnoreQueryFilters outside Kernel/Data/Unscoped.cs: " + string.Join(", ", callers));
    }

    [Fact]
    public void UnscopedReads_AreMadeOnlyByTheListedCallers_EachWithAReason()
    {
        var callers = CSharpSources().Where(f => UnscopedCall().IsMatch(f.Text) && f.Path != "src/TechSchoolAid/Kernel/Data/Unscoped.cs").ToList();
        var unlisted = callers.Select(f => f.Path).Except(UnscopedCallers).ToList();
        Assert.True(unlisted.Count == 0, "New callers of Unscoped: add them to the list on purpose, with their reason: " + string.Join(", ", unlisted));
        var stale = UnscopedCallers.Except(callers.Select(f => f.Path)).ToList();
        Assert.True(stale.Count == 0, "Listed but no longer calling Unscoped (remove from the list): " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryAuditedAction_ComesFromAModulesCatalogue()
    {
        var stringCodes = CSharpSources()
            .Where(f => f.Path.StartsWith("src/", StringComparison.Ordinal) && StringRecordCall().IsMatch(f.Text))
            .Select(f => f.Path)
            .ToList();
        Assert.True(stringCodes.Count == 0, "Audit events recorded with a bare string code: " + string.Join(", ", stringCodes));
    }

    [Fact]
    public void AuditCatalogues_NumbersAndCodesAreUnique_AndEveryActionHasAChineseName()
    {
        var all = AuditCatalogue.All;
        Assert.True(all.Count >= 90, $"only {all.Count} audit actions catalogued");
        Assert.Equal(all.Count, all.Select(a => a.Number).Distinct().Count());
        Assert.Equal(all.Count, all.Select(a => a.Code).Distinct().Count());
        Assert.All(all, a => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", a.Name));
        Assert.Equal("登记新生", AuditCatalogue.NameOf("student.registered"));
        Assert.Equal("unknown.code", AuditCatalogue.NameOf("unknown.code"));
    }

    [GeneratedRegex(@"\.IgnoreQueryFilters\(")]
    private static partial Regex IgnoreQueryFiltersCall();

    [GeneratedRegex(@"\.(Unscoped|WritesUnscoped)(<[\w.]+>)?\(")]
    private static partial Regex UnscopedCall();

    [GeneratedRegex(@"\.Record\(\s*""")]
    private static partial Regex StringRecordCall();
}
