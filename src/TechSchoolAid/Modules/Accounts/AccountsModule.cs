using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Accounts.Features.TwoFactor;

namespace TechSchoolAid.Modules.Accounts;

public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services
        .AddMemoryCache()
        // The sign-in's second-step tickets are protected with the application's data-protection keys (the web host
        // persists them in the database, shared by every node; other hosts get the default provider).
        .AddDataProtection().Services
        .AddSingleton<SignInThrottle>()
        .AddSingleton<SessionStamps>()
        .AddScoped<SignIn>()
        .AddScoped<ListAccounts>()
        .AddScoped<ListAccountTargets>()
        .AddScoped<CreateAccount>()
        .AddScoped<SetAccountDisabled>()
        .AddScoped<TwoFactorCodes>()
        .AddSingleton<SignInTickets>()
        .AddScoped<ResetTwoFactor>()
        .AddScoped<IPersonNames, PersonNamesReader>();

    public static void MapAccountsEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/accounts").WithTags("账号").RequireAccess(AccountAccess.View);
        ListAccounts.Map(g);
        CreateAccount.Map(g);
        SetAccountDisabled.Map(g);
        ResetTwoFactor.Map(g);
    }
}
