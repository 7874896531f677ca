using Microsoft.EntityFrameworkCore;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// The one way past the data-scope filter (ADR 0002). Every query that must read outside the actor's scope — the public
/// certificate lookup, the receiving school of a transfer, the audit chain's predecessor, sign-in — goes through
/// <see cref="Unscoped{T}"/> and names why; the architecture test lists its callers and fails on a new one that is not
/// added to that list on purpose (tests/TechSchoolAid.Tests/Architecture).
/// </summary>
public static class UnscopedReads
{
    /// <summary>All rows of <typeparamref name="T"/>, whatever the actor's scope. <paramref name="why"/> says why this read may cross it.</summary>
    public static IQueryable<T> Unscoped<T>(this TsaDbContext db, string why)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return db.Set<T>().IgnoreQueryFilters();
    }

    /// <summary>The same for a query already started (a navigation or a set of another context).</summary>
    public static IQueryable<T> Unscoped<T>(this IQueryable<T> query, string why)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return query.IgnoreQueryFilters();
    }
}

/// <summary>
/// The one way to write outside the actor's scope while keeping the actor: a transfer writes the other school's rows
/// (its side of the transfer, the continued record) in the name of the human who acted, whose rights on the transfer were
/// checked first. The grant covers one scope path, names why, and ends when disposed; no code sets the actor to the system
/// to get past the scope (docs/adr/0017-module-shape-and-access-rules.md).
/// </summary>
public static class UnscopedWrites
{
    /// <summary>Lets <paramref name="db"/> write rows under <paramref name="scopePath"/> until the grant is disposed.</summary>
    public static IDisposable WritesUnscoped(this TsaDbContext db, string scopePath, string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scopePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        return db.GrantWritesUnder(scopePath);
    }
}
