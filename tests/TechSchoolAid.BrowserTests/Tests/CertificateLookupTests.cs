using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.BrowserTests.Infrastructure;
using TechSchoolAid.BrowserTests.Pages;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.BrowserTests.Tests;

/// <summary>GRD-2 in the browser: the public lookup, signed out, on a static page without a Blazor circuit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificateLookupTests(BrowserAppFixture fixture)
{
    /// <summary>The demo's first graduation certificate of 2026 at 44010010 (docs/certificate-number.md), holder 陈嘉怡.</summary>
    private const string DemoNumber = "20264401001011000019";
    private const string DemoHolder = "陈嘉怡";

    [Fact]
    public async Task CertificateLookup_SignedOut_RightNameShowsCertificate_WrongNameAnswersLikeUnknownNumber_NoCircuit()
    {
        var certificate = await fixture.App.WithDbAsync(db => db.Set<Certificate>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Number == DemoNumber));
        Assert.True(certificate is not null, $"The demo data should hold certificate {DemoNumber}.");
        Assert.Equal(DemoHolder, certificate.HolderName);
        var lookupsBefore = await CountLookupsAsync();

        await using var s = await fixture.NewSessionAsync();
        var requests = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        s.Page.Request += (_, r) => requests.Enqueue(r.Method + " " + new Uri(r.Url).PathAndQuery);
        s.Page.WebSocket += (_, w) => sockets.Enqueue(w.Url);
        await s.RunAsync(async () =>
        {
            var lookup = new CertificateLookupPage(s);
            await lookup.OpenAsync();
            await s.ShotAsync("empty");
            Assert.Equal(CertificateLookupPage.Path, new Uri(s.Page.Url).AbsolutePath); // not sent to the sign-in page
            Assert.Equal(0, await s.Page.Locator("[data-testid=current-user]").CountAsync());

            // The right number and name: what the certificate shows, and nothing else.
            Assert.Equal(200, await lookup.LookUpAsync(DemoNumber, DemoHolder));
            await lookup.Result.WaitForAsync();
            await s.ShotAsync("found");
            Assert.Equal("证书有效", (await lookup.Status.InnerTextAsync()).Trim());
            Assert.Equal(["证书编号", "证书类型", "学校", "专业", "等级", "毕业日期", "状态"], await lookup.LabelsAsync());
            Assert.Equal(DemoNumber, (await lookup.Value("证书编号").InnerTextAsync()).Trim());
            Assert.Equal("毕业证书", (await lookup.Value("证书类型").InnerTextAsync()).Trim());
            Assert.Equal(certificate.SchoolName, (await lookup.Value("学校").InnerTextAsync()).Trim());
            Assert.Equal(certificate.Major, (await lookup.Value("专业").InnerTextAsync()).Trim());
            Assert.Equal(certificate.LevelText, (await lookup.Value("等级").InnerTextAsync()).Trim());
            Assert.Equal(certificate.GraduationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (await lookup.Value("毕业日期").InnerTextAsync()).Trim());
            Assert.Equal("2026-07-01", (await lookup.Value("毕业日期").InnerTextAsync()).Trim());
            Assert.Equal("有效", (await lookup.Value("状态").InnerTextAsync()).Trim());
            Assert.Equal(0, await lookup.NotFound.CountAsync());
            var answer = await lookup.Result.InnerTextAsync();
            Assert.DoesNotContain(DemoHolder, answer, StringComparison.Ordinal); // the name was the question, not part of the answer
            Assert.DoesNotContain(certificate.SchoolCode, answer.Replace(DemoNumber, "", StringComparison.Ordinal), StringComparison.Ordinal); // only inside the number

            // A wrong name, an unknown number (well-formed, right check character) and a misspelt one (check fails):
            // one and the same page.
            Assert.Equal(200, await lookup.LookUpAsync(DemoNumber, "陈嘉仪"));
            await s.ShotAsync("wrong-name");
            var wrongName = await NotFoundAnswerAsync(lookup);

            Assert.Equal(DemoNumber, Number(DemoNumber[..^1])); // the check character as documented
            var unknown = Number("2026440100101100099");
            Assert.NotEqual(DemoNumber, unknown);
            Assert.Equal(200, await lookup.LookUpAsync(unknown, DemoHolder));
            await s.ShotAsync("unknown-number");
            var unknownNumber = await NotFoundAnswerAsync(lookup);

            var misspelt = DemoNumber[..^1] + (DemoNumber[^1] == '8' ? '7' : '8');
            Assert.Equal(200, await lookup.LookUpAsync(misspelt, DemoHolder));
            await s.ShotAsync("misspelt-number");
            var misspeltNumber = await NotFoundAnswerAsync(lookup);

            Assert.Equal(PublicNotFound, wrongName.Message);
            Assert.Equal(wrongName, unknownNumber);
            Assert.Equal(wrongName, misspeltNumber);

            // The certificate's QR code opens the lookup with the number filled in (the name never travels in the address).
            await lookup.OpenAsync($"?number={DemoNumber}");
            Assert.Equal(DemoNumber, await lookup.Number.InputValueAsync());
            Assert.Equal("", await lookup.Name.InputValueAsync());

            // Static rendering all along: no Blazor circuit was ever opened (no negotiate, no WebSocket).
            await s.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
            Assert.DoesNotContain(requests, r => r.Contains(" /_blazor", StringComparison.Ordinal));
            Assert.Empty(sockets);
            Assert.Equal(4, requests.Count(r => r == "POST " + CertificateLookupPage.Path));
            Assert.Empty(s.ConsoleErrors);
        });

        // Every lookup was logged (found or not), without the name asked with.
        var logged = await fixture.App.WithDbAsync(db => db.Set<CertificateLookup>().AsNoTracking().OrderBy(l => l.Id).Skip(lookupsBefore).ToListAsync());
        Assert.Equal([true, false, false, false], logged.Select(l => l.Found).ToArray());
        Assert.All(logged, l => Assert.Equal("page", l.Channel));
    }

    private const string PublicNotFound = "未查询到与该证书编号和姓名相符的证书，请核对证书编号（20 位）和持证人姓名后重试。";

    /// <summary>The not-found message and the whole card's text (the inputs' values are not part of it).</summary>
    private static async Task<(string Message, string Card)> NotFoundAnswerAsync(CertificateLookupPage lookup)
    {
        await lookup.NotFound.WaitForAsync();
        Assert.Equal(0, await lookup.Result.CountAsync());
        return ((await lookup.NotFound.InnerTextAsync()).Trim(), (await lookup.Card.InnerTextAsync()).Trim());
    }

    private Task<int> CountLookupsAsync() => fixture.App.WithDbAsync(db => db.Set<CertificateLookup>().CountAsync());

    /// <summary>A 20-character certificate number: 19 digits and the ISO 7064 MOD 11-2 check character, computed here independently.</summary>
    private static string Number(string body)
    {
        int[] weights = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        var check = (12 - (sum % 11)) % 11;
        return body + (check == 10 ? "X" : check.ToString(CultureInfo.InvariantCulture));
    }
}
