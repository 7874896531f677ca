using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Funds.Data;

internal sealed class BankCardConfiguration : IEntityTypeConfiguration<BankCard>
{
    public void Configure(EntityTypeBuilder<BankCard> b)
    {
        b.ToTable("funds_bank_cards");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(c => c.NumberCipher).IsRequired();
        b.Property(c => c.NumberMasked).HasMaxLength(40).IsRequired();
        b.Property(c => c.NumberKey).HasMaxLength(64).IsRequired();
        b.Property(c => c.HolderName).HasMaxLength(50).IsRequired();
        b.Property(c => c.BankName).HasMaxLength(100).IsRequired();
        b.Property(c => c.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();

        // One current card per student.
        b.HasIndex(c => c.StudentId).IsUnique().HasFilter("\"IsCurrent\"").HasDatabaseName("ux_funds_bank_cards_current");
        b.HasIndex(c => new { c.ScopePath, c.IsCurrent });
        b.HasIndex(c => c.NumberKey);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(c => c.StudentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> b)
    {
        b.ToTable("funds_payment_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SchoolCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.PeriodLabel).HasMaxLength(50).IsRequired();
        b.Property(x => x.BuiltBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.ExportedBy).HasMaxLength(64);
        b.Property(x => x.ReturnImportedBy).HasMaxLength(64);
        b.Property(x => x.ExcludedJson).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Term);

        // One regular batch per school, item and period, also under concurrent builders: building twice pays nobody twice.
        b.HasIndex(x => new { x.SchoolId, x.Item, x.PeriodStart }).IsUnique().HasFilter("NOT \"IsRepayment\"")
            .HasDatabaseName("ux_funds_payment_batches_period");
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear, x.PeriodStart });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentLineConfiguration : IEntityTypeConfiguration<PaymentLine>
{
    public void Configure(EntityTypeBuilder<PaymentLine> b)
    {
        b.ToTable("funds_payment_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Reference).HasMaxLength(40).IsRequired();
        b.Property(x => x.StudentName).HasMaxLength(50).IsRequired();
        b.Property(x => x.CardMasked).HasMaxLength(40).IsRequired();
        b.Property(x => x.HolderName).HasMaxLength(50).IsRequired();
        b.Property(x => x.Basis).HasMaxLength(300).IsRequired();
        b.Property(x => x.BankReason).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();

        b.HasIndex(x => x.Reference).IsUnique();
        // A student is paid at most once per approved line and period: among the lines waiting for the bank or paid.
        b.HasIndex(x => new { x.AidEntryId, x.PeriodStart }).IsUnique().HasFilter("\"State\" IN (1, 2)")
            .HasDatabaseName("ux_funds_payment_lines_once_per_period");
        b.HasIndex(x => new { x.BatchId, x.State });
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear, x.State });
        b.HasIndex(x => new { x.StudentId, x.PeriodStart });
        // The final accounts sum the paid lines of a year by province from this index alone (an index-only scan on
        // PostgreSQL), without touching the rows of a national year.
        b.HasIndex(x => new { x.FiscalYear, x.State, x.ScopePath }).IncludeProperties(x => x.AmountFen).HasDatabaseName("ix_funds_payment_lines_accounts");
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StudentRecord>().WithMany().HasForeignKey(x => x.StudentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BankCard>().WithMany().HasForeignKey(x => x.CardId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WaiverCompensationConfiguration : IEntityTypeConfiguration<WaiverCompensation>
{
    public void Configure(EntityTypeBuilder<WaiverCompensation> b)
    {
        b.ToTable("funds_waiver_compensations");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.ReceivedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.SchoolId, x.SchoolYear, x.Semester }).IsUnique();
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear });
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentRuleConfiguration : IEntityTypeConfiguration<PaymentRule>
{
    public void Configure(EntityTypeBuilder<PaymentRule> b)
    {
        b.ToTable("funds_payment_rules");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProvinceCode).HasMaxLength(10).IsRequired();
        b.Property(x => x.SetBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();

        // One rule per province and starting date: a second one for the same day is a correction of the first.
        b.HasIndex(x => new { x.ProvinceCode, x.EffectiveFrom }).IsUnique().HasDatabaseName("ux_funds_payment_rules_from");
    }
}

internal sealed class PaymentReturnFileConfiguration : IEntityTypeConfiguration<PaymentReturnFile>
{
    public void Configure(EntityTypeBuilder<PaymentReturnFile> b)
    {
        b.ToTable("funds_payment_return_files");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.ImportedBy).HasMaxLength(64).IsRequired();

        // One return file per batch, also under concurrent imports.
        b.HasIndex(x => x.BatchId).IsUnique().HasDatabaseName("ux_funds_payment_return_files_batch");
        b.HasIndex(x => new { x.ScopePath, x.FiscalYear });
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}
