using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.HasKey(o => o.Id);
        b.Property(o => o.Code).HasMaxLength(20).IsRequired();
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Name).HasMaxLength(100).IsRequired();
        b.Property(o => o.ScopePath).HasMaxLength(100).IsRequired();
        b.HasIndex(o => o.ScopePath);
        b.HasIndex(o => new { o.Level, o.ScopePath });
        b.Property(o => o.ProvinceCode).HasMaxLength(2);
        b.Property(o => o.CityCode).HasMaxLength(4);
        b.Property(o => o.Address).HasMaxLength(200);
        b.Property(o => o.Principal).HasMaxLength(50);
        b.Property(o => o.AidOfficeContact).HasMaxLength(50);
        b.Property(o => o.AidOfficePhone).HasMaxLength(30);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.SupervisorCode);
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

