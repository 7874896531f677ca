using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features;

/// <summary>
/// The one check every money write makes first (FND-2): a fiscal year closed by the organisation that owns a record, or
/// by any organisation above it, is read-only. A school's batch of 2026 cannot change once the school, its city, its
/// province or the ministry has closed 2026.
/// </summary>
public sealed class FundsYearGuard(TsaDbContext db)
{
    /// <summary>Refuses (409, in Chinese) a write to <paramref name="scopePath"/>'s records of <paramref name="fiscalYear"/> when that year is closed at or above it.</summary>
    public async Task EnsureOpenAsync(string scopePath, int fiscalYear, CancellationToken ct)
    {
        var closedBy = await ClosedByAsync(scopePath, fiscalYear, ct);
        if (closedBy is not null)
        {
            throw AppException.Conflict($"{fiscalYear}年度的资金账目已关闭（{closedBy}已完成决算），不能再修改；如需更正，请先由该单位重新开放年度");
        }
    }

    /// <summary>Whether the year is closed for the records at <paramref name="scopePath"/>.</summary>
    public async Task<bool> IsClosedAsync(string scopePath, int fiscalYear, CancellationToken ct) =>
        await ClosedByAsync(scopePath, fiscalYear, ct) is not null;

    private async Task<string?> ClosedByAsync(string scopePath, int fiscalYear, CancellationToken ct)
    {
        var paths = PathAndAncestors(scopePath);
        var closed = await db.Unscoped<FundsYear>("a year closed by a supervising level binds the records below it")
            .Where(y => y.FiscalYear == fiscalYear && y.IsClosed && paths.Contains(y.ScopePath))
            .OrderBy(y => y.ScopePath.Length).Select(y => y.ScopePath).FirstOrDefaultAsync(ct);
        return closed is null ? null : closed == "/" ? "教育部/人力资源社会保障部" : $"机构 {closed.TrimEnd('/').Split('/')[^1]}";
    }

    /// <summary>"/44/4401/44010001/" → "/", "/44/", "/44/4401/", "/44/4401/44010001/".</summary>
    public static List<string> PathAndAncestors(string scopePath)
    {
        var paths = new List<string> { "/" };
        var parts = scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var path = "/";
        foreach (var part in parts)
        {
            path += part + "/";
            paths.Add(path);
        }

        return paths;
    }
}
