using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// The authorization matrix: every endpoint of the application × every demo role (and anonymous) × where it names an
/// organisation or a record, one inside and one outside the caller's scope. Each cell sends a realistic request (a
/// valid new student, a real batch, a well-formed file), so a 400 is never mistaken for an authorization answer, and
/// compares the status with the rules written out below — deliberately not computed from the product's own
/// permission table, so a change to that table shows up here. Rows are named by method and route; routes under
/// /api/v1 are shown without that prefix ("POST /schools/{schoolCode}/students" is POST /api/v1/schools/{schoolCode}/students).
///
/// The rules:
/// <list type="bullet">
/// <item>/health and POST /api/v1/auth/token are public; /openapi/v1.json and /api/reference are for the ministry's and
/// provinces' administrators only (the reference, a page, sends an anonymous caller to the sign-in page); every other
/// /api/v1 route answers 401 to a caller without a token.</item>
/// <item>A permission the role lacks: 403, before anything is looked up (except reveal-id-number, which finds the
/// student first, so a student outside scope is 404 for every role).</item>
/// <item>A write that names a school code outside the caller's scope: 403 (the code exists, it is not yours).</item>
/// <item>A record id (student, batch, account) outside the caller's scope: 404 — its existence is not confirmed.</item>
/// <item>Lists are filtered by scope: a school list for a school outside scope is an empty page, not an error.</item>
/// <item>Registration review only by the school's direct supervisor (the city for 市管, the province for 省管): a
/// reviewer above that in the tree gets 403.</item>
/// </list>
/// Demo data: the school roles are those of 44010004 (市管, city 4401, province 44); prov-44 and city-4401 are the
/// province and city roles; the ministry roles see everything, so they have no "outside scope" cells.
/// </summary>
public sealed partial class AuthorizationMatrixTests(TestApp app) : IClassFixture<TestApp>
{
    private const string OwnSchool = "44010004";
    private static int _counter;

    // ------------------------------------------------------------------ callers

    private sealed record Caller(string Key, string? UserName, string Level)
    {
        public bool IsAnonymous => UserName is null;

        public bool SeesEverything => Level == "ministry";
    }

    private static readonly Caller[] Callers =
    [
        new("anonymous", null, "public"),
        new("ministry-admin", "ministry", "ministry"),
        new("ministry-viewer", "ministry-viewer", "ministry"),
        new("inspector", "inspector", "ministry"),
        new("province-admin", "prov-44", "province"),
        new("province-reviewer", "prov-44-reviewer", "province"),
        new("city-reviewer", "city-4401", "city"),
        new("school-admin", "school-44010004", "school"),
        new("school-records-officer", "school-44010004-records", "school"),
        new("school-aid-officer", "school-44010004-aid", "school"),
        new("school-finance-officer", "school-44010004-finance", "school"),
    ];

