using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider (scripts/generate-migrations).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TsaDbContext>
{
    public TsaDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TsaDbContext>();
        ServiceRegistration.Configure(builder, DatabaseProvider.Postgres, "Host=localhost;Database=design", AppContext.BaseDirectory);
        return new TsaDbContext(builder.Options, new ActorAccessor { Actor = Actor.System("design") }, AuditModule.DesignTimeSealer);
    }
}
