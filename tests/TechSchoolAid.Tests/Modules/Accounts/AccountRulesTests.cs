using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Accounts;

/// <summary>ORG-4 account creation below oneself, SEC-2 lockout and password policy, on a real database.</summary>
public sealed class AccountRulesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 0);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public static IEnumerable<object[]> Cases =>
    [
        // creator, target organisation, role, allowed
        ["ministry", "44", Role.ProvinceAdmin, true],
        ["ministry", "4401", Role.CityReviewer, false],            // not a direct child
        ["prov-44", "4401", Role.CityReviewer, true],
        ["prov-44", "44010001", Role.SchoolAdmin, true],          // 省管 school
        ["prov-44", "44010004", Role.SchoolAdmin, false],         // 市管 school: the city's job
        ["prov-44", "51", Role.ProvinceAdmin, false],             // a sibling province
        ["prov-44", "000000", Role.MinistryAdmin, false],         // above
        ["city-4401", "44010004", Role.SchoolAdmin, true],
        ["city-4401", "44030005", Role.SchoolAdmin, false],       // another city's school
        ["city-4401", "44", Role.ProvinceAdmin, false],           // above the creator
        ["school-44010004", "44010004", Role.SchoolRecordsOfficer, true],
        ["school-44010004", "44010004", Role.SchoolAdmin, false], // administrators come from above
        ["prov-44-reviewer", "4401", Role.CityReviewer, false],   // not an administrator
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_ByCreatorInTarget_AllowedOnlyDirectlyBelow(string creator, string orgCode, Role role, bool allowed)
    {
        var actor = await _db.ActorOf(creator);
        var input = new CreateAccountInput
        {
            UserName = $"new-{creator}-{orgCode}-{role}".ToLowerInvariant(),
            DisplayName = "新同事",
            Role = role,
            OrganizationCode = orgCode,
            Password = "Strong#Pass2026",
        };
        var attempt = () => _db.As(actor, sp => sp.GetRequiredService<CreateAccount>().HandleAsync(input, default));
        if (allowed)
        {
            var created = await attempt();
            Assert.Equal(orgCode, created.OrganizationCode);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<AppException>(attempt);
            Assert.Equal(ErrorKind.Forbidden, ex.Kind);
        }
    }

    [Theory]
    [InlineData("short1!", "至少 10 位")]
    [InlineData("alllowercaseletters", "至少三类")]
    [InlineData("Abcdefgh-new-user", "用户名")]
    public void PasswordPolicy_WeakPasswords_Refused(string password, string reason)
    {
        var problem = AccountRules.PasswordProblem(password, "new-user");
        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public async Task SignIn_SpentAttempts_LockTemporarilyEvenTheRightOne()
    {
        // From several addresses, so the per-address limit (lower than the account's) does not stop the attempts first.
        var limit = new SignInProtectionOptions().FailuresBeforeLock;
        for (var i = 0; i < limit; i++)
        {
            var address = $"10.0.{i / 5}.{i % 5}";
            var wrong = await _db.As(TechSchoolAid.Kernel.Actor.Anonymous, sp => sp.GetRequiredService<SignIn>().HandleAsync("city-4403", "Wrong#Pass2026", address, default));
            Assert.False(wrong.Succeeded);
        }

        var right = await _db.As(TechSchoolAid.Kernel.Actor.Anonymous, sp => sp.GetRequiredService<SignIn>().HandleAsync("city-4403", "Demo@2026pass", "10.1.0.1", default));
        Assert.False(right.Succeeded);
        Assert.Equal(SignIn.RefusedMessage, right.Error);

        _db.Clock.Advance(TimeSpan.FromMinutes(16));
        var later = await _db.As(TechSchoolAid.Kernel.Actor.Anonymous, sp => sp.GetRequiredService<SignIn>().HandleAsync("city-4403", "Demo@2026pass", "10.1.0.2", default));
        Assert.True(later.Succeeded);
    }
}
