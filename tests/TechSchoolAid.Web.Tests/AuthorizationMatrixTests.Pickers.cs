using System.Text.Json;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>Whether every pick of a lookup's answer belongs to the cell's scope (by the code field named).</summary>
    private static Func<JsonElement, string?> AllIn(Cell c, string codeField, bool expectSome) => j =>
    {
        var items = j.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(codeField).GetString()!).ToList();
        var prefix = c.Caller.Level switch { "school" => OwnSchool, "city" => "4401", "province" => "44", _ => "" };
        return items.FirstOrDefault(code => !code.StartsWith(prefix, StringComparison.Ordinal)) is { } stray ? $"{stray} is outside the caller's scope"
            : expectSome && items.Count == 0 ? "expected picks in scope"
            : items.Count > 20 ? $"{items.Count} picks, more than 20"
            : null;
    };

    /// <summary>The rows of the pickers' lookups (issue 13 item 3): every role reads, filtered by scope; anonymous 401.</summary>
    private static Endpoint[] PickersEndpoints =>
    [
        new("GET /api/v1/students/lookup", Targets.None, false,
            _ => Get("/api/v1/students/lookup?q=" + Uri.EscapeDataString("级")),
            c => new Expectation([200], "ViewStudents (every role), filtered by scope, at most 20", AllIn(c, "schoolCode", expectSome: true))),
        new("GET /api/v1/schools/{schoolCode}/classes", Targets.School, false,
            c => Get($"/api/v1/schools/{c.School}/classes"),
            c => c.Target == Outside
                ? new Expectation([200], "a school outside the scope has no classes", j => j.GetProperty("items").GetArrayLength() == 0 ? null : "expected no classes")
                : new Expectation([200], "ViewStudents, a school in scope", j => j.GetProperty("items").GetArrayLength() > 0 ? null : "expected the school's classes")),
        new("GET /api/v1/organizations/schools/lookup", Targets.None, false,
            _ => Get("/api/v1/organizations/schools/lookup"),
            c => new Expectation([200], "any signed-in user, filtered by scope, at most 20", AllIn(c, "code", expectSome: true))),
    ];
}
