using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TechSchoolAid.Kernel.Files;

/// <summary>Downloads as the API document should describe them: a binary body of the given types, not an empty 200.</summary>
public static class FileResponses
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Evidence and vouchers: whatever of PDF, JPEG and PNG was uploaded.</summary>
    public static readonly string[] Evidence = ["application/pdf", "image/jpeg", "image/png"];

    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentTypes[0], contentTypes[1..]);
}
