using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Data;

/// <summary>National reference data: not scoped, every organisation reads the same catalogue.</summary>
internal sealed class MajorCatalogueEditionConfiguration : IEntityTypeConfiguration<MajorCatalogueEdition>
{
    public const string NameIndex = "ux_major_catalogue_editions_name";

    public void Configure(EntityTypeBuilder<MajorCatalogueEdition> b)
    {
        b.ToTable("major_catalogue_editions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Name).HasMaxLength(MajorCatalogueEdition.MaxNameLength).IsRequired();
        b.Property(e => e.Source).HasMaxLength(MajorCatalogueEdition.MaxSourceLength).IsRequired();
        b.Property(e => e.LoadedBy).HasMaxLength(100).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.Name).IsUnique().HasDatabaseName(NameIndex);
        b.HasIndex(e => e.EffectiveFrom);
    }
}

internal sealed class MajorCatalogueEntryConfiguration : IEntityTypeConfiguration<MajorCatalogueEntry>
{
    public void Configure(EntityTypeBuilder<MajorCatalogueEntry> b)
    {
        b.ToTable("major_catalogue_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Code).HasMaxLength(MajorCatalogueEntry.MaxCodeLength).IsRequired();
        b.Property(e => e.Name).HasMaxLength(MajorCatalogueEntry.MaxNameLength).IsRequired();
        b.Property(e => e.Category).HasMaxLength(MajorCatalogueEntry.MaxCategoryLength).IsRequired();
        b.HasOne<MajorCatalogueEdition>().WithMany().HasForeignKey(e => e.EditionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.EditionId, e.Code }).IsUnique();
        b.HasIndex(e => new { e.EditionId, e.Name });
    }
}
