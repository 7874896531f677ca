using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Security;

/// <summary>How the actor's organisation must stand to the record's organisation (both as scope paths).</summary>
public enum Relation
{
    /// <summary>The record lies in the actor's scope (the actor's path is a prefix of the record's). The DbContext's filter already ensures it for reads.</summary>
    InScope,

    /// <summary>The record belongs to the actor's own organisation (a school acting for itself).</summary>
    OwnOrganization,

    /// <summary>The actor's organisation is the record's direct supervisor: the parent path (the city for 市管, the province for 省管).</summary>
    DirectSupervisor,
}

/// <summary>
/// One authorization rule: a permission (the role half, checked on the endpoint and again here), the levels of
/// organisation that may use it, and the relationship to the record (the data half). Every module declares its rules
/// once, in its <c>*Access</c> class, and every handler, query, page and to-do list evaluates them through
/// <see cref="Access"/>; nothing else decides who may do what (docs/adr/0017-module-shape-and-access-rules.md).
/// </summary>
/// <param name="Name">The action's name as the API and pages know it ("approve", "return"), listed in detail views' <c>actions</c>.</param>
/// <param name="Permission">The permission the role must hold.</param>
/// <param name="Relation">How the actor's organisation must stand to the record's.</param>
/// <param name="Denied">The Chinese answer when the rule refuses, naming who may do it.</param>
/// <param name="Levels">The levels of organisation that may act; empty means every level that holds the permission.</param>
public sealed record AccessRule(string Name, Permission Permission, Relation Relation, string Denied, params OrgLevel[] Levels)
{
    /// <summary>Whether the scheduler's system actor passes this rule (it runs national jobs for every organisation).</summary>
    public bool SystemMayAct { get; init; }

    /// <summary>The role half: the permission and the level, without looking at any record.</summary>
    public bool AllowsRole(Actor actor) =>
        actor.Can(Permission) && (IsSystem(actor) ? SystemMayAct : Levels.Length == 0 || Levels.Contains(actor.Level));

    /// <summary>The whole rule: the role half and the relationship to the record whose scope path is given.</summary>
    public bool Allows(Actor actor, string recordPath) =>
        AllowsRole(actor) && (IsSystem(actor) || Relation switch
        {
            Relation.InScope => actor.InScope(recordPath),
            Relation.OwnOrganization => string.Equals(actor.ScopePath, recordPath, StringComparison.Ordinal),
            Relation.DirectSupervisor => string.Equals(ScopePaths.ParentOf(recordPath), actor.ScopePath, StringComparison.Ordinal),
            _ => false,
        });

    private static bool IsSystem(Actor actor) => actor.Role == Role.SystemJob;
}

/// <summary>The one place that evaluates <see cref="AccessRule"/>s.</summary>
public static class Access
{
    /// <summary>Whether the actor may take the action, on a record (its scope path) or, without one, at all.</summary>
    public static bool May(this Actor actor, AccessRule rule, string? recordPath = null) =>
        recordPath is null ? rule.AllowsRole(actor) : rule.Allows(actor, recordPath);

    /// <summary>Refuses with 403 and the rule's Chinese answer unless the actor may take the action.</summary>
    public static void Demand(this Actor actor, AccessRule rule, string? recordPath = null)
    {
        if (!actor.May(rule, recordPath))
        {
            throw AppException.Forbidden(rule.Denied);
        }
    }

    /// <summary>The names of the actions the actor may take on a record: detail views carry them so pages never recompute a rule.</summary>
    public static IReadOnlyList<string> ActionsOn(this Actor actor, string recordPath, params ReadOnlySpan<AccessRule> rules)
    {
        var names = new List<string>(rules.Length);
        foreach (var rule in rules)
        {
            if (rule.Allows(actor, recordPath) && !names.Contains(rule.Name))
            {
                names.Add(rule.Name);
            }
        }

        return names;
    }

    /// <summary>The role half on an endpoint: the rule's permission as the authorization policy (one policy per permission).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, AccessRule rule)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(rule.Permission.ToString());

    /// <summary>
    /// For the few endpoints every signed-in user may call (who am I, my to-do list, the calendar, the organisation tree
    /// of the caller's scope): says so on purpose, so that the test of every endpoint can tell it from a forgotten rule.
    /// </summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().WithMetadata(AnySignedInUser.Instance);

    /// <summary>The role half on an endpoint or group, by permission, where no single rule applies (a list readable by several roles).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission.ToString());
}

/// <summary>Endpoint metadata: any signed-in user may call this endpoint, by design (see <see cref="Access.RequireSignedIn{TBuilder}"/>).</summary>
public sealed class AnySignedInUser
{
    public static readonly AnySignedInUser Instance = new();

    private AnySignedInUser()
    {
    }
}
