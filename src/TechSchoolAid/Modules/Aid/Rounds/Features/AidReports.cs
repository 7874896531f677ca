using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds.Features;

/// <summary>
/// AID-2 (priority and watch groups) and AID-7 (central-funding gap) over the caller's scope, per school, city and
/// province. Lists are built in SQL over the scope; the per-school money uses the province's policy and central share.
/// </summary>
public sealed class AidReports(TsaDbContext db, IAidPolicies policies, ISchoolFees fees, FundingGapCauses causes, TimeProvider clock)
{
    private const int MaxStudents = 2000;

    public static void Map(IEndpointRouteBuilder reports)
    {
        reports.MapGet("/priority-gaps", (int schoolYear, Semester semester, AidReports r, CancellationToken ct) => r.PriorityGapsAsync(schoolYear, semester, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("重点保障群体未享受资助、关注群体尚未认定的学生（按学校/市/省汇总）").ProducesProblem(400);
        reports.MapGet("/funding-gap", (int schoolYear, Semester semester, AidItem item, bool? perSchool, AidReports r, CancellationToken ct) =>
                r.FundingGapAsync(schoolYear, semester, item, perSchool == true, ct))
            .RequirePermission(Permission.ViewStudents)
            .WithSummary("中央资金缺口及其原因：未申报的符合条件学生（学校负责）、逾期审批（审批层级负责）、申报与审核通过之差，按国家测算标准和中央分担比例计价（按省/市/学校）")
            .Produces<FundingGapReport>().ProducesProblem(400);
        reports.MapGet("/funding-gap/export", async (int schoolYear, Semester semester, AidItem item, AidReports r, CancellationToken ct) =>
        {
            var (bytes, name) = await r.ExportFundingGapAsync(schoolYear, semester, item, ct);
            return TypedResults.File(bytes, ExportAidEntries.XlsxType, name);
        }).RequireAccess(AidRoundAccess.Export)
            .WithSummary("导出中央资金缺口 Excel（逐校）").ProducesFile(FileResponses.Xlsx).ProducesProblem(400).ProducesProblem(403);
    }

    /// <summary>AID-7 per school as an Excel file, recorded in the audit.</summary>
    public async Task<(byte[] Bytes, string FileName)> ExportFundingGapAsync(int schoolYear, Semester semester, AidItem item, CancellationToken ct)
    {
        db.Actor.Demand(AidRoundAccess.Export);
        var report = await FundingGapAsync(schoolYear, semester, item, true, ct);
        db.Record(AidRoundAuditActions.FundingGapExported, $"{schoolYear}-{semester}-{item}", db.ScopePath, null, new { rows = report.Rows.Count }, clock);
        await db.SaveChangesAsync(ct);
        return (FundingGapExcel(report), $"中央资金缺口-{report.Term}-{report.ItemText}.xlsx");
    }

    public static byte[] FundingGapExcel(FundingGapReport report) =>
        SafeExcel.Write(report.Rows.Append(report.Total).Select(x => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["代码"] = x.Code,
            ["名称"] = x.Name,
            ["层级"] = x.Level,
            ["学校数"] = x.Schools,
            ["未申报的符合条件学生（学校负责）"] = x.Undeclared,
            ["未申报中央资金缺口（元）"] = x.UndeclaredCentralFen / 100m,
            ["逾期审批人数"] = x.LateApproved,
            ["逾期审批负责层级"] = x.LateAnswerable,
            ["逾期审批中央资金缺口（元）"] = x.LateCentralFen / 100m,
            ["申报符合条件人数"] = x.DeclaredEligible,
            ["审核通过人数"] = x.Approved,
            ["差额人数"] = x.Gap,
            ["差额资金（元）"] = x.GapAmountFen / 100m,
            ["中央分担比例（%）"] = x.CentralSharePercent,
            ["中央资金缺口（元）"] = x.CentralGapFen / 100m,
            ["中央资金缺口合计（元）"] = x.TotalCentralGapFen / 100m,
        }), "中央资金缺口");

    public async Task<PriorityGapReport> PriorityGapsAsync(int schoolYear, Semester semester, CancellationToken ct)
    {
        var term = new AidTerm(schoolYear, semester);
        if (!term.IsValid)
        {
            throw AppException.Invalid("schoolYear", "请填写正确的学年和学期");
        }

        var aided = db.Set<AidEntry>().Where(e => e.SchoolYear == schoolYear && e.Semester == semester
                                                  && (e.State == AidEntryState.Proposed || e.State == AidEntryState.Approved)).Select(e => e.StudentId);
        var current = db.Set<HardshipAssessment>().AsNoTracking().Where(a => a.SchoolYear == schoolYear && a.SupersededAtUtc == null);
        var active = db.StudentAidFactsInScope().Where(s => s.Status == EnrolmentStatus.Active && s.RegistrationApproved);
        var priority = from a in current
                       where a.PriorityGroups != PriorityGroups.None && !aided.Contains(a.StudentId)
                       join s in active on a.StudentId equals s.Id
                       select new { a.StudentId, a.SchoolCode, a.StudentName, a.ClassName, a.PriorityGroups, Watch = a.WatchGroups, a.Level, Kind = 1 };
        var watch = from a in current
                    where a.WatchGroups != WatchGroups.None && a.PriorityGroups == PriorityGroups.None && a.Level == null
                    join s in active on a.StudentId equals s.Id
                    select new { a.StudentId, a.SchoolCode, a.StudentName, a.ClassName, a.PriorityGroups, Watch = a.WatchGroups, a.Level, Kind = 2 };
        var rows = await priority.Concat(watch).OrderBy(r => r.SchoolCode).ThenBy(r => r.ClassName).ThenBy(r => r.StudentName).Take(MaxStudents + 1).ToListAsync(ct);
        var pCounts = await priority.GroupBy(r => r.SchoolCode).Select(g => new { Code = g.Key, N = g.Count() }).ToListAsync(ct);
        var wCounts = await watch.GroupBy(r => r.SchoolCode).Select(g => new { Code = g.Key, N = g.Count() }).ToListAsync(ct);

        var orgs = await db.Organizations().Select(o => new { o.Code, o.Name, o.ScopePath, o.Level }).ToListAsync(ct);
        var schoolsByCode = orgs.Where(o => o.Level == OrgLevel.School).ToDictionary(o => o.Code);
        var under = GroupLevel(db.Actor.ScopePath);
        var summary = schoolsByCode.Values
            .Select(s => new { Group = GroupOf(s.ScopePath, under), s.Code })
            .GroupBy(x => x.Group)
            .Select(g =>
            {
                var org = orgs.FirstOrDefault(o => o.Code == g.Key);
                var codes = g.Select(x => x.Code).ToHashSet();
                return new PriorityGapSummary(g.Key, org?.Name ?? g.Key,
                    pCounts.Where(c => codes.Contains(c.Code)).Sum(c => c.N), wCounts.Where(c => codes.Contains(c.Code)).Sum(c => c.N));
            })
            .Where(s => s.PriorityWithoutAid + s.WatchNotAssessed > 0)
            .OrderByDescending(s => s.PriorityWithoutAid).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();

        var students = rows.Take(MaxStudents).Select(r => new PriorityGap(r.StudentId, r.SchoolCode, schoolsByCode.GetValueOrDefault(r.SchoolCode)?.Name ?? r.SchoolCode,
            r.StudentName, r.ClassName, [.. Groups(r.PriorityGroups, r.Watch)], r.Level?.ToChinese(),
            r.Kind == 1 ? $"重点保障群体，{term}未享受国家助学金或免学费" : "关注群体，尚未完成家庭经济困难认定")).ToList();
        return new PriorityGapReport(term.ToString(), summary, students, pCounts.Sum(c => c.N) + wCounts.Sum(c => c.N));
    }

    /// <summary>
    /// AID-7: per organisation one level below the caller (the schools of a school or city caller), the causes of the term's
    /// central-funding gap (人社厅函〔2024〕53号 二（二）; <see cref="FundingGapCauses"/>): eligible students on no list,
    /// including schools that opened no list; lines approved after the deadline; the declared eligible count against the
    /// approved count. Each student is priced for the term at the national calculation standard (grant: half the national
    /// average standard in force; waiver: half the school's tuition, the waiver's basis) × the central share of the school
    /// (<see cref="IAidPolicies.CentralSharePercentFor"/>: the city's for a 计划单列市, else the province's).
    /// </summary>
    public async Task<FundingGapReport> FundingGapAsync(int schoolYear, Semester semester, AidItem item, bool perSchool, CancellationToken ct)
    {
        var term = new AidTerm(schoolYear, semester);
        if (!term.IsValid || !Enum.IsDefined(item))
        {
            throw AppException.Invalid("schoolYear", "请填写正确的学年、学期和资助项目");
        }

        var rounds = await db.Set<AidRound>().AsNoTracking().Where(r => r.SchoolYear == schoolYear && r.Semester == semester && r.Item == item)
            .Select(r => new { r.Id, r.SchoolId, r.SchoolCode, r.ScopePath, r.SupervisorPath, r.ApprovalDeadline, r.DeclaredEligibleCount }).ToListAsync(ct);
        var approved = await db.Set<AidEntry>().AsNoTracking()
            .Where(e => e.SchoolYear == schoolYear && e.Semester == semester && e.Item == item && e.State == AidEntryState.Approved)
            .GroupBy(e => e.RoundId).Select(g => new { RoundId = g.Key, N = g.Count() }).ToListAsync(ct);
        var schoolsInScope = await db.Organizations().Where(o => o.Level == OrgLevel.School).ToListAsync(ct);
        var provinceOf = schoolsInScope.Where(o => o.ProvinceCode is not null).ToDictionary(o => o.Id, o => o.ProvinceCode!);
        var undeclared = await causes.UndeclaredAsync(term, item, provinceOf, ct);
        var late = await causes.LateApprovedAsync(term, item, rounds.Select(r => r.ApprovalDeadline), ct);
        var nationalGrant = item == AidItem.Grant ? await causes.NationalGrantAverageFenAsync(term, ct) : null;

        var schoolIds = rounds.Select(r => r.SchoolId).Concat(undeclared.Keys).Distinct().ToList();
        var orgs = await db.AllOrganizations().Where(o => schoolIds.Contains(o.Id)).ToListAsync(ct);
        var orgById = orgs.ToDictionary(o => o.Id);
        var names = await db.Organizations().Select(o => new { o.Code, o.Name }).ToDictionaryAsync(o => o.Code, o => o.Name, ct);

        var schedules = item == AidItem.Waiver ? await fees.SchedulesAsync(schoolIds, term.StartsOn, ct) : new Dictionary<int, ISchoolFeeSchedule>();
        var shareCache = new Dictionary<(string, string?), int?>();
        var roundsOf = rounds.ToLookup(r => r.SchoolId);
        var approvedOf = approved.ToDictionary(a => a.RoundId, a => a.N);
        var perSchoolRows = new List<(string ScopePath, FundingGapRow Row)>();
        foreach (var schoolId in schoolIds)
        {
            var school = orgById[schoolId];
            var province = school.ProvinceCode ?? "";
            if (!shareCache.TryGetValue((province, school.CityCode), out var share))
            {
                share = shareCache[(province, school.CityCode)] = await policies.CentralSharePercentFor(province, school.CityCode, term.StartsOn, ct);
            }

            var perStudent = item == AidItem.Grant ? (nationalGrant ?? 0) / 2 : (schedules.GetValueOrDefault(school.Id)?.WaiverFor(null).YearFen ?? 0) / 2;
            long Central(long n) => share is { } p ? n * perStudent * p / 100 : 0;
            var own = roundsOf[schoolId].ToList();
            var declared = own.Sum(r => r.DeclaredEligibleCount);
            var approvedCount = own.Sum(r => approvedOf.GetValueOrDefault(r.Id));
            var lateCount = own.Sum(r => late.GetValueOrDefault(r.Id));
            var answerable = string.Join("、", own.Where(r => late.ContainsKey(r.Id)).Select(r => Answerable(r.SupervisorPath)).Distinct());
            var gap = Math.Max(0, declared - approvedCount);
            var notListed = undeclared.GetValueOrDefault(schoolId);
            var scopePath = own.FirstOrDefault()?.ScopePath ?? school.ScopePath;
            perSchoolRows.Add((scopePath, new FundingGapRow(school.Code, school.Name, "学校", 1, declared, approvedCount, gap, gap * perStudent, share, Central(gap),
                notListed, Central(notListed), lateCount, Central(lateCount), answerable, perStudent)));
        }

        var under = GroupLevel(db.Actor.ScopePath);
        var rows = perSchool || under == 3
            ? perSchoolRows.Select(x => x.Row).ToList()
            : perSchoolRows.GroupBy(x => GroupOf(x.ScopePath, under)).Select(g => Sum(g.Key, names.GetValueOrDefault(g.Key, g.Key), under == 1 ? "省" : g.Key.Length == 4 ? "市" : "省管学校", g.Select(x => x.Row))).ToList();
        rows = [.. rows.OrderByDescending(r => r.TotalCentralGapFen).ThenBy(r => r.Code, StringComparer.Ordinal)];
        return new FundingGapReport(term.ToString(), item, AidTerm.ItemText(item), rows, Sum("", "合计", "", perSchoolRows.Select(x => x.Row)));
    }

    /// <summary>Who answers for a late approval: the round's approving level ("/44/4401/" the city, "/44/" the province).</summary>
    private static string Answerable(string supervisorPath)
    {
        var parts = supervisorPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "部级",
            1 => $"省级（{parts[0]}）",
            _ => $"市级（{parts[^1]}）",
        };
    }

