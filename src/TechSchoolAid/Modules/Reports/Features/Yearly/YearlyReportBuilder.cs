using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

/// <summary>A generated yearly report: its scope, year, when it was generated, the last day its data covers and its tables.</summary>
/// <param name="ScopePath">"/" for the whole country, "/44/" for a province.</param>
/// <param name="ScopeName">全国 or the province's name.</param>
public sealed record YearlyReport(string ScopePath, string ScopeName, int Year, DateTime GeneratedAtUtc, DateOnly DataAsOf, IReadOnlyList<ReportTable> Tables)
{
    public string Title => $"{ScopeName}{Year}年度技工院校学生资助工作报告";
}

/// <summary>The scope a report covers, resolved for the caller: the province itself, or for the ministry the country or a named province.</summary>
public sealed record ReportScope(string ScopePath, string Name, string? ProvinceCode, int OrganizationId);

/// <summary>
/// Assembles the yearly report from every registered <see cref="IYearlyReportSource"/> (ADR 0019): the report knows no
/// module; it orders the tables and freezes them as JSON with a SHA-256 for a submission.
/// </summary>
public sealed class YearlyReportBuilder(TsaDbContext db, IEnumerable<IYearlyReportSource> sources, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Refuses a year before 2000 or after the current one.</summary>
    public int CheckYear(int year)
    {
        var today = clock.Today();
        if (year < 2000 || year > today.Year)
        {
            throw AppException.Invalid("year", $"年度应在 2000 至 {today.Year} 年之间");
        }

        return year;
    }

    /// <summary>
    /// The caller's report scope: a province reports on itself (naming another province is refused with 403); the
    /// ministry on the whole country, or on one province by its code (unknown → 404).
    /// </summary>
    public async Task<ReportScope> ScopeAsync(string? provinceCode, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ReportAccess.View);
        if (actor.Level == OrgLevel.Province)
        {
            if (provinceCode is { Length: > 0 } && provinceCode != actor.OrganizationCode)
            {
                throw AppException.Forbidden("省级只能查看本省的年度报告");
            }

            return await ProvinceAsync(actor.OrganizationCode, ct);
        }

        if (provinceCode is { Length: > 0 } code)
        {
            return await ProvinceAsync(code, ct);
        }

        var ministry = await db.Organizations().FirstAsync(o => o.Level == OrgLevel.Ministry, ct);
        return new ReportScope("/", "全国", null, ministry.Id);
    }

    public async Task<ReportScope> ProvinceAsync(string provinceCode, CancellationToken ct)
    {
        var province = await db.Organizations().FirstOrDefaultAsync(o => o.Level == OrgLevel.Province && o.Code == provinceCode, ct)
            ?? throw AppException.NotFound($"省份 {provinceCode} ");
        return new ReportScope(province.ScopePath, province.Name, province.Code, province.Id);
    }

    /// <summary>Gathers every source's tables for the scope and year, ordered (a source that reports nothing adds nothing).</summary>
    public async Task<YearlyReport> BuildAsync(ReportScope scope, int year, CancellationToken ct)
    {
        var today = clock.Today();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        if (to > today)
        {
            to = today;
        }

        var query = new YearlyReportQuery(scope.ScopePath, year, from, to);
        var tables = new List<ReportTable>();
        foreach (var source in sources)
        {
            tables.AddRange(await source.TablesAsync(query, ct));
        }

        return new YearlyReport(scope.ScopePath, scope.Name, year, clock.GetUtcNow().UtcDateTime, to,
            tables.OrderBy(t => t.Order).ThenBy(t => t.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The report as stored in a submission, and its SHA-256 (hex of the UTF-8 bytes).</summary>
    public static (string Json, string Sha256) Freeze(YearlyReport report)
    {
        var json = JsonSerializer.Serialize(report, Json);
        return (json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    /// <summary>A frozen report read back; its hash is checked so a changed row is never served as the submitted report.</summary>
    public static YearlyReport Thaw(string json, string sha256)
    {
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))), sha256, StringComparison.Ordinal))
        {
            throw AppException.Conflict("报送的年度报告校验值不符，数据可能被改动，请联系系统管理员");
        }

        return JsonSerializer.Deserialize<YearlyReport>(json, Json) ?? throw AppException.Conflict("报送的年度报告无法读取");
    }
}
