using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Funds.Data;

internal sealed class PerformanceTargetConfiguration : IEntityTypeConfiguration<PerformanceTarget>
{
    public void Configure(EntityTypeBuilder<PerformanceTarget> b)
    {
        b.ToTable("funds_performance_targets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SetBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear }).IsUnique().HasDatabaseName("ux_funds_performance_targets_year");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PerformanceSelfEvaluationConfiguration : IEntityTypeConfiguration<PerformanceSelfEvaluation>
{
    public void Configure(EntityTypeBuilder<PerformanceSelfEvaluation> b)
    {
        b.ToTable("funds_self_evaluations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Notes).HasMaxLength(PerformanceSelfEvaluation.MaxNotesLength).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear }).IsUnique().HasDatabaseName("ux_funds_self_evaluations_year");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
