using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Small HTTP steps for AID-5 rounds, shared by the round tests and the authorization matrix. A school has one list per
/// item and term, and the test clock (15 October 2026) allows only autumn 2026: a test that needs a fresh list "parks" the
/// school's existing one in a far school year first (the only direct database write; the list keeps its id and state).
/// </summary>
public static partial class AidRoundApi
{
    public const int Year = 2026;
    public static readonly object Publication = new { from = "2026-10-15", to = "2026-10-21" }; // Thu–Wed: 5 working days

    private static readonly ConcurrentDictionary<(TestApp, string), Guid> Cache = new();
    private static int _parking = 2100;

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(client, path, body);
        return await Api.ReadJson(response, expected);
    }

    /// <summary>
    /// Posts a step; a decision on a list or a line (…/publication, /submission, /review on /aid-rounds/{id}; every step on
    /// /aid-entries/{id}) first reads the record as this client sees it and sends its ETag as If-Match, as a real client does.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        var decision = VersionedStep().Match(path);
        if (decision.Success)
        {
            using var current = await client.GetAsync(decision.Groups["record"].Value);
            if (current.Headers.ETag is { } etag)
            {
                request.Headers.IfMatch.Add(etag);
            }
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("^(?<record>/api/v1/(aid-rounds|aid-entries)/[0-9a-f-]{36})/(publication|submission|review|tier|withdrawal|objection|objection-answer)$")]
    private static partial Regex VersionedStep();

    public static async Task<JsonElement> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await Api.ReadJson(response, expected);
    }

    public static Guid IdOf(JsonElement detail) => detail.GetProperty("row").GetProperty("id").GetGuid();

    /// <summary>Moves the school's autumn 2026 list of the item (if any) to an unused school year, so a new one can be made.</summary>
    public static async Task ParkAsync(TestApp app, string school, string item)
    {
        var year = Interlocked.Increment(ref _parking);
        var value = Enum.Parse<AidItem>(item);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-parking");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        var ids = await db.Set<AidRound>().IgnoreQueryFilters()
            .Where(r => r.SchoolCode == school && r.SchoolYear == Year && r.Semester == Semester.Autumn && r.Item == value).Select(r => r.Id).ToListAsync();
        await db.Set<AidEntry>().IgnoreQueryFilters().Where(e => ids.Contains(e.RoundId)).ExecuteUpdateAsync(u => u.SetProperty(e => e.SchoolYear, year));
        await db.Set<AidRound>().IgnoreQueryFilters().Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.SchoolYear, year));
    }

    /// <summary>Ends a running publication yesterday (the clock of a shared app cannot move), so the list can be submitted.</summary>
    public static async Task EndPublicationAsync(TestApp app, Guid round)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = Actor.System("test-publication");
        var db = scope.ServiceProvider.GetRequiredService<TsaDbContext>();
        await db.Set<AidRound>().IgnoreQueryFilters().Where(r => r.Id == round).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.PublishedFrom, new DateOnly(2026, 10, 8))
            .SetProperty(r => r.PublishedTo, new DateOnly(2026, 10, 14)));
    }

    /// <summary>
    /// A fresh list of the school made by its administrator with at least one eligible student (a new rural student for the
    /// waiver; a new student identified as 困难 for the grant), taken up to "draft", "published", "submitted" or "reviewed".
    /// </summary>
    public static async Task<JsonElement> RoundAsync(TestApp app, string school, string item, string upTo)
    {
        if (item == "Grant")
        {
            await HardshipApi.AssessmentAsync(app, school, "counted");
        }
        else
        {
            await StatusChangeApi.ActiveStudentAsync(app, school);
        }

        await ParkAsync(app, school, item);
        using var admin = await app.ClientFor($"school-{school}");
        var detail = await PostAsync(admin, "/api/v1/aid-rounds", new { schoolCode = school, schoolYear = Year, semester = "Autumn", item }, HttpStatusCode.Created);
        var id = IdOf(detail);
        string[] steps = ["draft", "published", "submitted", "reviewed"];
        var last = Array.IndexOf(steps, upTo);
        if (last >= 1)
        {
            detail = await PostAsync(admin, $"/api/v1/aid-rounds/{id}/publication", Publication);
        }

        if (last >= 2)
        {
            await EndPublicationAsync(app, id);
            detail = await PostAsync(admin, $"/api/v1/aid-rounds/{id}/submission", new { });
        }

        if (last >= 3)
        {
            using var supervisor = await app.ClientFor(StatusChangeApi.SupervisorOf(school));
            await PostAsync(supervisor, $"/api/v1/aid-rounds/{id}/review", new { decision = "Approve" });
            detail = await GetAsync(admin, $"/api/v1/aid-rounds/{id}");
        }

        return detail;
    }

    /// <summary>The first proposed line of a list.</summary>
    public static async Task<Guid> FirstEntryAsync(TestApp app, string school, Guid round)
    {
        using var admin = await app.ClientFor($"school-{school}");
        var page = await GetAsync(admin, $"/api/v1/aid-rounds/{round}/entries?state=Proposed");
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    /// <summary>One draft waiver list per school and app with at least one line, made once (for cells that never reach its state).</summary>
    public static async Task<Guid> AnyOf(TestApp app, string school)
    {
        if (!Cache.TryGetValue((app, school), out var id))
        {
            id = IdOf(await RoundAsync(app, school, "Waiver", "draft"));
            Cache[(app, school)] = id;
        }

        return id;
    }

    /// <summary>A line of the school's shared list (see <see cref="AnyOf"/>).</summary>
    public static async Task<Guid> AnyEntryOf(TestApp app, string school) => await FirstEntryAsync(app, school, await AnyOf(app, school));
}
