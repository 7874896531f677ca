using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// The one DbContext of the application. Modules contribute their tables through <c>IEntityTypeConfiguration</c> classes in
/// their Data folders. Data scope lives here and nowhere else: a query filter on every <see cref="IScoped"/> entity and a
/// check of every write in <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
/// <c>IgnoreQueryFilters()</c> lifts the scope for the whole query it appears in, joins included: it is reserved for the
/// few national rules that must look across scopes (ENR-4 duplicates, sign-in, the audit chain) and never for a list.
/// </summary>
public sealed class TsaDbContext(
    DbContextOptions<TsaDbContext> options,
    IActorAccessor actorAccessor,
    IAuditSealer auditSealer,
    VersionPreconditions? preconditions = null) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core data-protection keys (cookies, bearer tokens, antiforgery): shared by every node and restart.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public Actor Actor => actorAccessor.Actor;

    /// <summary>Read by the query filters; EF turns it into a parameter per query.</summary>
    public string ScopePath => actorAccessor.Actor.ScopePath;

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Scope paths outside the actor's scope that a use case may write to for now, by name (<see cref="UnscopedWrites"/>).</summary>
    private readonly List<string> _grantedWritePaths = [];

    /// <summary>Lets this context write rows under <paramref name="scopePath"/> until the returned grant is disposed.</summary>
    internal IDisposable GrantWritesUnder(string scopePath)
    {
        _grantedWritePaths.Add(scopePath);
        return new WriteGrant(this, scopePath);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TsaDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(IScoped).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
            {
                continue;
            }

            // e => e.ScopePath.StartsWith(this.ScopePath)
            var e = Expression.Parameter(entityType.ClrType, "e");
            var rowPath = Expression.Property(e, nameof(IScoped.ScopePath));
            var actorPath = Expression.Property(Expression.Constant(this), nameof(ScopePath));
            var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
            var body = Expression.Call(rowPath, startsWith, actorPath);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(Expression.Lambda(body, e));
            UsePrefixOperators(entityType);
        }
    }

    /// <summary>
    /// The scope filter is a prefix test (<c>LIKE '/44/4401/%'</c>). Under a non-C collation PostgreSQL can only use a
    /// btree index for it with <c>text_pattern_ops</c>; without it every scoped list is a filtered scan, which at national
    /// size misses the 200 ms target (docs/benchmarks.md). SQLite ignores the annotation.
    /// </summary>
    private static void UsePrefixOperators(Microsoft.EntityFrameworkCore.Metadata.IMutableEntityType entityType)
    {
        foreach (var index in entityType.GetIndexes().Where(i => i.Properties[0].Name == nameof(IScoped.ScopePath)))
        {
            var operators = index.Properties.Select(p => OperatorClassOf(p.ClrType)).ToArray();
            if (operators.All(o => o is not null))
            {
                index.SetOperators(operators!);
            }
        }
    }

    private static string? OperatorClassOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "text_pattern_ops",
        var t when t == typeof(int) || t.IsEnum => "int4_ops",
        var t when t == typeof(long) => "int8_ops",
        var t when t == typeof(DateOnly) => "date_ops",
        var t when t == typeof(DateTime) => "timestamptz_ops",
        var t when t == typeof(bool) => "bool_ops",
        var t when t == typeof(Guid) => "uuid_ops",
        _ => null,
    };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<int>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // ASP.NET Core data protection stores a new key synchronously; keys are neither scoped nor audited rows.
        if (ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).All(e => e.Entity is DataProtectionKey))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        throw new InvalidOperationException("Use SaveChangesAsync: it enforces data scope and seals the audit chain.");
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        preconditions?.Apply(this);
        EnforceScopeOnWrites();
        InputGuard.CheckTrackedEntities(this);
        if (!auditSealer.HasPendingEvents(this))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await auditSealer.SealAsync(this, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        await auditSealer.SealAsync(this, cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Inserts many new rows of one scoped entity inside the caller's transaction, after the same scope check as
    /// <see cref="SaveChangesAsync(bool, CancellationToken)"/>: binary COPY on PostgreSQL through the one <see cref="BulkWriter{T}"/> (a list of
    /// thousands of lines in a fraction of the tracked insert's time), tracked inserts elsewhere. The caller records its audit event for the
    /// whole batch and commits.
    /// </summary>
    public async Task InsertManyAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class, IScoped
    {
        if (Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("InsertManyAsync writes inside the caller's transaction.");
        }

        var actorPath = ScopePath;
        if (rows.Any(r => !r.ScopePath.StartsWith(actorPath, StringComparison.Ordinal)))
        {
            throw AppException.Forbidden();
        }

        if (!IsPostgres)
        {
            AddRange(rows);
            await SaveChangesAsync(cancellationToken);
            return;
        }

        await BulkWriter<T>.For(this).WriteAsync(this, rows, cancellationToken);
    }

    private void EnforceScopeOnWrites()
    {
        var actorPath = ScopePath;
        bool Allowed(string path) =>
            path.StartsWith(actorPath, StringComparison.Ordinal) || _grantedWritePaths.Exists(g => path.StartsWith(g, StringComparison.Ordinal));

        foreach (var entry in ChangeTracker.Entries<IScoped>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var current = entry.Entity.ScopePath;
            var original = entry.State == EntityState.Added
                ? current
                : entry.OriginalValues.GetValue<string>(nameof(IScoped.ScopePath));
            if (!Allowed(current) || !Allowed(original))
            {
                throw AppException.Forbidden();
            }
        }
    }

    private sealed class WriteGrant(TsaDbContext db, string scopePath) : IDisposable
    {
        public void Dispose() => db._grantedWritePaths.Remove(scopePath);
    }
}
