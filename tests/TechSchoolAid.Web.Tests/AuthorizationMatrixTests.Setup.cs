using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // The set-up of the rows: what each area needs to exist before a call (fresh lists, lines, policies, rounds).

    // ------------------------------------------------------------------ aid rounds

    /// <summary>The school's aid staff, own school: 403 for every other role, 404 for a list or line outside the scope.</summary>
    private static Expectation AidWrite(Cell c, int success) =>
        !AidClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageAidRounds (school aid staff only)")
        : c.Target == Outside ? Is(404, "list outside its scope is not found")
        : Is(success, "school aid staff, own school");

    /// <summary>A list is reviewed only by the school's direct supervisor (ScopePaths.ParentOf of the school).</summary>
    private static Expectation AidReview(Cell c) =>
        !AidReviewers.Contains(c.Caller.Key) ? Is(403, "lacks ReviewAidRounds")
        : c.Target switch
        {
            Supervised => Is(200, "the school's direct supervisor"),
            NotSupervised => Is(403, "in scope, but not the school's direct supervisor"),
            _ => Is(404, "list outside its scope is not found"),
        };

    /// <summary>A fresh list at the step for the school's aid staff; otherwise the school's shared list.</summary>
    private static async Task<Guid> AidRoundOf(Cell c, string upTo) =>
        AidClerks.Contains(c.Caller.Key) && c.Target != Outside
            ? AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, c.School, "Waiver", upTo))
            : await AidRoundApi.AnyOf(c.App, c.School);

    /// <summary>A proposed line of a fresh list at the step for the school's aid staff; otherwise a line of the shared list.</summary>
    private static async Task<Guid> AidEntryOf(Cell c, string item, string upTo) =>
        AidClerks.Contains(c.Caller.Key) && c.Target != Outside
            ? await AidRoundApi.FirstEntryAsync(c.App, c.School, AidRoundApi.IdOf(await AidRoundApi.RoundAsync(c.App, c.School, item, upTo)))
            : await AidRoundApi.AnyEntryOf(c.App, c.School);

    // ------------------------------------------------------------------ aid policies

    /// <summary>A policy table of province 44 (inside) or 51 (outside): ManagePolicy and the province in scope.</summary>
    private static Expectation PolicyWrite(Cell c, int success) =>
        !PolicyKeepers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePolicy")
        : c.Target == Outside ? Is(403, "province outside its scope")
        : Is(success, "has ManagePolicy, province in scope");

    // ------------------------------------------------------------------ graduation

    private static readonly Dictionary<string, Guid> DraftRounds = [];
    private static readonly Dictionary<string, string> Certificates = [];

    /// <summary>Reviews (approve, return, upgrade) belong to the school's direct supervising authority alone.</summary>
    private static Expectation GraduationReview(Cell c, int success = 200) =>
        !ChangeAuthorities.Contains(c.Caller.Key) ? Is(403, "not a supervising authority (ApproveStatusChanges at city or province level)")
        : c.Target == Outside ? Is(404, "round outside its scope is not found")
        : c.Target == Supervised ? Is(success, "the school's direct supervisor")
        : Is(403, "in scope, but not the school's direct supervisor");

    /// <summary>One empty draft round per school, made once by the school's administrator.</summary>
    private static async Task<Guid> DraftRoundOf(TestApp app, string school)
    {
        if (!DraftRounds.TryGetValue(school, out var id))
        {
            id = GraduationApi.IdOf(await GraduationApi.RoundAsync(app, school, "draft"));
            DraftRounds[school] = id;
        }

        return id;
    }

    /// <summary>One issued certificate per school, through the whole flow once.</summary>
    private static async Task<string> CertificateOf(TestApp app, string school)
    {
        if (!Certificates.TryGetValue(school, out var number))
        {
            number = GraduationApi.NumberOf(await GraduationApi.RoundAsync(app, school, "approved", 1), 0);
            Certificates[school] = number;
        }

        return number;
    }

    // ------------------------------------------------------------------ status changes


    /// <summary>Writes of the school's records staff: 403 for every other role, 404 for a change outside the scope.</summary>
    private static Expectation ChangeWrite(Cell c, int success) =>
        !ChangeClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageStatusChanges")
        : c.Target == Outside ? Is(404, "change outside its scope is not found")
        : Is(success, "school records staff, own school");

    /// <summary>A withdrawal is approved, returned or undone only by the school's direct supervisor.</summary>
    private static Expectation ChangeApproval(Cell c) =>
        !ChangeApprovers.Contains(c.Caller.Key) ? Is(403, "lacks ApproveStatusChanges")
        : c.Target == Outside ? Is(404, "change outside its scope is not found")
        : ChangeAuthorities.Contains(c.Caller.Key) && c.Target == Supervised ? Is(200, "the school's direct supervisor")
        : Is(403, "withdrawal: only the school's direct supervising authority");

    private static Expectation HardshipWrite(Cell c, int success, string rule = "school aid staff, own school") =>
        !HardshipClerks.Contains(c.Caller.Key) ? Is(403, "lacks ManageHardship")
        : c.Target == Outside ? Is(404, "assessment outside its scope is not found")
        : Is(success, rule);

    /// <summary>A fresh assessment at the right step for the school's aid staff; otherwise any assessment of the school.</summary>
    private static async Task<Guid> HardshipOf(Cell c, string upTo) =>
        HardshipClerks.Contains(c.Caller.Key) && c.Target != Outside ? await HardshipApi.AssessmentAsync(c.App, c.School, upTo) : await HardshipApi.AnyOf(c.App, c.School);

    private static async Task<Guid> ChangeStudentOf(Cell c) =>
        ChangeClerks.Contains(c.Caller.Key) && c.Target != Outside ? await StatusChangeApi.ActiveStudentAsync(c.App, c.School) : await c.App.SeededStudentOf(c.School);

    /// <summary>One draft change per school, made once by the school's administrator.</summary>
    private static async Task<Guid> DraftChangeOf(TestApp app, string school)
    {
        if (!Drafts.TryGetValue(school, out var id))
        {
            id = await StatusChangeApi.ChangeAsync(app, school, "Suspension", "draft");
            Drafts[school] = id;
        }

        return id;
    }

    private static async Task<(Guid Change, Guid File)> EvidenceOf(TestApp app, string school)
    {
        if (!Evidence.TryGetValue(school, out var pair))
        {
            var change = await DraftChangeOf(app, school);
            using var admin = await app.ClientFor($"school-{school}");
            using var response = await admin.PostAsync($"/api/v1/status-changes/{change}/evidence", Api.FileContent(StatusChangeApi.Png, "证明.png", "image/png"));
            pair = (change, (await Api.ReadJson(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
            Evidence[school] = pair;
        }

        return pair;
    }

    /// <summary>The receiving school's row of a fresh transfer into the cell's school, proposed by another school of city 4401.</summary>
    private static Task<Guid> InboundOf(Cell c) => StatusChangeApi.InboundTransferAsync(c.App, c.School == "44010010" ? "44010007" : "44010010", c.School);

    /// <summary>Answers to hanging flags are reviewed only by the school's direct supervisor.</summary>
    private static Expectation FlagReview(Cell c) =>
        !Checkers.Contains(c.Caller.Key) ? Is(403, "lacks RunPresenceChecks")
        : c.Target == Outside ? Is(404, "flag outside its scope is not found")
        : c.Target == NotSupervised ? Is(403, "in scope, but not the school's direct supervisor")
        : Is(200, "the school's direct supervisor");

    private static Expectation Review(Cell c) =>
        !Reviewers.Contains(c.Caller.Key) ? Is(403, "lacks ReviewRegistrations")
        : c.Target switch
        {
            Supervised => Is(200, "the school's direct supervisor"),
            NotSupervised => Is(403, "in scope, but not the school's direct supervisor"),
            _ => Is(404, "batch outside its scope is not found"),
        };

    /// <summary>A new account below the caller's organisation (or one outside its reach).</summary>
    private static object NewAccount(Cell c)
    {
        var n = Interlocked.Increment(ref _counter);
        var (role, org) = (c.Caller.Level, c.Target) switch
        {
            ("province", Outside) => ("CityReviewer", "5101"),
            ("city", Outside) => ("SchoolAdmin", "44030005"),
            ("school", Outside) => ("SchoolAidOfficer", "44010007"),
            ("ministry", _) => ("ProvinceReviewer", "44"),
            ("province", _) => ("CityReviewer", "4403"),
            ("city", _) => ("SchoolAdmin", "44010007"),
            _ => ("SchoolAidOfficer", OwnSchool),
        };
        return new { userName = $"matrix-{n}", displayName = "矩阵测试", role, organizationCode = org, password = "Matrix#Pass2026" };
    }

    /// <summary>An existing account below the caller's organisation (or outside its scope). Only ever enabled, never disabled.</summary>
    private static string AccountOf(Cell c) => (c.Caller.Level, c.Target) switch
    {
        ("province", Outside) => "city-5107",
        ("city", Outside) => "school-44030005",
        ("school", Outside) => "school-44010007",
        ("ministry", _) => "prov-51-reviewer",
        ("province", _) => "city-4405",
        ("city", _) => "school-44010010",
        _ => "school-44010004-finance",
    };

    /// <summary>
    /// For a cell expected to succeed, a fresh student of the own school in the state the step needs (registered, or
    /// registered and verified) made by the school administrator; for any other cell a demo student of the school.
    /// </summary>
    private static async Task<Guid> StudentToWorkOn(Cell c, bool verified)
    {
        if (!Registrars.Contains(c.Caller.Key) || c.Target == Outside)
        {
            return await c.App.SeededStudentOf(c.School);
        }

        using var admin = await c.App.ClientFor($"school-{c.School}");
        var id = await Api.RegisterAsync(admin, c.School);
        if (verified)
        {
            await Api.VerifyAsync(admin, c.School, id);
        }

        return id;
    }

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path));

    private static Task<HttpRequestMessage> Json(HttpMethod method, string path, object body) =>
        Task.FromResult(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    /// <summary>A decision on /…/{id}/{step} with the If-Match of /…/{id} as the ministry reads it (it sees everything).</summary>
    private static async Task<HttpRequestMessage> Versioned(TestApp app, Task<HttpRequestMessage> pending)
    {
        var request = await pending;
        var path = request.RequestUri!.OriginalString;
        using var ministry = await app.ClientFor("ministry");
        using var get = await ministry.GetAsync(path[..path.LastIndexOf('/')]);
        if (get.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return request;
    }

    /// <summary>An edit or decision with the resource's current ETag (read by the ministry, which sees everything) as If-Match.</summary>
    private static async Task<HttpRequestMessage> JsonIfMatch(TestApp app, HttpMethod method, string path, object body, string versionPath)
    {
        using var ministry = await app.ClientFor("ministry");
        using var get = await ministry.GetAsync(versionPath);
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (get.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        return request;
    }

    private static Task<HttpRequestMessage> File(string path, byte[] bytes, string fileName) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = Api.FileContent(bytes, fileName) });

    // ------------------------------------------------------------------ the matrix

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var e in Endpoints)
        {
            foreach (var c in Callers)
            {
                foreach (var t in TargetsOf(e.Kind, c))
                {
                    data.Add(e.Key, c.Key, t);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_CallerAndTarget_AnswersPerRules(string endpoint, string caller, string target)
    {
        var e = Endpoints.Single(x => x.Key == endpoint);
        var who = Callers.Single(x => x.Key == caller);
        var cell = new Cell(app, who, target);
        var expected = who.IsAnonymous && !e.Public ? Is(401, "no token on a protected route") : e.Expected(cell);

        using var request = await e.Request(cell);
        using var client = who.IsAnonymous ? app.AnonymousClient() : await app.ClientFor(who.UserName!);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(
            expected.Statuses.Contains(status),
            $"{e.Route} as {caller} [{target}]: expected {expected}, got {status}. Body: {Shorten(body)}");

        if (expected.Check is not null)
        {
            var problem = expected.Check(JsonDocument.Parse(body).RootElement);
            Assert.True(problem is null, $"{endpoint} as {caller} [{target}]: {problem}");
        }
    }

    [Fact]
    public void Matrix_CoversEveryMappedApiEndpoint()
    {
        // Every endpoint the application maps under /api/v1 (read from the running app), plus the public ones, has a
        // row in the matrix: a new endpoint without a row fails here.
        var mapped = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(r => r.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(r => (r.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Normalize(r.RoutePattern.RawText!)}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var covered = Endpoints.Select(e => Normalize(e.Route)).ToHashSet();
        var missing = mapped.Where(m => !covered.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in the matrix: " + string.Join(", ", missing));
        Assert.True(mapped.Count >= 20, "Expected the API's endpoints, found: " + string.Join(", ", mapped));
    }

    private static string Normalize(string route)
    {
        // "GET /api/v1/students/{id:guid}" and "GET /api/v1/students/{id}" are the same row; trailing slashes too.
        var parts = route.Split('/').Select(p => p.StartsWith('{') ? "{" + p.Trim('{', '}').Split(':')[0] + "}" : p);
        return string.Join('/', parts).TrimEnd('/');
    }

    private static string Shorten(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
