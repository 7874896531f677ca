using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Data;

internal sealed class StudentImportBatchConfiguration : IEntityTypeConfiguration<StudentImportBatch>
{
    public void Configure(EntityTypeBuilder<StudentImportBatch> b)
    {
        b.ToTable("student_import_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FileSha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ImportedBy).HasMaxLength(64).IsRequired();
        // Two runs of the same file cannot both commit the same batch.
        b.HasIndex(x => new { x.FileSha256, x.SchoolCode, x.FirstRow, x.LastRow }).IsUnique();
        b.HasIndex(x => new { x.ScopePath, x.ImportedAtUtc });
    }
}
