using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Eligibility;

/// <summary>One item's answer for one student and term, with every reason in Chinese (why yes, or why not).</summary>
public sealed record ItemEligibility(
    AidItem Item,
    bool Eligible,
    IReadOnlyList<string> Reasons,
    long? YearAmountFen,
    long? TermAmountFen)
{
    public string ItemText => AidTerm.ItemText(Item);

    /// <summary>What makes the student qualify, as a list line keeps it: the reasons after the status (≤ 500 characters).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Basis
    {
        get
        {
            var text = string.Join("；", Reasons.Skip(1));
            return text.Length <= 500 ? text : text[..500];
        }
    }
}

/// <summary>AID-3 and AID-4 explained for one student in one term, on one date (the status is judged on that date).</summary>
public sealed record AidEligibilityExplanation(
    Guid StudentId,
    string StudentName,
    string Term,
    int SchoolYear,
    Semester Semester,
    DateOnly AsOf,
    int Grade,
    string? HardshipLevel,
    string? PolicyTitle,
    ItemEligibility Grant,
    ItemEligibility Waiver);

/// <summary>
/// AID-3 (national grant) and AID-4 (tuition waiver) computed from the student record, the hardship decision of the
/// school year and the province's policy table in force at the start of the term. One rule set for the student page, the
/// API and the proposed lists of a round (which call <see cref="ForSchoolAsync"/>: a few queries for a whole school).
/// </summary>
public sealed class AidEligibilityRules(TsaDbContext db, IAidPolicies policies, IDesignatedAreas areas, IAidEligibility status, ISchoolFees fees, IHardshipStanding standing, TimeProvider clock)
{
    /// <summary>Tuition waiver grades: years 1–3 (requirements AID-4; the national waiver policy for secondary vocational education).</summary>
    public const int WaiverGradeFrom = 1;

    public const int WaiverGradeTo = 3;

    /// <summary>
    /// The designated areas' rule (AID-3): 「六盘山区等11个原连片特困地区和西藏、四省涉藏州县、新疆南疆四地州中职学校农村学生
    /// （不含县城）全部纳入享受国家助学金范围」 — 财教〔2019〕25号《中等职业学校国家助学金管理办法》第三条, kept by
    /// 财教〔2021〕310号《学生资助资金管理办法》. 县镇 households are not covered.
    /// </summary>
    public const string DesignatedAreaSource = "财教〔2019〕25号第三条、财教〔2021〕310号";

    /// <summary>
    /// The waiver's household rule (AID-4): 「所有农村（含县镇）学生、城市涉农专业学生和家庭经济困难学生免除学费（艺术类相关表演
    /// 专业学生除外）」 — 财教〔2012〕376号 一, kept by 财教〔2021〕310号 (中职学校免学费).
    /// </summary>
    public const string WaiverSource = "财教〔2012〕376号、财教〔2021〕310号";

    /// <summary>
    /// 戏曲表演 students, a group of their own (issue 11, item 12): 「对中等职业学校戏曲表演专业学生免除学费」 —
    /// 国办发〔2015〕52号《关于支持戏曲传承发展的若干政策》; the exception to 「艺术类相关表演专业学生除外」. See
    /// docs/policy-sources.md, section "Designated areas, county towns and 戏曲表演".
    /// </summary>
    public const string OperaSource = "国办发〔2015〕52号";

