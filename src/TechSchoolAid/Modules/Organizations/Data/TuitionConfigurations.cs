using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Data;

internal sealed class SchoolTuitionConfiguration : IEntityTypeConfiguration<SchoolTuition>
{
    public void Configure(EntityTypeBuilder<SchoolTuition> b)
    {
        b.ToTable("school_tuitions");
        b.HasKey(t => t.Id);
        b.Property(t => t.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(t => t.Major).HasMaxLength(60);
        b.Property(t => t.DocumentNumber).HasMaxLength(100).IsRequired();
        b.Property(t => t.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.SchoolId, t.ValidFrom });
        b.HasIndex(t => t.ScopePath);
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComparableTuitionConfiguration : IEntityTypeConfiguration<ComparableTuition>
{
    public void Configure(EntityTypeBuilder<ComparableTuition> b)
    {
        b.ToTable("comparable_tuitions");
        b.HasKey(t => t.Id);
        b.Property(t => t.ProvinceCode).HasMaxLength(2).IsRequired();
        b.Property(t => t.CityCode).HasMaxLength(4);
        b.Property(t => t.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(t => t.Major).HasMaxLength(60);
        b.Property(t => t.DocumentNumber).HasMaxLength(100).IsRequired();
        b.Property(t => t.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.ProvinceCode, t.Kind, t.ValidFrom });
        b.HasIndex(t => t.ScopePath);
    }
}
