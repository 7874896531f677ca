using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Data;

internal sealed class YearlyReportSubmissionConfiguration : IEntityTypeConfiguration<YearlyReportSubmission>
{
    public void Configure(EntityTypeBuilder<YearlyReportSubmission> b)
    {
        b.ToTable("report_submissions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ProvinceCode).HasMaxLength(8).IsRequired();
        b.Property(x => x.ProvinceName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.ReturnedBy).HasMaxLength(64);
        b.Property(x => x.ReturnReason).HasMaxLength(YearlyReportSubmission.MaxReasonLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.Year }).IsUnique().HasDatabaseName("ux_report_submissions_year");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class YearlyReportDeadlineConfiguration : IEntityTypeConfiguration<YearlyReportDeadline>
{
    public void Configure(EntityTypeBuilder<YearlyReportDeadline> b)
    {
        b.ToTable("report_deadlines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(YearlyReportDeadline.MaxSourceLength).IsRequired();
        b.Property(x => x.SetBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Year).IsUnique().HasDatabaseName("ux_report_deadlines_year");
    }
}

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    public void Configure(EntityTypeBuilder<DataRequest> b)
    {
        b.ToTable("data_requests");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Title).HasMaxLength(DataRequest.MaxTitleLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(DataRequest.MaxDescriptionLength).IsRequired();
        b.Property(x => x.FieldsJson).HasMaxLength(4000).IsRequired();
        b.Property(x => x.CreatedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.ClosedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.DueOn);
    }
}

internal sealed class DataRequestRecipientConfiguration : IEntityTypeConfiguration<DataRequestRecipient>
{
    public void Configure(EntityTypeBuilder<DataRequestRecipient> b)
    {
        b.ToTable("data_request_recipients");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ProvinceCode).HasMaxLength(8).IsRequired();
        b.Property(x => x.ProvinceName).HasMaxLength(100).IsRequired();
        b.Property(x => x.AnsweredBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.Answered);
        b.HasIndex(x => new { x.RequestId, x.ScopePath }).IsUnique().HasDatabaseName("ux_data_request_recipients");
        b.HasOne<DataRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DataRequestFileConfiguration : IEntityTypeConfiguration<DataRequestFile>
{
    public void Configure(EntityTypeBuilder<DataRequestFile> b)
    {
        b.ToTable("data_request_files");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Field).HasMaxLength(DataRequest.MaxFieldNameLength).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(50).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.RecipientId, x.Field });
        b.HasOne<DataRequestRecipient>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
