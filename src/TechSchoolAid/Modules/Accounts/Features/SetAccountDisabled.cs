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
        var user = await AccountRules.ManageableAsync(db, userName, "不能停用自己的账号", ct);

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
