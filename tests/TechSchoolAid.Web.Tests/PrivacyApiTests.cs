using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// SEC-1 against a rebuilding attack: everything the API, the list and the export give a role without the reveal right
/// must leave the ID number hidden among many candidates, not only look masked.
/// </summary>
public sealed class PrivacyApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44010004";

    [Theory]
    [InlineData("city-4401")]          // a reviewer above the school
    [InlineData("ministry-viewer")]    // a national viewer
    public async Task IdNumber_RoleWithoutReveal_CannotBeRebuiltFromDetailListOrExport(string userName)
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var idNumber = IdNumbers.Next();
        var studentId = await Api.RegisterAsync(clerk, School, idNumber);
        var birth = DateOnly.ParseExact(idNumber[6..14], "yyyyMMdd", CultureInfo.InvariantCulture);

        using var viewer = await app.ClientFor(userName);
        using var detailResponse = await viewer.GetAsync($"/api/v1/students/{studentId}");
        var detailText = await detailResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, detailResponse.StatusCode);
        using var listResponse = await viewer.GetAsync($"/api/v1/students?schoolCode={School}&pageSize=500");
        var listText = await listResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        using var exportResponse = await viewer.GetAsync($"/api/v1/students/export?schoolCode={School}");
        Assert.Equal(HttpStatusCode.OK, exportResponse.StatusCode);
        var exportText = ExportText(await exportResponse.Content.ReadAsByteArrayAsync());

        var everything = string.Join("\n", detailText, listText, exportText);
        foreach (var form in new[] { "yyyy-MM-dd", "yyyyMMdd", "yyyy/M/d", "yyyy年M月d日" })
        {
            Assert.DoesNotContain(birth.ToString(form, CultureInfo.InvariantCulture), everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(idNumber, everything, StringComparison.Ordinal);
        using var detail = JsonDocument.Parse(detailText);
        var shown = detail.RootElement;
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("birthDate").ValueKind);

        // The attacker's best case: the household county is taken as the ID's region, the sex fixes the parity of the
        // sequence, the intake year bounds the age (13 to 20), and every character the mask shows must match.
        var candidates = Candidates(
            shown.GetProperty("idNumberMasked").GetString()!,
            shown.GetProperty("householdCountyCode").GetString()!,
            shown.GetProperty("sex").GetString() == "Male",
            shown.GetProperty("intakeYear").GetInt32(),
            idNumber);
        Assert.True(candidates >= 10_000, $"only {candidates} ID numbers fit what a {userName} sees");
    }

    [Fact]
    public async Task IdNumber_RoleWithReveal_SeesBirthDateAndAuditedClearNumber()
    {
        using var clerk = await app.ClientFor($"school-{School}");
        var idNumber = IdNumbers.Next();
        var studentId = await Api.RegisterAsync(clerk, School, idNumber);
        var json = await Api.GetStudentAsync(clerk, studentId);
        Assert.Equal($"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}", json.GetProperty("birthDate").GetString());
        using var reveal = await clerk.PostAsync($"/api/v1/students/{studentId}/reveal-id-number", null);
        var revealed = await Api.ReadJson(reveal, HttpStatusCode.OK);
        Assert.Equal(idNumber, revealed.GetProperty("idNumber").GetString());
    }

    /// <summary>How many valid 18-character numbers agree with everything shown; asserts the true one is among them.</summary>
    private static int Candidates(string masked, string county, bool male, int intakeYear, string truth)
    {
        Assert.Equal(18, masked.Length);
        var regions = county.Length == 6 && Fits(county, masked, 0) ? new[] { county } : throw new InvalidOperationException("county does not fit the mask");
        var count = 0;
        var truthFound = false;
        foreach (var region in regions)
        {
            for (var day = new DateOnly(intakeYear - 20, 1, 1); day <= new DateOnly(intakeYear - 13, 12, 31); day = day.AddDays(1))
            {
                var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                if (!Fits(date, masked, 6))
                {
                    continue;
                }

                for (var order = male ? 1 : 0; order < 1000; order += 2)
                {
                    var first17 = region + date + order.ToString("D3", CultureInfo.InvariantCulture);
                    if (!Fits(first17[14..], masked, 14))
                    {
                        continue;
                    }

                    var candidate = first17 + IdNumbers.CheckChar(first17);
                    if (candidate[17] == masked[17] || masked[17] == '*')
                    {
                        count++;
                        truthFound |= candidate == truth;
                    }
                }
            }
        }

        Assert.True(truthFound, "the search space must contain the real number");
        return count;
    }

    private static bool Fits(string part, string masked, int at)
    {
        for (var i = 0; i < part.Length; i++)
        {
            if (masked[at + i] != '*' && masked[at + i] != part[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string ExportText(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var text = new StringBuilder();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: true))
        {
            foreach (var (key, value) in row)
            {
                text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\t');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
