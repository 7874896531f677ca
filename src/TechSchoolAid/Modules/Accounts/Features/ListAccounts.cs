using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

/// <param name="Actions">What the caller may do with this account ("manage": disable, enable, unlock).</param>
public sealed record AccountDto(int Id, string UserName, string DisplayName, Role Role, string OrganizationCode, string OrganizationName, bool IsDisabled, bool IsLockedOut, DateTime? LastSignIn, string CreatedBy, IReadOnlyList<string> Actions)
{
    /// <summary>An authenticator is bound to the account (SEC-2).</summary>
    public bool HasTwoFactor { get; init; }
}

/// <summary>The accounts in the caller's scope, each with what the caller may do with it.</summary>
public sealed class ListAccounts(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/", (ListAccounts s, CancellationToken ct) => s.HandleAsync(ct)).WithSummary("管理范围内的账号");

    public async Task<IReadOnlyList<AccountDto>> HandleAsync(CancellationToken ct)
    {
        db.Actor.Demand(AccountAccess.View);

        var now = clock.GetUtcNow().UtcDateTime;
        var actor = db.Actor;
        var rows = await (from u in db.Set<UserAccount>().AsNoTracking()
                          join o in db.Organizations() on u.OrganizationId equals o.Id
                          orderby o.ScopePath, u.UserName
                          select new { u, o.Code, o.Name, o.ScopePath }).Take(2000).ToListAsync(ct);
        return rows.Select(r => new AccountDto(r.u.Id, r.u.UserName, r.u.DisplayName, r.u.Role, r.Code, r.Name, r.u.IsDisabled, r.u.IsLockedOut(now), r.u.LastSignInUtc, r.u.CreatedBy,
            r.u.UserName != actor.UserName && AccountRules.CanCreateIn(actor, r.ScopePath, r.u.Role) is null ? ["manage"] : [])
        {
            HasTwoFactor = r.u.TwoFactorEnabledAtUtc != null,
        }).ToList();
    }
}
