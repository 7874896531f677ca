using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// Optimistic concurrency (docs/adr/0015): the versions a caller says it last saw — an API client's <c>If-Match</c>, or
/// the version an interactive page displayed. <see cref="TsaDbContext"/> writes the saved entity's concurrency token
/// with this version as its expected original value, so the UPDATE's <c>WHERE "Version" = @seen</c> refuses a stale
/// edit atomically even when another writer commits between this request's read and its write. One scoped instance per
/// request or circuit; a page wraps each operation in <c>using (preconditions.Expect…)</c>.
/// </summary>
public sealed class VersionPreconditions
{
    public const string StaleMessage = "该记录已被他人修改，您看到的是旧版本。请刷新页面查看最新内容后再操作。";

    private readonly List<Expectation> _expected = [];

    /// <summary>The caller saw version <paramref name="version"/> of the <typeparamref name="T"/> with key <paramref name="key"/>.</summary>
    public IDisposable Expect<T>(object key, long version)
        where T : class
    {
        var expectation = new Expectation(typeof(T), key, version);
        _expected.Add(expectation);
        return new Release(() => _expected.Remove(expectation));
    }

    internal IReadOnlyList<Expectation> Expected => _expected;

    internal sealed record Expectation(Type EntityType, object Key, long Version);

    /// <summary>The one concurrency token of an entity type (every versioned entity has exactly one), or null.</summary>
    public static IProperty? TokenOf(IEntityType entityType) =>
        entityType.GetProperties().SingleOrDefault(p => p.IsConcurrencyToken && (p.ClrType == typeof(int) || p.ClrType == typeof(long)));

    /// <summary>
    /// Before SaveChanges: a versioned entity the caller saw must still be at that version; its token is then raised
    /// (if the domain method did not already) so the resource's ETag changes with every edit or decision.
    /// </summary>
    internal void Apply(DbContext db)
    {
        // ToList: an expectation is spent by the first save that writes its entity; a handler that saves twice (a
        // transfer completing its counterpart) must not have its own second write refused as stale.
        foreach (var e in _expected.ToList())
        {
            var entityType = db.Model.FindEntityType(e.EntityType);
            var token = entityType is null ? null : TokenOf(entityType);
            if (token is null)
            {
                continue;
            }

            var entry = db.ChangeTracker.Entries().FirstOrDefault(x => x.Metadata == entityType && KeyEquals(x, e.Key));
            if (entry is null || entry.State is EntityState.Added or EntityState.Detached or EntityState.Deleted)
            {
                continue;
            }

            var property = entry.Property(token.Name);
            var seen = Convert.ChangeType(e.Version, token.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            var loaded = Convert.ToInt64(property.OriginalValue, System.Globalization.CultureInfo.InvariantCulture);
            if (loaded != e.Version)
            {
                throw new AppException(ErrorKind.Conflict, StaleMessage);
            }

            if (Equals(property.CurrentValue, property.OriginalValue))
            {
                property.CurrentValue = Convert.ChangeType(loaded + 1, token.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            }

            property.OriginalValue = seen;
            property.IsModified = true;
            _expected.Remove(e);
        }
    }

    private static bool KeyEquals(EntityEntry entry, object key)
    {
        var pk = entry.Metadata.FindPrimaryKey();
        return pk is { Properties.Count: 1 } && Equals(entry.Property(pk.Properties[0].Name).CurrentValue, key);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
