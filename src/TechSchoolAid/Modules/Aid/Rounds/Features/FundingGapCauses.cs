using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// The two causes of a central-funding gap that 人社厅函〔2024〕53号 二（二） names — 「未将全部学生资助信息在信息系统中注册
/// 申报，或注册申报后审批不及时导致信息系统中数据少于实际人数而产生的中央补助资金缺口，由相关省（自治区、直辖市）、地市和技工院校
/// 自行负责」 — counted per school in SQL over the caller's scope (the national set has 5 M records: a few grouped queries,
/// never a row per student in memory).
/// </summary>
public sealed class FundingGapCauses(TsaDbContext db, IAidPolicies policies, IDesignatedAreas areas, TimeProvider clock)
{
    private const int MaxGrade = 6;

    /// <summary>
    /// (a) Per school: students of the 学籍 data (formal status, full time, in school) who meet the item's rule for the
    /// term and are on no list of the term for the item — schools that opened no list included. The rule as
    /// <see cref="Eligibility.AidEligibilityRules"/> states it, in SQL: grant — grade in the province's grant grades and
    /// 涉农 or hardship or 农村（不含县城） of a designated county (national, the province's own, its table's codes); waiver —
    /// grades 1–3 and 戏曲表演, or not 艺术类表演 and 农村（含县镇）/涉农/hardship. Hardship: the school year's level that
    /// counts for aid (<see cref="HardshipAssessment.CountsForAid"/>, its latest counting version) at 特别困难/困难/一般困难.
    /// </summary>
    public async Task<Dictionary<int, int>> UndeclaredAsync(AidTerm term, AidItem item, IReadOnlyDictionary<int, string> provinceOfSchool, CancellationToken ct)
    {
        var bound = Enumerable.Range(0, MaxGrade + 1).Select(g => StartOfTermIndex(term.Index - (2 * g) + 1)).ToArray();
        var upper = StartOfTermIndex(term.Index + 1);
        var onList = db.Set<AidEntry>().Where(e => e.SchoolYear == term.SchoolYear && e.Semester == term.Semester && e.Item == item).Select(e => e.StudentId);
        // The level that counts for aid (教财〔2018〕16号: published without an upheld objection), as the eligibility rules read
        // it: the latest counting version of the student's year.
        var counting = db.Set<HardshipAssessment>().Where(a => a.SchoolYear == term.SchoolYear).Where(HardshipAssessment.CountsForAid(clock.Today()));
        var hardship = counting.Where(a => (a.Level == HardshipLevel.Extreme || a.Level == HardshipLevel.Hardship || a.Level == HardshipLevel.Moderate)
            && !counting.Any(b => b.StudentId == a.StudentId && b.Version > a.Version)).Select(a => a.StudentId);
        var students = db.StudentAidFactsInScope().Where(s => s.RegistrationApproved && s.Status == EnrolmentStatus.Active && s.IsFullTime
            && s.EnrolmentDate < upper && !onList.Contains(s.Id));

        if (item == AidItem.Waiver)
        {
            var waiverFrom = bound[Eligibility.AidEligibilityRules.WaiverGradeTo];
            return await students.Where(s => s.EnrolmentDate >= waiverFrom
                    && (s.MajorArts == MajorArts.TraditionalOpera
                        || (s.MajorArts != MajorArts.PerformingArts && (s.Household != Household.Urban || s.MajorIsAgricultural || hardship.Contains(s.Id)))))
                .GroupBy(s => s.SchoolId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        }

        // The grant: counts by school and grade, then each school's province decides its grades and its designated counties.
        var oldest = bound[MaxGrade];
        var inGrades = students.Where(s => s.EnrolmentDate >= oldest);
        var (b1, b2, b3, b4, b5) = (bound[1], bound[2], bound[3], bound[4], bound[5]);
        var rules = new Dictionary<string, (AidPolicy? Policy, HashSet<string> Counties)>();
        foreach (var province in provinceOfSchool.Values.Distinct())
        {
            var policy = await policies.PolicyFor(province, term.StartsOn, ct);
            var counties = (await areas.CountiesInForceAsync(province, term.StartsOn, ct)).Keys.ToHashSet(StringComparer.Ordinal);
            counties.UnionWith(policy?.AllRuralAreaCodes ?? []);
            rules[province] = (policy, counties);
        }

        var anyCounty = rules.Values.SelectMany(r => r.Counties).Distinct().ToList();
        var byGrade = await inGrades.Where(s => s.MajorIsAgricultural || hardship.Contains(s.Id))
            .GroupBy(s => new { s.SchoolId, Grade = s.EnrolmentDate >= b1 ? 1 : s.EnrolmentDate >= b2 ? 2 : s.EnrolmentDate >= b3 ? 3 : s.EnrolmentDate >= b4 ? 4 : s.EnrolmentDate >= b5 ? 5 : 6 })
            .Select(g => new { g.Key.SchoolId, g.Key.Grade, N = g.Count() }).ToListAsync(ct);
        var byArea = await inGrades.Where(s => !s.MajorIsAgricultural && !hardship.Contains(s.Id) && s.Household == Household.Rural && anyCounty.Contains(s.HouseholdCountyCode))
            .GroupBy(s => new { s.SchoolId, Grade = s.EnrolmentDate >= b1 ? 1 : s.EnrolmentDate >= b2 ? 2 : s.EnrolmentDate >= b3 ? 3 : s.EnrolmentDate >= b4 ? 4 : s.EnrolmentDate >= b5 ? 5 : 6, s.HouseholdCountyCode })
            .Select(g => new { g.Key.SchoolId, g.Key.Grade, County = g.Key.HouseholdCountyCode, N = g.Count() }).ToListAsync(ct);

        bool Covers(int schoolId, int grade) => provinceOfSchool.TryGetValue(schoolId, out var p) && rules[p].Policy is { } policy && policy.GrantCoversGrade(grade);
        var result = new Dictionary<int, int>();
        foreach (var g in byGrade.Where(g => Covers(g.SchoolId, g.Grade)))
        {
            result[g.SchoolId] = result.GetValueOrDefault(g.SchoolId) + g.N;
        }

        foreach (var g in byArea.Where(g => Covers(g.SchoolId, g.Grade) && rules[provinceOfSchool[g.SchoolId]].Counties.Contains(g.County)))
        {
            result[g.SchoolId] = result.GetValueOrDefault(g.SchoolId) + g.N;
        }

        return result;
    }

    /// <summary>
    /// (b) Per round: lines approved after the round's approval deadline (China time) — the approving level answers for them.
    /// One grouped query per distinct deadline of the term (in practice one: 31 May or 30 November).
    /// </summary>
    public async Task<Dictionary<Guid, int>> LateApprovedAsync(AidTerm term, AidItem item, IEnumerable<DateOnly> deadlines, CancellationToken ct)
    {
        var result = new Dictionary<Guid, int>();
        foreach (var deadline in deadlines.Distinct())
        {
            var cutoff = new DateTimeOffset(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).UtcDateTime;
            var rows = await (from e in db.Set<AidEntry>().AsNoTracking()
                              join r in db.Set<AidRound>().AsNoTracking() on e.RoundId equals r.Id
                              where e.SchoolYear == term.SchoolYear && e.Semester == term.Semester && e.Item == item && e.State == AidEntryState.Approved
                                    && r.ApprovalDeadline == deadline && e.ReviewedAtUtc >= cutoff
                              group e by e.RoundId into g
                              select new { g.Key, N = g.Count() }).ToListAsync(ct);
            foreach (var row in rows)
            {
                result[row.Key] = row.N;
            }
        }

        return result;
    }

    /// <summary>The national calculation standard of the grant in force at the start of the term: the national default table's average (fen a year).</summary>
    public async Task<long?> NationalGrantAverageFenAsync(AidTerm term, CancellationToken ct)
    {
        var rows = await db.Set<AidPolicyRecord>().AsNoTracking()
            .Where(p => p.ProvinceCode == null && p.ValidFrom <= term.StartsOn && (p.ValidTo == null || p.ValidTo >= term.StartsOn)).ToListAsync(ct);
        return rows.OrderByDescending(p => p.ValidFrom).FirstOrDefault()?.Values.GrantAverageFen;
    }

    /// <summary>The first day of the enrolments whose first term has index <paramref name="index"/> (see <see cref="AidTerm.FirstTermIndex"/>).</summary>
    public static DateOnly StartOfTermIndex(int index) => index % 2 == 0 ? new DateOnly(index / 2, 7, 1) : new DateOnly((index + 1) / 2, 1, 1);
}
