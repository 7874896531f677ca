using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Contracts;

/// <summary>
/// Who may maintain the policy tables (docs/adr/0017-module-shape-and-access-rules.md). Every signed-in user reads them;
/// the ministry writes national rows, any province's and the national tables; a province administrator its own province.
/// </summary>
public static class AidPolicyAccess
{
    /// <summary>A policy table: the ministry any (the national default included), a province administrator its own province's.</summary>
    public static readonly AccessRule Edit = new("edit", Permission.ManagePolicy, Relation.InScope, "只有部级或省级管理员可以维护资助政策")
    {
        SystemMayAct = true,
    };

    /// <summary>The national tier ranges and minimum publication period: the ministry only.</summary>
    public static readonly AccessRule ManageNationalRanges = new("manage-national-ranges", Permission.ManagePolicy, Relation.InScope,
        "国家助学金档次范围与最少公示工作日只能由部级管理员维护", OrgLevel.Ministry)
    {
        SystemMayAct = true,
    };

    /// <summary>The central shares: the ministry only.</summary>
    public static readonly AccessRule ManageCentralShares = new("manage-central-shares", Permission.ManagePolicy, Relation.InScope,
        "中央分担比例只能由部级管理员维护", OrgLevel.Ministry)
    {
        SystemMayAct = true,
    };

    /// <summary>The scope a writer of a province's table must have: "/" for the national default, "/44/" for a province.</summary>
    public static string ScopeOf(string? provinceCode) => string.IsNullOrEmpty(provinceCode) ? "/" : $"/{provinceCode}/";

    /// <summary>Why <see cref="Edit"/> refuses a table the writer may otherwise maintain: it lies outside the writer's scope.</summary>
    public static string OutOfScope(string? provinceCode) =>
        provinceCode is null ? "国家默认标准只能由部级管理员维护" : $"{Divisions.ProvinceName(provinceCode) ?? provinceCode}的资助政策不在您的管理范围内";
}

/// <summary>The five province groups of 国办发〔2018〕6号: the only central shares (percent), in the order of the notice.</summary>
public static class AidCentralShareGroups
{
    public static readonly IReadOnlyList<int> Percents = [80, 60, 50, 30, 10];

    /// <summary>
    /// The 计划单列市 that carry a central share of their own (国办发〔2018〕6号: 大连、宁波、厦门、青岛、深圳, the fourth group).
    /// Only these may have a city row (<c>AidCentralShare.CityCode</c>).
    /// </summary>
    public static readonly IReadOnlyList<(string Code, string Name)> PlanCities =
        [("2102", "大连市"), ("3302", "宁波市"), ("3502", "厦门市"), ("3702", "青岛市"), ("4403", "深圳市")];

    public static string? PlanCityName(string? code) => PlanCities.FirstOrDefault(c => c.Code == code).Name;

    /// <summary>"第一档 80%".</summary>
    public static string Label(int percent)
    {
        var index = Percents.ToList().IndexOf(percent);
        return index < 0 ? $"{percent}%" : $"第{"一二三四五"[index]}档 {percent}%";
    }
}
