using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

public sealed class ComplaintTrackInput
{
    public string? TrackingNumber { get; set; }

    /// <summary>The last four digits of the phone given when filing.</summary>
    public string? PhoneLastFour { get; set; }
}

/// <summary>What the person who complained sees: where it stands and the answer; nothing personal.</summary>
public sealed record ComplaintProgress(
    string TrackingNumber, string Kind, string Subject, string RoutedTo, DateOnly FiledOn, DateOnly DueOn, string Status,
    bool Overdue, string? EscalatedTo, DateOnly? EscalatedOn, DateOnly? AnsweredOn, string? AnsweredBy, string? Answer);

/// <summary>
/// The follow-up (PUB-1): tracking number + the phone's last four digits. An unknown number, a malformed one and a right
/// number with wrong digits all answer <see langword="null"/> along the same path — one query by number, one keyed hash,
/// one constant-time comparison — so neither the answer nor its work tells them apart.
/// </summary>
public sealed class TrackComplaint(TsaDbContext db, ComplaintSteps steps, TimeProvider clock)
{
    public const string RateLimitPolicy = "complaint-lookup";
    public const string NotFoundTitle = "未查询到咨询投诉";
    public const string NotFoundDetail = "未查询到与该受理编号和电话后四位相符的咨询投诉，请核对受理编号（如 TS-2026-ABCD-EFGH）和提交时所留电话的后四位。";

    private const string NoKey = "0000000000000000000000000000000000000000000000000000000000000000";

    public static void Map(IEndpointRouteBuilder publicApi) =>
        publicApi.MapPost("/complaints/track", async Task<IResult> (ComplaintTrackInput input, TrackComplaint track, CancellationToken ct) =>
            await track.HandleAsync(input, ct) is { } progress ? TypedResults.Ok(progress) : NotFound())
            .WithTags("公开查询").WithSummary("查询咨询投诉办理进度（无需登录）：受理编号 + 电话后四位 → 状态、期限和答复")
            .Produces<ComplaintProgress>().ProducesProblem(404).ProducesProblem(429)
            .RequireRateLimiting(RateLimitPolicy);

    /// <summary>The one "not found" body, fixed JSON (no per-request trace id), so every miss answers byte for byte the same.</summary>
    public static IResult NotFound() => TypedResults.Json(
        new ProblemDetails { Status = 404, Title = NotFoundTitle, Detail = NotFoundDetail, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5" },
        statusCode: 404,
        contentType: "application/problem+json");

    public async Task<ComplaintProgress?> HandleAsync(ComplaintTrackInput input, CancellationToken ct)
    {
        var number = ComplaintSteps.NormalizeTrackingNumber(input.TrackingNumber);
        var digits = (input.PhoneLastFour ?? "").Trim();
        var row = await db.Unscoped<Complaint>("the public follows its own complaint by tracking number and phone digits (PUB-1)").AsNoTracking()
            .Where(c => c.TrackingNumber == number).FirstOrDefaultAsync(ct);
        var given = steps.LookupKey(number, digits.Length == 4 && digits.All(char.IsAsciiDigit) ? digits : "????");
        var matches = ComplaintSteps.SameKey(row?.LookupKey ?? NoKey, given);
        if (row is null || !matches)
        {
            return null;
        }

        var today = TechSchoolAid.Kernel.ChinaTime.Today(clock);
        return new ComplaintProgress(row.TrackingNumber, row.Kind.ToChinese(), row.SchoolName ?? $"{row.ProvinceName}学生资助工作", row.RoutedToName,
            row.FiledOn, row.DueOn, row.Status.ToChinese(), row.IsOverdue(today), row.EscalatedToName, row.EscalatedOn, row.AnsweredOn,
            row.AnsweredByName, row.Answer);
    }
}
