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

internal sealed class PaymentRecoveryConfiguration : IEntityTypeConfiguration<PaymentRecovery>
{
    public void Configure(EntityTypeBuilder<PaymentRecovery> b)
    {
        b.ToTable("funds_payment_recoveries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.StudentName).HasMaxLength(50).IsRequired();
        b.Property(x => x.PeriodLabel).HasMaxLength(50).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(200).IsRequired();
        b.Property(x => x.ListedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.RecoveryNote).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsRecovered);

        // One recovery per paid line, also when two back-dated changes of the same student are approved.
        b.HasIndex(x => x.LineId).IsUnique().HasDatabaseName("ux_funds_payment_recoveries_line");
        b.HasIndex(x => new { x.ScopePath, x.RecoveredOn });
        b.HasIndex(x => new { x.RecoveredFiscalYear, x.ScopePath }).IncludeProperties(x => x.RecoveredFen);
        b.HasOne<PaymentLine>().WithMany().HasForeignKey(x => x.LineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundsVoucherConfiguration : IEntityTypeConfiguration<FundsVoucher>
{
    public void Configure(EntityTypeBuilder<FundsVoucher> b)
    {
        b.ToTable("funds_vouchers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(50).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.Note).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.BatchId);
        b.HasIndex(x => x.CompensationId);
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear });
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WaiverCompensation>().WithMany().HasForeignKey(x => x.CompensationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FundsRefundConfiguration : IEntityTypeConfiguration<FundsRefund>
{
    public void Configure(EntityTypeBuilder<FundsRefund> b)
    {
        b.ToTable("funds_refunds");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.DocumentNumber).HasMaxLength(100).IsRequired();
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.FiscalYear, x.ScopePath }).IncludeProperties(x => x.AmountFen);
        b.HasIndex(x => new { x.OrganizationId, x.FiscalYear });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FinalAccountConfiguration : IEntityTypeConfiguration<FinalAccount>
{
    public void Configure(EntityTypeBuilder<FinalAccount> b)
    {
        b.ToTable("funds_final_accounts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OrganizationName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.DrawnUpBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.FiscalYear }).IsUnique().HasDatabaseName("ux_funds_final_accounts_year");
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