    private static FundingGapRow Sum(string code, string name, string level, IEnumerable<FundingGapRow> rows)
    {
        var list = rows.ToList();
        var shares = list.Select(r => r.CentralSharePercent).Distinct().ToList();
        var prices = list.Select(r => r.PerStudentFen).Distinct().ToList();
        return new FundingGapRow(code, name, level, list.Sum(r => r.Schools), list.Sum(r => r.DeclaredEligible), list.Sum(r => r.Approved), list.Sum(r => r.Gap),
            list.Sum(r => r.GapAmountFen), shares.Count == 1 ? shares[0] : null, list.Sum(r => r.CentralGapFen),
            list.Sum(r => r.Undeclared), list.Sum(r => r.UndeclaredCentralFen), list.Sum(r => r.LateApproved), list.Sum(r => r.LateCentralFen),
            string.Join("、", list.SelectMany(r => r.LateAnswerable.Split('、', StringSplitOptions.RemoveEmptyEntries)).Distinct()), prices.Count == 1 ? prices[0] : 0);
    }

    /// <summary>The path depth to group by: provinces for the ministry (1), cities for a province (2), schools below (3).</summary>
    private static int GroupLevel(string actorPath) => actorPath.Count(c => c == '/') switch
    {
        1 => 1,
        2 => 2,
        _ => 3,
    };

    /// <summary>The code of the organisation at <paramref name="depth"/> on the path (a 省管 school stands for itself under its province).</summary>
    private static string GroupOf(string scopePath, int depth)
    {
        var parts = scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts[Math.Min(depth, parts.Length) - 1];
    }

    private static IEnumerable<string> Groups(PriorityGroups p, WatchGroups w)
    {
        foreach (var g in Enum.GetValues<PriorityGroups>().Where(g => g != PriorityGroups.None && p.HasFlag(g)))
        {
            yield return g.ToChinese();
        }

        foreach (var g in Enum.GetValues<WatchGroups>().Where(g => g != WatchGroups.None && w.HasFlag(g)))
        {
            yield return g.ToChinese();
        }
    }
}
