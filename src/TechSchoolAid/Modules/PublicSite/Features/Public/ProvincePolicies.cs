using System.Globalization;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Features.Hotlines;

namespace TechSchoolAid.Modules.PublicSite.Features.Public;

/// <summary>One section of a policy page: a heading and its sentences in plain Chinese.</summary>
public sealed record PolicySection(string Heading, IReadOnlyList<string> Lines);

/// <summary>A province's public policy page: sections generated from the policy tables, its hotline, the lists in publication.</summary>
public sealed record ProvincePolicyView(string ProvinceCode, string ProvinceName, bool IsNationalDefault, string Title, DateOnly AsOf,
    IReadOnlyList<PolicySection> Sections, string Source, HotlineView? Hotline, IReadOnlyList<AidPublicationNotice> Publications);

/// <summary>
/// The public policy page of a province (PUB-1), written in plain Chinese from the policy in force today (the province's
/// table over the national default, <see cref="IAidPolicies"/>) and the lists in publication (<see cref="IAidPublicationNotices"/>):
/// who is eligible, the tiers and amounts, the waiver, when. Nothing personal; null for an unknown province code.
/// </summary>
public sealed class ProvincePolicies(IAidPolicies policies, IAidPublicationNotices publications, ListHotlines hotlines, TimeProvider clock)
{
    public async Task<ProvincePolicyView?> HandleAsync(string? provinceCode, CancellationToken ct)
    {
        var code = (provinceCode ?? "").Trim();
        if (code.Length != 2 || Divisions.ProvinceName(code) is not { } name)
        {
            return null;
        }

        var today = clock.Today();
        var policy = await policies.PolicyFor(code, today, ct);
        var lines = (await hotlines.HandleAsync(ct)).FirstOrDefault(h => h.OrganizationCode == code);
        var lists = await publications.InPublicationAsync(code, today, ct);
        if (policy is null)
        {
            return new ProvincePolicyView(code, name, true, $"{name}中等职业教育（技工院校）学生资助政策", today,
                [new PolicySection("政策", ["本省今日没有生效的资助政策表，请拨打下方咨询电话了解。"])], "", lines, lists);
        }

        var sections = new List<PolicySection>
        {
            new("谁可以享受国家助学金",
            [
                $"技工院校全日制正式学籍{Grades(policy.GrantGradeFrom, policy.GrantGradeTo)}在校学生中的家庭经济困难学生。",
                policy.AllRuralAreaCodes.Count > 0
                    ? $"本省 {policy.AllRuralAreaCodes.Count} 个县（市、区）的全日制正式学籍{Grades(policy.GrantGradeFrom, policy.GrantGradeTo)}农村学生全部享受国家助学金。"
                    : "家庭经济困难学生由学校按本人申请、班级评议、学校审核、公示的程序认定。",
            ]),
            new("国家助学金发多少",
            [
                $"平均每生每年 {AidMoney.Yuan(policy.GrantAverageFen)} 元，按困难程度分 {policy.Tiers.Count} 档：",
                .. policy.Tiers.OrderByDescending(t => t.AmountFen).Select((t, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"第{i + 1}档：每生每年 {AidMoney.Yuan(t.AmountFen)} 元（约占受助学生的 {t.SharePercent}%）")),
                "按学期发放到学生本人的银行卡（社保卡）上。",
            ]),
            new("免学费",
            [
                "技工院校全日制正式学籍一、二、三年级在校生中的农村（含县镇）学生、城市涉农专业学生和家庭经济困难学生免除学费。",
                "民办学校的学生，按当地同类型公办学校的学费标准免除，超出部分由学生负担。",
            ]),
            new("什么时候",
            [
                $"春季学期于 {policy.SpringApprovalDeadline} 前、秋季学期于 {policy.AutumnApprovalDeadline} 前完成审核。",
                $"学校拟定的名单在校内公示不少于 {policy.PublicationWorkingDays} 个工作日；对公示有异议的，学校在 {policy.ObjectionAnswerWorkingDays} 个工作日内答复。",
            ]),
        };
        return new ProvincePolicyView(code, name, policy.IsNationalDefault, policy.IsNationalDefault ? $"{name}执行国家资助标准" : policy.Title, today, sections,
            policy.Source, lines, lists);
    }

    private static string Grades(int from, int to) => from == to ? $"{Grade(from)}年级" : $"{Grade(from)}至{Grade(to)}年级";

    private static string Grade(int g) => g switch { 1 => "一", 2 => "二", 3 => "三", 4 => "四", _ => g.ToString(CultureInfo.InvariantCulture) };
}
