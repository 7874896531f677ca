namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// A row owned by one organisation. <see cref="ScopePath"/> is the owning organisation's path; the DbContext filters every
/// query and checks every write against the actor's path, so no feature can forget the data scope (ORG-4).
/// </summary>
public interface IScoped
{
    string ScopePath { get; }
}

/// <summary>Seals audit events (hash chain) inside the transaction of the change they record.</summary>
public interface IAuditSealer
{
    bool HasPendingEvents(TsaDbContext db);

    Task SealAsync(TsaDbContext db, CancellationToken cancellationToken);
}
