using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// The approved aid of a fiscal year as Funds reads it (<see cref="IAidFundingFacts"/>). Lines are counted in SQL grouped by
/// school and term; the standards are then looked up once per school (the policy once per province and term), the same
/// facts the funding-gap report uses (<see cref="AidReports.FundingGapAsync"/>): the waiver at
/// school's fee standard in force at the term's start (<see cref="ISchoolFees"/>: a 民办 school at the comparable public fee), the central share of the school's
/// 计划单列市 where it has one, else of its province; the grant at the national default policy's average standard (国家助学金 平均资助标准).
/// </summary>
public sealed class AidFundingFactsService(TsaDbContext db, IAidPolicies policies, ISchoolFees fees) : IAidFundingFacts
{
    public async Task<IReadOnlyList<AidFactorLine>> FactorLinesAsync(int fiscalYear, AidItem item, CancellationToken ct)
    {
        var counts = await ApprovedOf(fiscalYear).Where(e => e.Item == item)
            .GroupBy(e => new { e.SchoolId, e.SchoolYear, e.Semester })
            .Select(g => new { g.Key.SchoolId, g.Key.SchoolYear, g.Key.Semester, N = g.Count() }).ToListAsync(ct);
        var schoolIds = counts.Select(c => c.SchoolId).Distinct().ToList();
        var schools = await db.AllOrganizations().Where(o => schoolIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var nationals = await db.Set<AidPolicyRecord>().AsNoTracking().Where(p => p.ProvinceCode == null).ToListAsync(ct);
        var policyCache = new Dictionary<(string, AidTerm), AidPolicy?>();
        var feeCache = new Dictionary<DateOnly, IReadOnlyDictionary<int, ISchoolFeeSchedule>>();
        var shareCache = new Dictionary<(string, string?, AidTerm), int?>();

        var lines = new List<(string Province, AidTerm Term, long? Year, int? Share, string Basis, int N)>();
        foreach (var c in counts)
        {
            var school = schools[c.SchoolId];
            var province = school.ProvinceCode ?? "";
            var term = new AidTerm(c.SchoolYear, c.Semester);
            if (!policyCache.TryGetValue((province, term), out var policy))
            {
                policy = policyCache[(province, term)] = await policies.PolicyFor(province, term.StartsOn, ct);
            }

            long? year;
            string basis;
            if (item == AidItem.Grant)
            {
                var national = nationals.Where(p => p.ValidFrom <= term.StartsOn && (p.ValidTo == null || p.ValidTo >= term.StartsOn))
                    .OrderByDescending(p => p.ValidFrom).FirstOrDefault();
                year = national?.GrantAverageFen;
                basis = national is null ? "国家默认资助政策未覆盖该学期，缺少国家平均资助标准" : $"国家平均资助标准（{national.Title}）";
            }
            else
            {
                if (!feeCache.TryGetValue(term.StartsOn, out var schedules))
                {
                    schedules = feeCache[term.StartsOn] = await fees.SchedulesAsync(schoolIds, term.StartsOn, ct);
                }

                var waiver = schedules.GetValueOrDefault(school.Id)?.WaiverFor(null);
                year = policy is null ? null : waiver?.YearFen;
                basis = policy is null ? "该学期没有资助政策"
                    : year is null ? waiver?.Missing ?? ISchoolFees.PublicTuitionMissing
                    : school.IsPrivate ? "民办学校：同类型公办学校学费标准" : "学校核定学费标准";
            }

            // The school's central share: its 计划单列市's own where one is recorded (国办发〔2018〕6号), else its province's.
            int? share = null;
            if (policy is not null && !shareCache.TryGetValue((province, school.CityCode, term), out share))
            {
                share = shareCache[(province, school.CityCode, term)] = await policies.CentralSharePercentFor(province, school.CityCode, term.StartsOn, ct);
            }

            lines.Add((province, term, year, share, basis, c.N));
        }

        return [.. lines.GroupBy(l => (l.Province, l.Term, l.Year, l.Share, l.Basis))
            .Select(g => new AidFactorLine(g.Key.Province, g.Key.Term.SchoolYear, g.Key.Term.Semester, g.Sum(l => l.N), g.Key.Year, g.Key.Year / 2,
                g.Key.Share, g.Key.Basis))
            .OrderBy(l => l.ProvinceCode, StringComparer.Ordinal).ThenBy(l => l.SchoolYear).ThenBy(l => l.Semester).ThenByDescending(l => l.TermStandardFen)];
    }

    public async Task<IReadOnlyList<AidNeedRow>> NeedAsync(int fiscalYear, CancellationToken ct)
    {
        var rows = await ApprovedOf(fiscalYear)
            .GroupBy(e => new { e.SchoolId, e.ScopePath, e.Item })
            .Select(g => new { g.Key.SchoolId, g.Key.ScopePath, g.Key.Item, N = g.Count(), Fen = g.Sum(e => e.AmountFen) }).ToListAsync(ct);
        return [.. rows.Select(r => new AidNeedRow(r.SchoolId, r.ScopePath, r.Item, r.N, r.Fen))];
    }

    public async Task<IReadOnlyList<AidApprovalFigures>> ApprovalsAsync(int fiscalYear, CancellationToken ct)
    {
        var approved = ApprovedOf(fiscalYear);
        var all = await approved.GroupBy(e => new { e.SchoolId, e.ScopePath })
            .Select(g => new { g.Key.SchoolId, g.Key.ScopePath, N = g.Count() }).ToListAsync(ct);

        // One query per distinct deadline (a handful per year): the line's review time against the end of that day in China.
        var rounds = db.Set<AidRound>().AsNoTracking();
        var deadlines = await (from e in approved join r in rounds on e.RoundId equals r.Id select r.ApprovalDeadline).Distinct().ToListAsync(ct);
        var onTime = new Dictionary<int, int>();
        foreach (var deadline in deadlines)
        {
            var cutoff = DateTime.SpecifyKind(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset, DateTimeKind.Utc);
            var perSchool = await (from e in approved
                                   join r in rounds on e.RoundId equals r.Id
                                   where r.ApprovalDeadline == deadline && e.ReviewedAtUtc != null && e.ReviewedAtUtc < cutoff
                                   group e by e.SchoolId into g
                                   select new { SchoolId = g.Key, N = g.Count() }).ToListAsync(ct);
            foreach (var s in perSchool)
            {
                onTime[s.SchoolId] = onTime.GetValueOrDefault(s.SchoolId) + s.N;
            }
        }

        return [.. all.Select(a => new AidApprovalFigures(a.SchoolId, a.ScopePath, a.N, onTime.GetValueOrDefault(a.SchoolId)))];
    }

    private IQueryable<AidEntry> ApprovedOf(int fiscalYear) => db.Set<AidEntry>().AsNoTracking()
        .Where(e => e.State == AidEntryState.Approved
                    && ((e.SchoolYear == fiscalYear - 1 && e.Semester == Semester.Spring) || (e.SchoolYear == fiscalYear && e.Semester == Semester.Autumn)));
}
