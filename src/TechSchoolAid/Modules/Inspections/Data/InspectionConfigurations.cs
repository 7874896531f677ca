using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Inspections.Data;

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    private const string Notice = "人社厅函〔2024〕53号";

    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("inspection_checklist_items");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.Area).HasMaxLength(40).IsRequired();
        b.Property(x => x.Text).HasMaxLength(300).IsRequired();
        b.Property(x => x.Source).HasMaxLength(200).IsRequired();

        // The national checklist: the notice's 一 (学籍), 二 (资助) and 三(一)–(三) (规范化建设, 核查, 宣传), as INS-1/INS-2 list them.
        b.HasData(
            new ChecklistItem("registration-on-time", 10, "学籍管理", "新生学籍按时注册（春季4月30日、秋季10月31日前），现场点名核验", $"{Notice} 一(一)"),
            new ChecklistItem("status-changes-on-time", 20, "学籍管理", "学籍异动自发生之日起10个工作日内在系统中办理", $"{Notice} 一(二)"),
            new ChecklistItem("no-hanging-records", 30, "学籍管理", "全日制学生人籍一致，无长期空挂学籍", $"{Notice} 一(二)"),
            new ChecklistItem("graduation", 40, "学籍管理", "毕业手续及时办理，数据及时上传", $"{Notice} 一(三)"),
            new ChecklistItem("hardship-procedure", 50, "精准资助", "家庭经济困难学生认定程序规范（申请、评议、认定、复核）", $"{Notice} 二(一)；教财〔2018〕16号"),
            new ChecklistItem("publication", 60, "精准资助", "资助名单按规定公示，公示期满后上报", $"{Notice} 二(二)"),
            new ChecklistItem("approval-deadline", 70, "精准资助", "资助申报与审批在规定时限内完成", $"{Notice} 二(二)"),
            new ChecklistItem("paid-to-card", 80, "资金管理", "助学金通过银行卡发放到学生本人，凭证分年度建档备查", $"{Notice} 二(四)"),
            new ChecklistItem("crosscheck-handled", 90, "资金管理", "教育部比对疑似重复资助及时核实处理", $"{Notice} 二(三)"),
            new ChecklistItem("aid-rules", 100, "规范化建设", "学校学生资助规章制度健全", $"{Notice} 三(一)"),
            new ChecklistItem("aid-staff", 110, "规范化建设", "配齐学生资助工作人员", $"{Notice} 三(一)"),
            new ChecklistItem("training", 120, "规范化建设", "资助工作人员参加政策业务培训", $"{Notice} 三(一)"),
            new ChecklistItem("brochure", 130, "政策宣传", "招生简章全面、完整、准确介绍资助政策", $"{Notice} 三(三)"),
            new ChecklistItem("hotline", 140, "政策宣传", "公开资助政策咨询和监督举报电话", $"{Notice} 三(三)"));
    }
}

