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
