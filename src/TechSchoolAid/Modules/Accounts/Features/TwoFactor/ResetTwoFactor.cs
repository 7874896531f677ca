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

namespace TechSchoolAid.Modules.Accounts.Features.TwoFactor;

/// <summary>
/// The level above resets a person's second factor (a lost or replaced phone), after checking who is asking by its own
/// means: the authenticator and recovery codes are removed, every session and token of the account ends, and the next
/// sign-in binds a new authenticator (SEC-2). Nobody resets their own.
/// </summary>
public sealed class ResetTwoFactor(TsaDbContext db, TimeProvider clock, SessionStamps stamps)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{userName}/two-factor/reset", async (string userName, ResetTwoFactor reset, CancellationToken ct) =>
        {
            await reset.HandleAsync(userName, ct);
            return TypedResults.NoContent();
        }).WithSummary("重置账号的双因素认证（手机丢失或更换；由上级管理员办理，账号的登录随即失效）")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task HandleAsync(string userName, CancellationToken ct)
    {
        var user = await AccountRules.ManageableAsync(db, userName, "不能重置自己的双因素认证，请联系上级管理员", ct);

        if (!user.HasTwoFactor && user.TotpSecretCipher is null)
        {
            throw AppException.Conflict($"账号 {user.UserName} 尚未绑定身份验证器，无需重置");
        }

        user.ResetTwoFactor();
        db.Record(AccountAuditActions.TwoFactorReset, user.UserName, user.ScopePath, new { twoFactor = true }, new { twoFactor = false }, clock);
        await db.SaveChangesAsync(ct);
        stamps.Forget(user.UserName);
    }
}