internal sealed class InspectionPolicyConfiguration : IEntityTypeConfiguration<InspectionPolicy>
{
    public void Configure(EntityTypeBuilder<InspectionPolicy> b)
    {
        b.ToTable("inspection_policies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(InspectionPolicy.MaxSourceLength).IsRequired();
        b.Property(x => x.SetBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.ValidFrom).IsUnique().HasDatabaseName("ux_inspection_policies_valid_from");

        // 人社厅函〔2024〕53号 三(二): 省管院校当年全覆盖, 市管院校当年三分之一以上, 争取三年全覆盖. The rectification period
        // of 20 working days is this product's default (the notice sets none); the ministry edits it like the rest.
        b.HasData(new InspectionPolicy(1, new DateOnly(2024, 1, 1), 1, 3, 3, 10, 20,
            "人社厅函〔2024〕53号 三(二)：对省管院校的实地核查当年应全覆盖，对市管院校的抽查当年应完成三分之一以上，争取三年全覆盖；整改期限20个工作日为系统默认值",
            "system", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }
}

internal sealed class InspectionRiskWeightConfiguration : IEntityTypeConfiguration<InspectionRiskWeight>
{
    public void Configure(EntityTypeBuilder<InspectionRiskWeight> b)
    {
        b.ToTable("inspection_risk_weights");
        b.HasKey(x => new { x.PolicyId, x.Factor });
        b.Property(x => x.Factor).HasMaxLength(40);
        b.HasOne<InspectionPolicy>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.Cascade);
        b.HasData(
            new InspectionRiskWeight(1, "crosscheck-open", 2),
            new InspectionRiskWeight(1, "crosscheck-overdue", 5),
            new InspectionRiskWeight(1, "late-status-changes", 2),
            new InspectionRiskWeight(1, "hanging-records", 3),
            new InspectionRiskWeight(1, "funding-gap", 1),
            new InspectionRiskWeight(1, "late-approvals", 2),
            new InspectionRiskWeight(1, "complaints", 3));
    }
}

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> b)
    {
        b.ToTable("inspection_plans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProvinceCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ProposedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.ConfirmedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ScopePath, x.Year }).IsUnique().HasDatabaseName("ux_inspection_plans_year");
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Acknowledgements).WithOne().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Acknowledgements).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PlanEntryConfiguration : IEntityTypeConfiguration<PlanEntry>
{
    public void Configure(EntityTypeBuilder<PlanEntry> b)
    {
        b.ToTable("inspection_plan_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SchoolCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.RiskDetail).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Note).HasMaxLength(InspectionPlan.MaxReasonLength);
        b.HasIndex(x => new { x.PlanId, x.SchoolCode }).IsUnique().HasDatabaseName("ux_inspection_plan_entries_school");
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanAcknowledgementConfiguration : IEntityTypeConfiguration<PlanAcknowledgement>
{
    public void Configure(EntityTypeBuilder<PlanAcknowledgement> b)
    {
        b.ToTable("inspection_plan_acknowledgements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.BreachKey).HasMaxLength(60).IsRequired();
        b.Property(x => x.Breach).HasMaxLength(300).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(InspectionPlan.MaxReasonLength).IsRequired();
    }
}

internal sealed class SelfInspectionConfiguration : IEntityTypeConfiguration<SelfInspection>
{
    public void Configure(EntityTypeBuilder<SelfInspection> b)
    {
        b.ToTable("inspection_self_inspections");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SchoolCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.SchoolId, x.Year }).IsUnique().HasDatabaseName("ux_inspection_self_inspections_year");
        b.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.SelfInspectionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SelfInspectionItemConfiguration : IEntityTypeConfiguration<SelfInspectionItem>
{
    public void Configure(EntityTypeBuilder<SelfInspectionItem> b)
    {
        b.ToTable("inspection_self_inspection_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ItemKey).HasMaxLength(40).IsRequired();
        b.Property(x => x.Note).HasMaxLength(SelfInspection.MaxNoteLength);
    }
}

internal sealed class InspectionVisitConfiguration : IEntityTypeConfiguration<InspectionVisit>
{
    public void Configure(EntityTypeBuilder<InspectionVisit> b)
    {
        b.ToTable("inspection_visits");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProvinceCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.TargetCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.TargetName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.Inspectors).HasMaxLength(InspectionVisit.MaxInspectorsLength).IsRequired();
        b.Property(x => x.Summary).HasMaxLength(InspectionVisit.MaxSummaryLength);
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.ProvinceCode, x.Year });
        b.HasIndex(x => new { x.TargetId, x.Year });
        b.HasOne<InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("inspection_findings");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ItemKey).HasMaxLength(40).IsRequired();
        b.Property(x => x.Text).HasMaxLength(Finding.MaxTextLength).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.VisitId);
        b.HasOne<InspectionVisit>().WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ChecklistItem>().WithMany().HasForeignKey(x => x.ItemKey).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionFileConfiguration : IEntityTypeConfiguration<InspectionFile>
{
    public void Configure(EntityTypeBuilder<InspectionFile> b)
    {
        b.ToTable("inspection_files");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(40).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.UploadedBy).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.OwnerId);
    }
}

internal sealed class RectificationTaskConfiguration : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> b)
    {
        b.ToTable("inspection_rectifications");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SchoolCode).HasMaxLength(12).IsRequired();
        b.Property(x => x.SchoolName).HasMaxLength(100).IsRequired();
        b.Property(x => x.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(x => x.ItemKey).HasMaxLength(40).IsRequired();
        b.Property(x => x.Requirement).HasMaxLength(Finding.MaxTextLength).IsRequired();
        b.Property(x => x.Answer).HasMaxLength(RectificationTask.MaxAnswerLength);
        b.Property(x => x.AnsweredBy).HasMaxLength(64);
        b.Property(x => x.ReturnReason).HasMaxLength(RectificationTask.MaxReasonLength);
        b.Property(x => x.ClosedBy).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.FindingId).IsUnique().HasDatabaseName("ux_inspection_rectifications_finding");
        b.HasIndex(x => new { x.State, x.DueOn });
        b.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.SchoolId).OnDelete(DeleteBehavior.Restrict);
    }
}
