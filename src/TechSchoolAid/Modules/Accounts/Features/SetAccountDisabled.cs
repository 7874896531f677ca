using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

public sealed record SetDisabledRequest(bool Disabled);

/// <summary>An administrator disables or enables (and so unlocks) an account it may manage; the account's sessions end.</summary>
public sealed class SetAccountDisabled(TsaDbContext db, TimeProvider clock, SessionStamps stamps)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/{userName}/disabled", async (string userName, SetDisabledRequest r, SetAccountDisabled s, CancellationToken ct) =>
        {
            await s.HandleAsync(userName, r.Disabled, ct);
            return TypedResults.NoContent();
        }).WithSummary("停用或启用账号");

    public async Task HandleAsync(string userName, bool disabled, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(AccountAccess.Manage);

        var user = await db.Set<UserAccount>().FirstOrDefaultAsync(u => u.UserName == userName, ct)
            ?? throw AppException.NotFound("账号");
        var org = await db.AllOrganizations().FirstAsync(o => o.Id == user.OrganizationId, ct);
        var problem = AccountRules.CanCreateIn(actor, org, user.Role);
        if (problem is not null || user.UserName == actor.UserName)
        {
            throw AppException.Forbidden(user.UserName == actor.UserName ? "不能停用自己的账号" : problem!);
        }

        if (disabled)
        {
            user.Disable();
        }
        else
        {
            user.Enable();
        }

        db.Record(disabled ? AccountAuditActions.Disabled : AccountAuditActions.Enabled, user.UserName, user.ScopePath, new { disabled = !disabled }, new { disabled }, clock);
        await db.SaveChangesAsync(ct);
        stamps.Forget(user.UserName);
    }
}
