using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Web.Hosting;

namespace TechSchoolAid.Web.Api;

/// <summary>A token request; <c>Code</c> is the authenticator's 6-digit code (or a recovery code) for an account with a second factor.</summary>
public sealed record TokenRequest(string? UserName, string? Password, string? Code = null);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record MeResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles, string OrganizationCode, string OrganizationLevel);

public static class AuthEndpoints
{
    /// <summary>POST /api/v1/auth/token: bearer tokens for provincial systems and the other ministry (SEC-2).</summary>
    public static void MapAuthEndpoints(this IEndpointRouteBuilder group)
    {
        group.MapPost("/auth/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
            TokenRequest request,
            HttpContext http,
            SignIn accounts,
            IOptionsMonitor<BearerTokenOptions> bearer,
            TimeProvider clock,
            CancellationToken ct) =>
        {
            var address = http.Connection.RemoteIpAddress?.ToString();
            var result = await accounts.HandleAsync(request.UserName, request.Password, address, ct);
            if (result.SecondStep == SecondStep.Code && !string.IsNullOrWhiteSpace(request.Code))
            {
                result = await accounts.CompleteAsync(result.Ticket, request.Code, address, ct);
            }
            else if (result.SecondStep == SecondStep.Code)
            {
                result = result with { Error = "该账号已开启双因素认证：请在 code 中提供身份验证器上的 6 位动态码" };
            }
            else if (result.SecondStep == SecondStep.Enrol)
            {
                result = result with { Error = "您的角色须开启双因素认证：请先在网页登录，按提示绑定身份验证器后再申请令牌" };
            }

            if (result.Throttled)
            {
                http.Response.Headers.RetryAfter = "900";
                return TypedResults.Problem(title: "请求过多", detail: result.Error, statusCode: StatusCodes.Status429TooManyRequests);
            }

            if (!result.Succeeded)
            {
                return TypedResults.Problem(title: "认证失败", detail: result.Error, statusCode: StatusCodes.Status401Unauthorized);
            }

            var options = bearer.Get(BearerTokenDefaults.AuthenticationScheme);
            var expires = clock.GetUtcNow() + options.BearerTokenExpiration;
            var ticket = new AuthenticationTicket(
                ActorClaims.ToPrincipal(result.Actor!, BearerTokenDefaults.AuthenticationScheme),
                new AuthenticationProperties { ExpiresUtc = expires, IssuedUtc = clock.GetUtcNow() },
                BearerTokenDefaults.AuthenticationScheme);
            return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expires));
        }).AllowAnonymous().WithTags("认证").WithSummary("用户名、密码（已开启双因素认证的账号另加动态码）换取访问令牌").DisableAntiforgery()
            .RequireRateLimiting(Program.SignInRateLimit).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    public static void MapMeEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", (IActorAccessor a) =>
        {
            var actor = a.Actor;
            return TypedResults.Ok(new MeResponse(actor.UserName, actor.DisplayName, [actor.Role.ToString()], actor.OrganizationCode, actor.Level.ToString().ToLowerInvariant()));
        }).RequireSignedIn().WithTags("认证").WithSummary("当前用户、角色与所属机构");
        api.MapGet("/todo", (TodoPanel panel, CancellationToken ct) => panel.ItemsAsync(ct)).RequireSignedIn().WithTags("待办").WithSummary("待我处理、即将到期、已逾期");
    }

    /// <summary>Cookie sign-in and sign-out for people, posted from the static (no circuit) sign-in page.</summary>
    public static void MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/account/login");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

/// <summary>
/// The API accepts the browser's cookie too (so a signed-in user can download an export), and then a state-changing
/// call must carry the antiforgery token like a form does; bearer-token callers are not exposed to CSRF.
/// </summary>
public sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        var viaCookie = !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (unsafeMethod && viaCookie)
        {
            await antiforgery.ValidateRequestAsync(http);
        }

        return await next(context);
    }
}
