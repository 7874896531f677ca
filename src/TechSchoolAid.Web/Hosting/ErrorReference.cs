using System.Diagnostics;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// The reference number of a failed request: its W3C trace id, the same one the log and the traces carry, so the
/// administrator finds the error from what the user reads out. Nothing else about the error reaches the user.
/// </summary>
public static class ErrorReference
{
    public static string Of(HttpContext http) =>
        Activity.Current?.TraceId.ToHexString() is { Length: > 0 } trace && trace != default(ActivityTraceId).ToHexString()
            ? trace
            : http.TraceIdentifier;

    /// <summary>Outside a request (an interactive page's circuit): the current trace, else a new random reference.</summary>
    public static string Current() =>
        Activity.Current?.TraceId.ToHexString() is { Length: > 0 } trace && trace != default(ActivityTraceId).ToHexString()
            ? trace
            : Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}
