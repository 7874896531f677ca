using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;

namespace TechSchoolAid.Modules.Aid.Policies.Data;

internal sealed class AidPolicyRecordConfiguration : IEntityTypeConfiguration<AidPolicyRecord>
{
    public void Configure(EntityTypeBuilder<AidPolicyRecord> b)
    {
        b.ToTable("aid_policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.ProvinceCode).HasMaxLength(2);
        b.Property(p => p.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(p => p.Title).HasMaxLength(100).IsRequired();
        b.Property(p => p.AllRuralAreaCodes).HasMaxLength(4000).IsRequired();
        b.Property(p => p.Source).HasMaxLength(300).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Values);
        b.HasIndex(p => new { p.ProvinceCode, p.ValidFrom });
        b.HasData(AidPolicySeed.Policies);
    }
}

internal sealed class AidNationalRangeConfiguration : IEntityTypeConfiguration<AidNationalRange>
{
    public void Configure(EntityTypeBuilder<AidNationalRange> b)
    {
        b.ToTable("aid_national_ranges");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Source).HasMaxLength(300).IsRequired();
        b.Ignore(r => r.SpringApprovalDeadline);
        b.Ignore(r => r.AutumnApprovalDeadline);
        b.HasData(AidPolicySeed.Ranges);
    }
}

internal sealed class AidCentralShareConfiguration : IEntityTypeConfiguration<AidCentralShare>
{
    public void Configure(EntityTypeBuilder<AidCentralShare> b)
    {
        b.ToTable("aid_central_shares");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.ProvinceCode).HasMaxLength(2).IsRequired();
        b.Property(s => s.CityCode).HasMaxLength(4);
        b.Property(s => s.Source).HasMaxLength(300).IsRequired();
        b.HasIndex(s => new { s.ProvinceCode, s.CityCode, s.ValidFrom });
        b.HasData(AidPolicySeed.Shares);
    }
}

/// <summary>
/// The policy numbers every installation starts with, as migration seed rows (like STA-2's working days). Administrators
/// add or change rows when a notice changes them; these are only the starting point.
/// </summary>
internal static class AidPolicySeed
{
    // 人社厅函〔2024〕53号 二（一）: 国家助学金平均资助标准每生每年 2000 元，可在 1000—3000 元范围内明确 2—3 档；
    // 二（二）: 5 月 31 日（春季学期）和 11 月 30 日（秋季学期）前完成审批。Grades 1–2 under the 2024 rules and publication for
    // at least 5 working days are the requirements' AID-3 and AID-5 (docs/requirements.md).
    public const string Notice2024 = "人社厅函〔2024〕53号：平均每生每年2000元，1000—3000元内分2—3档；5月31日、11月30日前完成审批";

    // 财政部 教育部 人力资源社会保障部《关于调整高等教育阶段和高中阶段国家奖助学金政策的通知》（财教〔2024〕181号）：
    // 自2025年春季学期起，中等职业学校国家助学金平均资助标准由每生每年2000元提高到2300元，并将全日制三年级在校学生纳入
    // 资助范围. The national default tiers are an example that meets the average; provinces set their own.
    public const string Change2025 = "财教〔2024〕181号：自2025年春季学期起中职国家助学金平均每生每年2300元，覆盖全日制一至三年级";

    // The approval deadlines of 人社厅函〔2024〕53号 二（二） and the minimum publication period, as they stand on the national rows.
    public const string NationalRange2024 = "人社厅函〔2024〕53号 二（一）：平均每生每年2000元，1000—3000元内分2—3档；二（二）：5月31日、11月30日前完成审批；公示不少于5个工作日";

    public const string NationalRange2025 = "财教〔2024〕181号：2025年春季学期起平均每生每年2300元；人社厅函〔2024〕53号 二（一）：1000—3000元内分2—3档，二（二）：5月31日、11月30日前完成审批；公示不少于5个工作日";