    public async Task<AidEligibilityExplanation> ExplainAsync(Guid studentId, AidTerm term, DateOnly? asOf, CancellationToken ct)
    {
        if (!term.IsValid)
        {
            throw AppException.Invalid("schoolYear", "请填写正确的学年和学期");
        }

        var facts = await db.StudentAidFactsInScope().FirstOrDefaultAsync(s => s.Id == studentId, ct) ?? throw AppException.NotFound("学生");
        var date = asOf ?? term.Clamp(clock.Today());
        var school = await SchoolAsync(facts.SchoolId, ct);
        var policy = await PolicyAsync(school, term, ct);
        var schedule = await fees.ScheduleAsync(school.Id, term.StartsOn, ct);
        var levels = await HardshipLevelsAsync([studentId], term.SchoolYear, ct);
        var designated = await DesignatedAsync(school, term, ct);
        var answer = await status.IsEligibleForAidAsync(studentId, date, ct);
        // Registration and full time are stated by the rules below; STA-5 adds the status on the date, and the record's own
        // status guards a record whose change history does not explain it (an ending status since before the date).
        var refusal = answer.Eligible || !facts.RegistrationApproved || !facts.IsFullTime ? null : answer.Reason;
        if (refusal is null && facts.Status is not (EnrolmentStatus.Active or EnrolmentStatus.Pending) && (facts.StatusSince ?? DateOnly.MinValue) < date)
        {
            refusal = $"学籍状态为“{facts.Status.ToChinese()}”（自 {(facts.StatusSince is { } since ? ChinaTime.Iso(since) : "")}），不在籍";
        }

        return Explain(facts, term, date, school, policy, schedule, designated, LevelOf(levels, studentId), refusal, answer.Eligible ? answer.Reason : "在籍全日制正式学籍");
    }

    /// <summary>
    /// Every approved record of a school (in the caller's scope) explained for the term, judged on <paramref name="asOf"/>
    /// by the record's status as it stands (the round is built today: approved changes are already on the record).
    /// </summary>
    public async Task<(AidPolicy? Policy, IReadOnlyList<(StudentAidFacts Student, AidEligibilityExplanation Answer)> Rows)> ForSchoolAsync(
        int schoolId, AidTerm term, DateOnly asOf, CancellationToken ct)
    {
        var school = await SchoolAsync(schoolId, ct);
        var policy = await PolicyAsync(school, term, ct);
        var schedule = await fees.ScheduleAsync(school.Id, term.StartsOn, ct);
        var students = await db.StudentAidFactsInScope()
            .Where(s => s.SchoolId == schoolId && s.RegistrationApproved && s.Status != EnrolmentStatus.Pending)
            .OrderBy(s => s.ClassName).ThenBy(s => s.Name)
            .ToListAsync(ct);
        var levels = await HardshipLevelsAsync(null, term.SchoolYear, ct, schoolId);
        var designated = await DesignatedAsync(school, term, ct);
        var rows = students.Select(s =>
        {
            var notNow = s.Status == EnrolmentStatus.Active ? null : $"学籍状态为“{s.Status.ToChinese()}”，不在籍";
            return (s, Explain(s, term, asOf, school, policy, schedule, designated, LevelOf(levels, s.Id), notNow, "在籍全日制正式学籍"));
        }).ToList();
        return (policy, rows);
    }

    /// <summary>The policy for the school's province at the start of the term, or null (没有资助政策).</summary>
    public async Task<AidPolicy?> PolicyForSchoolAsync(int schoolId, AidTerm term, CancellationToken ct) =>
        await PolicyAsync(await SchoolAsync(schoolId, ct), term, ct);

    /// <summary>The grant tier a hardship level suggests: the highest tier for 特别困难, the lowest for 一般困难 or none.</summary>
    public static long SuggestedTierFen(IReadOnlyList<AidTier> tiers, HardshipLevel? level)
    {
        var amounts = tiers.Select(t => t.AmountFen).OrderByDescending(a => a).ToList();
        if (amounts.Count == 0)
        {
            return 0;
        }

        return level switch
        {
            HardshipLevel.Extreme => amounts[0],
            HardshipLevel.Hardship => amounts[Math.Min(1, amounts.Count - 1)],
            _ => amounts[^1],
        };
    }

