using System.Globalization;
using System.Security.Claims;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Web.Hosting;

/// <summary>The actor travels in the cookie or bearer token as claims; this turns one into the other.</summary>
public static class ActorClaims
{
    public const string OrgCode = "tsa:org";
    public const string OrgLevel = "tsa:level";
    public const string Scope = "tsa:scope";
    public const string DisplayName = "tsa:display";
    public const string Stamp = "tsa:stamp";

    public static ClaimsPrincipal ToPrincipal(Actor actor, string scheme) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, actor.UserName),
            new Claim(ClaimTypes.Role, actor.Role.ToString()),
            new Claim(OrgCode, actor.OrganizationCode),
            new Claim(OrgLevel, ((int)actor.Level).ToString(CultureInfo.InvariantCulture)),
            new Claim(Scope, actor.ScopePath),
            new Claim(DisplayName, actor.DisplayName),
            new Claim(Stamp, actor.SecurityStamp ?? ""),
        ],
        scheme));

    public static Actor ToActor(ClaimsPrincipal? user, string? clientAddress)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role)
            || user.FindFirstValue(Scope) is not { Length: > 0 } scope)
        {
            return Actor.Anonymous with { ClientAddress = clientAddress };
        }

        var level = int.TryParse(user.FindFirstValue(OrgLevel), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (Kernel.Security.OrgLevel)l : Kernel.Security.OrgLevel.Public;
        return new Actor(
            user.Identity!.Name ?? "",
            user.FindFirstValue(DisplayName) ?? "",
            role,
            user.FindFirstValue(OrgCode) ?? "",
            level,
            scope,
            clientAddress)
        {
            SecurityStamp = user.FindFirstValue(Stamp),
        };
    }
}
