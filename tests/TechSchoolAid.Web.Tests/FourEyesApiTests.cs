using System.Net;

namespace TechSchoolAid.Web.Tests;

/// <summary>Four eyes through HTTP (issue 11, item 10): the school administrator who submitted a change may not approve it.</summary>
public sealed class FourEyesApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string School = "44030005";

    [Fact]
    public async Task Approve_BySubmitter_403ProblemNamingTheRule_NothingChanged_DetailSaysWhy()
    {
        var student = await StatusChangeApi.ActiveStudentAsync(app, School);
        using var admin = await app.ClientFor($"school-{School}");
        var id = (await StatusChangeApi.EnterAsync(admin, student, "Suspension")).GetProperty("id").GetGuid();
        await StatusChangeApi.PostAsync(admin, id, "submit");

        var detail = await Api.ReadJson(await admin.GetAsync($"/api/v1/status-changes/{id}"), HttpStatusCode.OK);
        Assert.DoesNotContain("approve", detail.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("四眼原则", detail.GetProperty("approvalHeldBack").GetString());

        using var refused = await Api.SendIfMatchAsync(admin, HttpMethod.Post, $"/api/v1/status-changes/{id}/approve", new { }, $"/api/v1/status-changes/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("四眼原则：录入或报送该学籍异动的账号不能审批同一学籍异动", problem);

        var after = await Api.ReadJson(await admin.GetAsync($"/api/v1/status-changes/{id}"), HttpStatusCode.OK);
        Assert.Equal("Submitted", after.GetProperty("change").GetProperty("state").GetString());
        Assert.Equal(detail.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());

        // The records officer's change is the administrator's to approve.
        using var clerk = await app.ClientFor($"school-{School}-records");
        var second = (await StatusChangeApi.EnterAsync(clerk, await StatusChangeApi.ActiveStudentAsync(app, School), "Suspension")).GetProperty("id").GetGuid();
        await StatusChangeApi.AttachAsync(clerk, second);
        await StatusChangeApi.PostAsync(clerk, second, "submit");
        var approved = await StatusChangeApi.PostAsync(admin, second, "approve");
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
    }
}
