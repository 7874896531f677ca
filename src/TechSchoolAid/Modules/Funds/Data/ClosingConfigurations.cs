using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Funds.Data;

internal sealed class FundsYearConfiguration : IEntityTypeConfiguration<FundsYear>
{
    public void Configure(EntityTypeBuilder<FundsYear> b)
    {
        b.ToTable("funds_years");
        b.HasKey(y => y.Id);
        b.Property(y => y.Id).ValueGeneratedNever();
        b.Property(y => y.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(y => y.ClosedBy).HasMaxLength(64);
        b.Property(y => y.ReopenedBy).HasMaxLength(64);
        b.Property(y => y.ReopenReason).HasMaxLength(500);
        b.Property(y => y.Version).IsConcurrencyToken();
        b.HasIndex(y => new { y.OrganizationId, y.FiscalYear }).IsUnique();
        b.HasIndex(y => new { y.ScopePath, y.FiscalYear });
        b.HasOne<Organization>().WithMany().HasForeignKey(y => y.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
