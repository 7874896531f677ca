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
public sealed class AidEligibilityRules(TsaDbContext db, IAidPolicies policies, IAidEligibility status, ISchoolFees fees, TimeProvider clock)
{
    /// <summary>Tuition waiver grades: years 1–3 (requirements AID-4; the national waiver policy for secondary vocational education).</summary>
    public const int WaiverGradeFrom = 1;

    public const int WaiverGradeTo = 3;

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
        var answer = await status.IsEligibleForAidAsync(studentId, date, ct);
        // Registration and full time are stated by the rules below; STA-5 adds the status on the date, and the record's own
        // status guards a record whose change history does not explain it (an ending status since before the date).
        var refusal = answer.Eligible || !facts.RegistrationApproved || !facts.IsFullTime ? null : answer.Reason;
        if (refusal is null && facts.Status is not (EnrolmentStatus.Active or EnrolmentStatus.Pending) && (facts.StatusSince ?? DateOnly.MinValue) < date)
        {
            refusal = $"学籍状态为“{facts.Status.ToChinese()}”（自 {(facts.StatusSince is { } since ? ChinaTime.Iso(since) : "")}），不在籍";
        }

        return Explain(facts, term, date, school, policy, schedule, levels.GetValueOrDefault(studentId), refusal, answer.Eligible ? answer.Reason : "在籍全日制正式学籍");
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
        var rows = students.Select(s =>
        {
            var notNow = s.Status == EnrolmentStatus.Active ? null : $"学籍状态为“{s.Status.ToChinese()}”，不在籍";
            return (s, Explain(s, term, asOf, school, policy, schedule, levels.GetValueOrDefault(s.Id), notNow, "在籍全日制正式学籍"));
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
        StudentAidFacts s, AidTerm term, DateOnly date, OrgRow school, AidPolicy? policy, ISchoolFeeSchedule fees, HardshipLevel? level, string? statusRefusal, string statusReason)
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
        var inAllRuralArea = s.IsRural && policy.AllRuralAreaCodes.Contains(s.HouseholdCountyCode);

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

        if (inAllRuralArea)
        {
            grantYes.Add($"农村户籍，户籍所在县区 {s.HouseholdCountyCode} 为全部农村学生享受资助的地区");
        }

        if (hardship)
        {
            grantYes.Add($"{term.SchoolYear}-{term.SchoolYear + 1}学年认定为家庭经济困难（{levelText}）");
        }

        if (grantYes.Count == 0)
        {
            grantNo.Add("非涉农专业，未认定为家庭经济困难，户籍也不在全部农村学生享受资助的地区");
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

        if (s.MajorArts == MajorArts.PerformingArts)
        {
            waiverNo.Add($"艺术类表演专业（{s.Major}）不享受免学费（戏曲表演专业除外）");
        }

        if (s.IsRural)
        {
            waiverYes.Add("农村户籍");
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

        if (s.MajorArts == MajorArts.TraditionalOpera)
        {
            waiverYes.Add("戏曲表演专业（艺术类表演专业中的例外）");
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

    /// <summary>The latest decided hardship level of each student for the school year (a re-assessment replaces the earlier one).</summary>
    private async Task<Dictionary<Guid, HardshipLevel>> HardshipLevelsAsync(IReadOnlyCollection<Guid>? ids, int schoolYear, CancellationToken ct, int? schoolId = null)
    {
        var q = db.Set<HardshipAssessment>().AsNoTracking().Where(a => a.SchoolYear == schoolYear && a.Level != null);
        q = ids is not null ? q.Where(a => ids.Contains(a.StudentId)) : q.Where(a => a.SchoolId == schoolId);
        var rows = await q.Select(a => new { a.StudentId, a.Version, a.Level }).ToListAsync(ct);
        return rows.GroupBy(r => r.StudentId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!.Level!.Value);
    }

    private async Task<OrgRow> SchoolAsync(int schoolId, CancellationToken ct) =>
        await db.AllOrganizations().FirstOrDefaultAsync(o => o.Id == schoolId, ct) ?? throw AppException.NotFound("学校");

    private async Task<AidPolicy?> PolicyAsync(OrgRow school, AidTerm term, CancellationToken ct) =>
        school.ProvinceCode is { } p ? await policies.PolicyFor(p, term.StartsOn, ct) : null;
}
