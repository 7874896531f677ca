using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Audit.Domain;

namespace TechSchoolAid.Modules.Audit.Data;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => e.Sequence).IsUnique();
        b.Property(e => e.ActorUserName).HasMaxLength(64).IsRequired();
        b.Property(e => e.ActorOrganizationCode).HasMaxLength(20).IsRequired();
        b.Property(e => e.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(e => e.SubjectType).HasMaxLength(40).IsRequired();
        b.Property(e => e.SubjectId).HasMaxLength(64).IsRequired();
        b.Property(e => e.Action).HasMaxLength(60).IsRequired();
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        b.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        b.Property(e => e.HashAlgorithm).HasMaxLength(16).IsRequired();
        b.HasIndex(e => new { e.ScopePath, e.Sequence });
        b.HasIndex(e => new { e.SubjectType, e.SubjectId });
        b.HasIndex(e => e.OccurredAtUtc);

        // The audit page's filters (issue 13, item 9): by person, by action and by subject, newest first.
        b.HasIndex(e => new { e.ActorUserName, e.Sequence });
        b.HasIndex(e => new { e.Action, e.Sequence });
        b.HasIndex(e => new { e.SubjectId, e.Sequence });
    }
}
