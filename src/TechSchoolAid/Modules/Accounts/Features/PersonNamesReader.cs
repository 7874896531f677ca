using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Accounts.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Accounts.Features;

/// <summary>
/// <see cref="IPersonNames"/> over the accounts table: one query per call, names and organisations only (ADR 0027).
/// </summary>
internal sealed class PersonNamesReader(TsaDbContext db) : IPersonNames
{
    private const string Why = "who acted on a record the caller sees is part of that record (谁采集、谁报送、谁审核); only the name and organisation are read";

    public async Task<IReadOnlyDictionary<string, NamedPerson>> ResolveAsync(IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count > IPersonNames.MaxNamesPerCall)
        {
            throw new ArgumentOutOfRangeException(nameof(userNames), wanted.Count, $"At most {IPersonNames.MaxNamesPerCall} names per call.");
        }

        var result = new Dictionary<string, NamedPerson>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return result;
        }

        var found = await (from u in db.Unscoped<UserAccount>(Why).AsNoTracking()
                           join o in db.AllOrganizations() on u.OrganizationId equals o.Id
                           where wanted.Contains(u.UserName)
                           select new NamedPerson(u.UserName, u.DisplayName, o.Name)).ToListAsync(ct);
        foreach (var p in found)
        {
            result[p.UserName] = p;
        }

        foreach (var name in wanted.Where(n => !result.ContainsKey(n)))
        {
            result[name] = NamedPerson.Unknown(name);
        }

        return result;
    }

    public async Task<IReadOnlyList<string>> FindUserNamesAsync(string text, int max, CancellationToken ct)
    {
        var term = text.Trim();
        if (term.Length == 0 || max <= 0)
        {
            return [];
        }

        return await db.Unscoped<UserAccount>(Why).AsNoTracking()
            .Where(u => u.DisplayName.Contains(term) || u.UserName.Contains(term))
            .OrderBy(u => u.UserName)
            .Select(u => u.UserName)
            .Take(max)
            .ToListAsync(ct);
    }
}
