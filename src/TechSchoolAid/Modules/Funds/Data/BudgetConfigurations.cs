using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Funds.Data;

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.ToTable("funds_allocations");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.FromScopePath).HasMaxLength(100).IsRequired();
        b.Property(a => a.ToName).HasMaxLength(100).IsRequired();
        b.Property(a => a.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(a => a.DocumentNumber).HasMaxLength(100).IsRequired();
        b.Property(a => a.ReceivedBy).HasMaxLength(64);
        b.Property(a => a.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.ScopePath, a.FiscalYear, a.Item });
        b.HasIndex(a => new { a.FromScopePath, a.FiscalYear });
        b.HasIndex(a => a.ParentId);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.ToOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Allocation>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
