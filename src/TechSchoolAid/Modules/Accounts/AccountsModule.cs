using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Features;

namespace TechSchoolAid.Modules.Accounts;

public sealed record SetDisabledRequest(bool Disabled);

public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddSingleton<SignInThrottle>()
        .AddSingleton<SessionStamps>()
        .AddScoped<AccountService>();

    public static void MapAccountsEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/accounts").WithTags("账号").RequireAccess(AccountAccess.View);
        g.MapGet("/", (AccountService s, CancellationToken ct) => s.ListAsync(ct)).WithSummary("管理范围内的账号");
        g.MapPost("/", async (CreateAccountInput input, AccountService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/accounts/{created.UserName}", created);
        }).WithSummary("为直属下级机构或本机构工作人员创建账号").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        g.MapPut("/{userName}/disabled", async (string userName, SetDisabledRequest r, AccountService s, CancellationToken ct) =>
        {
            await s.SetDisabledAsync(userName, r.Disabled, ct);
            return TypedResults.NoContent();
        }).WithSummary("停用或启用账号");
    }
}