    // 国办发〔2018〕6号《基本公共服务领域中央与地方共同财政事权和支出责任划分改革方案》: 中等职业教育国家助学金、免学费
    // 中央与地方按档分担：第一档 8:2，第二档 6:4，第三档 5:5，第四档 3:7，第五档 1:9；新疆生产建设兵团按第一档（AID-7）。
    public const string SharesSource = "国办发〔2018〕6号：中央分担比例第一档80%、第二档60%、第三档50%、第四档30%、第五档10%；兵团按80%";

    // 国办发〔2018〕6号 附件：第四档包括天津、江苏、浙江、广东4个省（市）和大连、宁波、厦门、青岛、深圳5个计划单列市，中央分担30%.
    public const string CitySharesSource = "国办发〔2018〕6号：大连、宁波、厦门、青岛、深圳5个计划单列市列第四档，中央分担30%";

    public static readonly Guid National2024 = Guid.Parse("a1d00000-0000-0000-0000-000000002024");
    public static readonly Guid National2025 = Guid.Parse("a1d00000-0000-0000-0000-000000002025");

    public static AidPolicyRecord[] Policies =>
    [
        AidPolicyRecord.Seed(National2024, new AidPolicyValues
        {
            Title = "2024年度国家默认标准",
            ValidFrom = new DateOnly(2024, 1, 1),
            ValidTo = new DateOnly(2024, 12, 31),
            GrantGradeFrom = 1,
            GrantGradeTo = 2,
            GrantAverageFen = 200_000,
            Tiers = [new(300_000, 25), new(200_000, 50), new(100_000, 25)],
            PublicationWorkingDays = 5,
            ObjectionAnswerWorkingDays = 5,
            Source = Notice2024,
        }),
        AidPolicyRecord.Seed(National2025, new AidPolicyValues
        {
            Title = "2025年春季学期起国家默认标准",
            ValidFrom = new DateOnly(2025, 1, 1),
            ValidTo = null,
            GrantGradeFrom = 1,
            GrantGradeTo = 3,
            GrantAverageFen = 230_000,
            Tiers = [new(300_000, 25), new(230_000, 50), new(160_000, 25)],
            PublicationWorkingDays = 5,
            ObjectionAnswerWorkingDays = 5,
            Source = Change2025,
        }),
    ];

    public static AidNationalRange[] Ranges =>
    [
        new(Guid.Parse("a1d00000-0000-0000-0001-000000002024"), new AidNationalRangeInput
        {
            TierMinFen = 100_000, TierMaxFen = 300_000, NationalAverageFen = 200_000, MinPublicationWorkingDays = 5,
            ValidFrom = new DateOnly(2024, 1, 1), ValidTo = new DateOnly(2024, 12, 31), Source = NationalRange2024,
        }),
        new(Guid.Parse("a1d00000-0000-0000-0001-000000002025"), new AidNationalRangeInput
        {
            TierMinFen = 100_000, TierMaxFen = 300_000, NationalAverageFen = 230_000, MinPublicationWorkingDays = 5,
            ValidFrom = new DateOnly(2025, 1, 1), ValidTo = null, Source = NationalRange2025,
        }),
    ];

    private static readonly (int Percent, string[] Provinces)[] Groups =
    [
        (80, ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "66"]),
        (60, ["13", "14", "22", "23", "34", "36", "41", "42", "43", "46"]),
        (50, ["21", "35", "37"]),
        (30, ["12", "32", "33", "44"]),
        (10, ["11", "31"]),
    ];

    public static AidCentralShare[] Shares =>
    [
        .. Groups.SelectMany(g => g.Provinces.Select(p => new AidCentralShare(
            Guid.Parse($"a1d00000-0000-0000-0002-0000000000{p}"), p, null, g.Percent, new DateOnly(2024, 1, 1), null, SharesSource))),
        .. AidCentralShareGroups.PlanCities.Select(c => new AidCentralShare(
            Guid.Parse($"a1d00000-0000-0000-0003-00000000{c.Code}"), c.Code[..2], c.Code, 30, new DateOnly(2024, 1, 1), null, CitySharesSource)),
    ];
}
