using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Kernel;

/// <summary>
/// Who is acting: the signed-in user, or the system for batch jobs. <see cref="ScopePath"/> is the path of the
/// actor's organisation in the organisation tree ("/44/4405/"); every scoped row carries the path of the organisation
/// that owns it, so "in scope" is one prefix test, evaluated in one place (the DbContext).
/// </summary>
public sealed record Actor(
    string UserName,
    string DisplayName,
    Role Role,
    string OrganizationCode,
    OrgLevel Level,
    string ScopePath,
    string? ClientAddress)
{
    /// <summary>The scope path that matches no row: used for anonymous requests so that a forgotten check fails closed.</summary>
    public const string NothingPath = "\u0001";

    public static Actor System(string reason) =>
        new($"system:{reason}", "系统", Role.SystemJob, "000000", OrgLevel.Ministry, "/", null);

    public static readonly Actor Anonymous =
        new("anonymous", "公众", Role.Anonymous, "", OrgLevel.Public, NothingPath, null);

    public bool IsAuthenticated => Role != Role.Anonymous;

    /// <summary>The account's security stamp when the cookie or token was issued; compared with the current one on every use.</summary>
    public string? SecurityStamp { get; init; }

    public bool Can(Permission permission) => Permissions.Has(Role, permission);

    public bool InScope(string scopePath) => scopePath.StartsWith(ScopePath, StringComparison.Ordinal);
}

/// <summary>Gives the actor of the current request, circuit or batch job.</summary>
public interface IActorAccessor
{
    Actor Actor { get; }
}

/// <summary>A settable accessor: the web host fills it per request or per circuit; the CLI sets the system actor.</summary>
public sealed class ActorAccessor : IActorAccessor
{
    public Actor Actor { get; set; } = Actor.Anonymous;
}