    private AidEligibilityExplanation Explain(
        StudentAidFacts s, AidTerm term, DateOnly date, OrgRow school, AidPolicy? policy, ISchoolFeeSchedule fees,
        IReadOnlyDictionary<string, DesignatedAreaMatch> designated, HardshipLevel? level, string? statusRefusal, string statusReason)
    {
        var grade = term.GradeOf(s.EnrolmentDate);
        var levelText = level is { } l and not HardshipLevel.NotIdentified ? l.ToChinese() : null;
        if (policy is null)
        {
            var none = $"{term}（{school.ProvinceCode} 省）没有资助政策";
            return new(s.Id, s.Name, term.ToString(), term.SchoolYear, term.Semester, date, grade, levelText, null,
                new(AidItem.Grant, false, [none], null, null), new(AidItem.Waiver, false, [none], null, null));
        }

        // Conditions common to both items: formal status, full time, in school on the date, enrolled by the term.
        var common = new List<string>();
        if (!s.RegistrationApproved)
        {
            common.Add("学籍注册尚未审核通过，不是正式学籍");
        }

        if (!s.IsFullTime)
        {
            common.Add("非全日制学生不享受国家助学金和免学费");
        }

        if (statusRefusal is not null)
        {
            common.Add(statusRefusal);
        }

        if (grade == 0)
        {
            common.Add($"入学日期 {ChinaTime.Iso(s.EnrolmentDate)} 晚于本学期");
        }

        var hardship = level is HardshipLevel.Extreme or HardshipLevel.Hardship or HardshipLevel.Moderate;
        // The designated areas in force at the start of the term (national, and the province's own), then the province's
        // own all-rural county codes of its policy table: both cover 农村学生（不含县城） only.
        var area = designated.GetValueOrDefault(s.HouseholdCountyCode);
        var inProvinceList = policy.AllRuralAreaCodes.Contains(s.HouseholdCountyCode);
        var areaText = area is not null
            ? $"户籍所在县区 {s.HouseholdCountyCode} 属于{(area.IsNational ? "" : "本省确定的")}{area.Name}（{(area.IsNational ? DesignatedAreaSource : Short(area.Source))}）"
            : inProvinceList ? $"户籍所在县区 {s.HouseholdCountyCode} 为本省确定的全部农村学生享受资助的地区" : null;

        // AID-3 national grant.
        var grantNo = new List<string>(common);
        var grantYes = new List<string>();
        if (grade > 0 && !policy.GrantCoversGrade(grade))
        {
            grantNo.Add($"{grade}年级不在国家助学金资助年级范围（{policy.GrantGradeFrom}–{policy.GrantGradeTo}年级）");
        }

        if (s.MajorIsAgricultural)
        {
            grantYes.Add($"涉农专业（{s.Major}）");
        }

        if (areaText is not null && s.IsRuralExcludingCountyTown)
        {
            grantYes.Add($"农村户籍（不含县城），{areaText}，该地区农村学生全部享受国家助学金");
        }

        if (hardship)
        {
            grantYes.Add($"{term.SchoolYear}-{term.SchoolYear + 1}学年认定为家庭经济困难（{levelText}）");
        }

        if (grantYes.Count == 0)
        {
            grantNo.Add(areaText is not null && !s.IsRuralExcludingCountyTown
                ? $"非涉农专业，未认定为家庭经济困难；{areaText}，但该地区政策只覆盖农村学生（不含县城），{s.Household.ToChinese()}户籍不在其内（{DesignatedAreaSource}）"
                : "非涉农专业，未认定为家庭经济困难，户籍也不在全部农村学生享受资助的地区");
        }

        var grantEligible = grantNo.Count == 0;
        var tier = SuggestedTierFen(policy.Tiers, level);
        var grant = grantEligible
            ? new ItemEligibility(AidItem.Grant, true, [statusReason, $"{grade}年级", .. grantYes], tier, tier / 2)
            : new ItemEligibility(AidItem.Grant, false, grantNo, null, null);

        // AID-4 tuition waiver.
        var waiverNo = new List<string>(common);
        var waiverYes = new List<string>();
        if (grade > WaiverGradeTo)
        {
            waiverNo.Add($"{grade}年级不在免学费年级范围（{WaiverGradeFrom}–{WaiverGradeTo}年级）");
        }

        if (s.MajorArts == MajorArts.TraditionalOpera)
        {
            // A group of its own: whatever the household and the hardship decision.
            waiverYes.Add($"戏曲表演专业（{s.Major}）学生免除学费，不论户籍和家庭经济状况（艺术类表演专业中的例外，{OperaSource}）");
        }
        else if (s.MajorArts == MajorArts.PerformingArts)
        {
            waiverNo.Add($"艺术类表演专业（{s.Major}）不享受免学费（戏曲表演专业除外；{WaiverSource}）");
        }
        else if (s.IsRuralOrCountyTown)
        {
            waiverYes.Add(s.Household == Household.CountyTown
                ? $"县镇户籍，属于免学费的“农村（含县镇）”学生（{WaiverSource}）"
                : $"农村户籍（{WaiverSource}）");
        }
        else if (s.MajorIsAgricultural)
        {
            waiverYes.Add($"城市户籍，涉农专业（{s.Major}）");
        }
        else if (hardship)
        {
            waiverYes.Add($"城市户籍，{term.SchoolYear}-{term.SchoolYear + 1}学年认定为家庭经济困难（{levelText}）");
        }
        else
        {
            waiverNo.Add("城市户籍，非涉农专业，未认定为家庭经济困难");
        }

        // The amount from the school fees in force at the start of the term (ORG-2): a public school's approved tuition, a
        // 民办 school's comparable public figure (never its own fee, never above it); a missing figure is said, not guessed.
        var basis = fees.WaiverFor(s.Major);
        if (waiverNo.Count == 0 && basis.YearFen is null)
        {
            waiverNo.Add(basis.Missing ?? ISchoolFees.PublicTuitionMissing);
        }

        var waiverYear = basis.YearFen;
        var waiver = waiverNo.Count == 0
            ? new ItemEligibility(AidItem.Waiver, true, [statusReason, $"{grade}年级", .. waiverYes, $"免学费金额：{basis.Source}"], waiverYear, waiverYear / 2)
            : new ItemEligibility(AidItem.Waiver, false, waiverNo, null, null);

        return new(s.Id, s.Name, term.ToString(), term.SchoolYear, term.Semester, date, grade, levelText, policy.Title, grant, waiver);
    }

