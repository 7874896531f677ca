using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Web.Tests;

/// <summary>Inspections through the API, for the inspection tests and the authorization matrix (demo data: province 44's confirmed 2026 plan, its visit to 44010004).</summary>
internal static class InspectionsApi
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static int _year;

    public static async Task<JsonElement> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await Api.ReadJson(response, expected);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return await Api.ReadJson(response, expected);
    }

    /// <summary>Province 44's plan of a year (the demo's confirmed 2026 plan unless given).</summary>
    public static async Task<Guid> PlanIdAsync(TestApp app, int year = 2026)
    {
        using var province = await app.ClientFor("prov-44");
        var plans = await GetAsync(province, $"/api/v1/inspections/plans?year={year}");
        return plans.EnumerateArray().Single(p => p.GetProperty("provinceCode").GetString() == "44").GetProperty("id").GetGuid();
    }

    /// <summary>The demo's 2026 planned visit to 44010004.</summary>
    public static async Task<Guid> DemoVisitAsync(TestApp app)
    {
        using var province = await app.ClientFor("prov-44");
        var visits = await GetAsync(province, "/api/v1/inspections/visits?year=2026&kind=Planned");
        return visits.EnumerateArray().First(v => v.GetProperty("targetCode").GetString() == "44010004").GetProperty("id").GetGuid();
    }

    public static object Finding(string itemKey = "publication", string text = "资助名单公示期不足5个工作日", bool rectify = true) =>
        new { itemKey, conclusion = "NonCompliant", text, needsRectification = rectify };

    /// <summary>A new planned visit by prov-44 to <paramref name="school"/> (in the 2026 plan) with one finding needing rectification: its task's id.</summary>
    public static async Task<(Guid Visit, Guid Task)> VisitWithTaskAsync(TestApp app, string school = "44010004", bool answered = false)
    {
        var plan = await PlanIdAsync(app);
        using var province = await app.ClientFor("prov-44");
        var visit = await PostAsync(province, "/api/v1/inspections/visits",
            new { planId = plan, schoolCode = school, visitedOn = "2026-10-12", inspectors = "王敏、李强", findings = new[] { Finding() } }, HttpStatusCode.Created);
        var task = visit.GetProperty("findings")[0].GetProperty("rectification").GetProperty("id").GetGuid();
        if (answered)
        {
            using var schoolClient = await app.ClientFor($"school-{school}");
            await PostAsync(schoolClient, $"/api/v1/inspections/rectifications/{task}/answer", new { answer = "已重新公示5个工作日" }, HttpStatusCode.OK);
        }

        return (visit.GetProperty("id").GetGuid(), task);
    }

    /// <summary>The finding of a new visit by prov-44 to 44010004 (each file test gets its own, under the limit of files per finding).</summary>
    public static async Task<Guid> FreshFindingAsync(TestApp app)
    {
        var (visitId, _) = await VisitWithTaskAsync(app);
        using var province = await app.ClientFor("prov-44");
        return (await GetAsync(province, $"/api/v1/inspections/visits/{visitId}")).GetProperty("findings")[0].GetProperty("id").GetGuid();
    }

    /// <summary>
    /// A draft plan of province 44 holding only 44010001, for a year no other test uses (2040 on): written straight to the
    /// database, since the API proposes plans only for this year and the next two.
    /// </summary>
    public static async Task<Guid> DraftPlanAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-setup");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var school = (await db.SchoolsUnderAsync("/44/", default)).Single(s => s.Code == "44010001");
        var plan = new InspectionPlan(Guid.NewGuid(), "44", "/44/", 2040 + Interlocked.Increment(ref _year), "prov-44", DateTime.UtcNow);
        plan.Add(school, EntryReason.ProvinceManaged, 0, "", null);
        db.Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    /// <summary>A reason for every breach a plan of province 44 can have.</summary>
    public static object[] AcknowledgeEverything() =>
        new[] { "province-managed:44010001", "province-managed:44030002", "province-managed:44050003", "city-share" }
            .Concat(new[] { "44010004", "44030005", "44050006", "44010007", "44030008", "44050009", "44010010" }.Select(c => $"three-years:{c}"))
            .Select(k => (object)new { key = k, reason = "经厅务会研究同意" }).ToArray();

    /// <summary>Rows of an inspection table in the database (the scope lifted), to prove a refused request wrote nothing.</summary>
    public static async Task<int> CountAsync<T>(TestApp app)
        where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-count");
        return await scope.ServiceProvider.GetRequiredService<TsaDbContext>().Set<T>().IgnoreQueryFilters().CountAsync();
    }
}
