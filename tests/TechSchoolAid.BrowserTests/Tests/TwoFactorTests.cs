using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Accounts.Features.TwoFactor;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>The sign-in page's second step (SEC-2): a correct password leads to the code field; a wrong code is answered in Chinese; the right one signs in.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(BrowserAppFixture fixture)
{
    [Fact]
    public async Task SignIn_AccountWithAnAuthenticator_AsksForTheCode_RefusesAWrongOne_AcceptsTheRightOne()
    {
        await using var s = await fixture.NewSessionAsync();
        var (user, secret) = await BindAuthenticatorAsync(s.App);
        await s.RunAsync(async () =>
        {
            var login = new LoginPage(s);
            await login.OpenAsync();
            await s.Page.Locator("#userName").FillAsync(user);
            await s.Page.Locator("#password").FillAsync(LoginPage.DemoPassword);
            await s.Page.Locator("#login-submit").ClickAsync();
            await s.Page.Locator("#code").WaitForAsync();
            await s.ShotAsync("code-step");
            Assert.Contains("6 位动态码", await s.TestId("second-step-prompt").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(LoginPage.DemoPassword, await s.Page.ContentAsync(), StringComparison.Ordinal);

            await s.Page.Locator("#code").FillAsync("000000");
            await s.Page.Locator("#code-submit").ClickAsync();
            await login.Error.WaitForAsync();
            await s.ShotAsync("wrong-code");
            Assert.Contains("动态码不正确", await login.Error.InnerTextAsync(), StringComparison.Ordinal);

            var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(s.App.Clock.GetUtcNow().UtcDateTime);
            await s.Page.Locator("#code").FillAsync(code);
            await s.Page.Locator("#code-submit").ClickAsync();
            await s.TestId("current-user").WaitForAsync();
            await s.ShotAsync("signed-in");
            Assert.Equal(new Uri(s.App.BaseAddress, "/").ToString(), s.Page.Url);
        });
    }

    /// <summary>
    /// Binds an authenticator, as an enrolment would, to an account no other browser test signs in with (the last
    /// 四川 school's administrator), and answers the account and the secret.
    /// </summary>
    private static async Task<(string User, string Secret)> BindAuthenticatorAsync(AppServer app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var codes = scope.ServiceProvider.GetRequiredService<TwoFactorCodes>();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var cipher = codes.NewSecret();
        var user = await app.WithDbAsync(async db =>
        {
            var account = await db.Set<UserAccount>().Where(u => u.Role == Role.SchoolAdmin && u.UserName.StartsWith("school-51"))
                .OrderByDescending(u => u.UserName).FirstAsync();
            account.BeginTwoFactor(cipher);
            account.ConfirmTwoFactor(0, [], app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            return account.UserName;
        });
        return (user, protector.Decrypt(cipher));
    }
}