    /// <summary>
    /// The level of each student that counts for aid in the school year: 教财〔2018〕16号 四 — a level counts once its
    /// publication has ended without an upheld objection (or it is archived); a re-assessment replaces the earlier one.
    /// </summary>
    private Task<Dictionary<Guid, HardshipLevel>> HardshipLevelsAsync(IReadOnlyCollection<Guid>? ids, int schoolYear, CancellationToken ct, int? schoolId = null) =>
        standing.CountingLevelsAsync(ids, ids is null ? schoolId : null, schoolYear, ct);

    /// <summary>The student's counting level, or null when none counts (never the enum's default).</summary>
    private static HardshipLevel? LevelOf(Dictionary<Guid, HardshipLevel> levels, Guid studentId) =>
        levels.TryGetValue(studentId, out var level) ? level : null;

    private async Task<IReadOnlyDictionary<string, DesignatedAreaMatch>> DesignatedAsync(OrgRow school, AidTerm term, CancellationToken ct) =>
        school.ProvinceCode is { } p ? await areas.CountiesInForceAsync(p, term.StartsOn, ct) : new Dictionary<string, DesignatedAreaMatch>();

    private static string Short(string source) => source.Length <= 60 ? source : source[..60] + "…";

    private async Task<OrgRow> SchoolAsync(int schoolId, CancellationToken ct) =>
        await db.AllOrganizations().FirstOrDefaultAsync(o => o.Id == schoolId, ct) ?? throw AppException.NotFound("学校");

    private async Task<AidPolicy?> PolicyAsync(OrgRow school, AidTerm term, CancellationToken ct) =>
        school.ProvinceCode is { } p ? await policies.PolicyFor(p, term.StartsOn, ct) : null;
}