    // What each role may do (ORG-3), written out by hand from the rules.
    private static readonly HashSet<string> Registrars = ["school-admin", "school-records-officer"];
    private static readonly HashSet<string> Reviewers = ["province-admin", "province-reviewer", "city-reviewer"];
    private static readonly HashSet<string> Reopeners = ["province-admin"];
    private static readonly HashSet<string> Administrators = ["ministry-admin", "province-admin", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> AuditReaders = ["ministry-admin", "province-admin", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> Revealers = ["ministry-admin", "province-admin", "school-admin", "school-records-officer"];
    private static readonly HashSet<string> CalendarKeepers = ["ministry-admin"];
    private static readonly HashSet<string> NonExporters = ["inspector", "school-finance-officer"];
    private static readonly HashSet<string> ChangeClerks = ["school-admin", "school-records-officer"];
    private static readonly HashSet<string> ChangeApprovers = ["province-admin", "province-reviewer", "city-reviewer", "school-admin"];
    private static readonly HashSet<string> ChangeAuthorities = ["province-admin", "province-reviewer", "city-reviewer"];
    private static readonly HashSet<string> Checkers = ["province-admin", "province-reviewer", "city-reviewer"]; // RunPresenceChecks, IssueSupervisionMeasures
    private static readonly HashSet<string> Responders = ["school-admin", "school-records-officer"];           // RespondToSupervision
    private static readonly HashSet<string> HardshipClerks = ["school-admin", "school-records-officer", "school-aid-officer"]; // ManageHardship
    private static readonly HashSet<string> AidClerks = ["school-admin", "school-aid-officer"];         // ManageAidRounds
    private static readonly HashSet<string> AidReviewers = ["province-admin", "province-reviewer", "city-reviewer"]; // ReviewAidRounds
    private static readonly HashSet<string> PolicyKeepers = ["ministry-admin", "province-admin"];              // ManagePolicy
    private static readonly Dictionary<string, Guid> Drafts = [];
    private static readonly Dictionary<string, (Guid, Guid)> Evidence = [];

    // ------------------------------------------------------------------ targets

    private enum Targets
    {
        None,
        School,
        Student,
        Batch,
        AccountOrganization,
        Account,
    }

    private const string Inside = "inside-scope";
    private const string Outside = "outside-scope";
    private const string Supervised = "batch-of-school-it-supervises";
    private const string NotSupervised = "batch-in-scope-not-supervised";

    private static IEnumerable<string> TargetsOf(Targets kind, Caller c)
    {
        if (kind == Targets.None || c.IsAnonymous)
        {
            return ["-"];
        }

        if (kind == Targets.Batch)
        {
            return c.Level switch
            {
                "ministry" => [Supervised],
                "province" => [Supervised, NotSupervised, Outside],
                _ => [Supervised, Outside],
            };
        }

        return c.SeesEverything ? [Inside] : [Inside, Outside];
    }

    /// <summary>The school a cell is about: the caller's own (or, above school level, one in scope) or one outside.</summary>
    private static string SchoolOf(Caller c, string target) => target == Outside
        ? c.Level switch
        {
            "province" => "51010004", // another province
            "city" => "44030005",     // another city of the same province
            _ => "44010007",          // another school of the same city
        }
        : OwnSchool;

    /// <summary>The school whose batch a review cell is about.</summary>
    private static string BatchSchoolOf(Caller c, string target) => (c.Level, target) switch
    {
        ("province", Supervised) => "44010001",    // 省管: supervised by province 44 directly
        ("province", NotSupervised) => "44010004", // 市管: in scope, but city 4401 supervises it
        ("province", Outside) => "51010001",       // 省管 school of province 51
        ("city", Outside) => "44030005",           // 市管 school of city 4403
        (_, Outside) => "44010007",
        _ => "44010004",
    };

    // ------------------------------------------------------------------ expectations

    private sealed record Expectation(int[] Statuses, string Rule, Func<JsonElement, string?>? Check = null)
    {
        public override string ToString() => $"{string.Join(" or ", Statuses)} ({Rule})";
    }

    private static Expectation Is(int status, string rule) => new([status], rule);

    private static Expectation Permission(bool has, int success, string permission) =>
        has ? Is(success, $"has {permission}") : Is(403, $"lacks {permission}");

    private static Expectation ScopedWrite(Caller c, string target, HashSet<string> allowed, int success, string permission) =>
        !allowed.Contains(c.Key) ? Is(403, $"lacks {permission}")
        : target == Outside ? Is(403, "names a school outside its scope")
        : Is(success, $"has {permission}, own school");

    // ------------------------------------------------------------------ endpoints

    private sealed record Cell(TestApp App, Caller Caller, string Target)
    {
        public string School => SchoolOf(Caller, Target);
    }

    private sealed record Endpoint(string Route, Targets Kind, bool Public, Func<Cell, Task<HttpRequestMessage>> Request, Func<Cell, Expectation> Expected)
    {
        /// <summary>The row's name in test results: the route without "/api/v1" (xUnit shows at most 50 characters).</summary>
        public string Key => Route.Replace(" /api/v1/", " /", StringComparison.Ordinal);
    }

    private static readonly Endpoint[] Endpoints = [.. CoreAndRecordsEndpoints, .. StatusAndSupervisionEndpoints, .. AidAndCrossCheckEndpoints, .. SchoolsEndpoints, .. FundsBudgetsEndpoints, .. FundsPaymentsEndpoints, .. FundsClosingEndpoints, .. RulesPolicyEndpoints, .. RulesStudentsEndpoints, .. RulesHardshipEndpoints, .. RulesAreasEndpoints, .. InspectionsEndpoints, .. StandardsEndpoints, .. PublicSiteEndpoints, .. DashboardsEndpoints, .. ReportsEndpoints, .. BatchEndpoints, .. MajorCatalogueEndpoints, .. PickersEndpoints, .. StatusChangeRulesEndpoints];
}
