using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

/// <summary>An organisation the caller may open accounts in, with the roles it may give there.</summary>
public sealed record AccountTarget(string Code, string Name, OrgLevel Level, bool IsOwn, IReadOnlyList<Role> Roles);

/// <summary>The organisations the caller may open accounts in (its own, for staff roles, and its direct subordinates), with the roles each may get.</summary>
public sealed class ListAccountTargets(TsaDbContext db)
{
    public async Task<IReadOnlyList<AccountTarget>> HandleAsync(CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(AccountAccess.Create))
        {
            return [];
        }

        var roles = Enum.GetValues<Role>().Where(r => r is not (Role.Anonymous or Role.SystemJob)).ToList();
        var orgs = await db.Organizations().Where(o => o.ScopePath.StartsWith(actor.ScopePath)).OrderBy(o => o.Code).ToListAsync(ct);
        return orgs
            .Select(o => new AccountTarget(o.Code, o.Name, o.Level, o.ScopePath == actor.ScopePath,
                roles.Where(r => Permissions.LevelOf(r) == o.Level && AccountRules.CanCreateIn(actor, o.ScopePath, r) is null).ToList()))
            .Where(t => t.Roles.Count > 0)
            .ToList();
    }
}
