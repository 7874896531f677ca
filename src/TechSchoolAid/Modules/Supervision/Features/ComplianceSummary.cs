using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>One school's compliance (STA-4): status changes on time (STA-2), hanging flags (STA-3), measures.</summary>
public sealed record SchoolCompliance(
    string SchoolCode,
    string SchoolName,
    int ChangesDue,
    int ChangesOnTime,
    int ChangesProcessedLate,
    int ChangesOverdueOpen,
    double? OnTimeRate,
    int OpenFlags,
    int FlagsAwaitingAnswer,
    int OpenMeasures,
    int LateRectifications,
    int MeasuresTotal);

/// <summary>The compliance summary of every school in the caller's scope (or one of them), worst first.</summary>
public sealed class ComplianceSummary(TsaDbContext db, StatusChangeFigures figures, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/compliance", (string? schoolCode, ComplianceSummary q, CancellationToken ct) => q.ListAsync(schoolCode, ct))
            .WithTags("监管措施").WithSummary("各校合规概况：学籍异动按时办理率、未结疑似空挂、未关闭监管措施").RequirePermission(Permission.ViewStudents);

    public async Task<IReadOnlyList<SchoolCompliance>> ListAsync(string? schoolCode, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(schoolCode) ? null : schoolCode.Trim();
        var schoolRows = await db.Organizations().Where(o => o.Level == OrgLevel.School && (code == null || o.Code == code))
            .Select(o => new { o.Code, o.Name }).ToListAsync(ct);
        var rates = (await figures.OnTimeRatesAsync(code, ct)).ToDictionary(r => r.SchoolCode, StringComparer.Ordinal);
        var flags = await db.Set<HangingFlag>().AsNoTracking()
            .Where(f => (code == null || f.SchoolCode == code) && (f.State == HangingFlagState.Open || f.State == HangingFlagState.Answered))
            .GroupBy(f => f.SchoolCode)
            .Select(g => new { g.Key, Open = g.Count(), Awaiting = g.Sum(f => f.State == HangingFlagState.Open ? 1 : 0) })
            .ToDictionaryAsync(g => g.Key, ct);
        var today = clock.Today();
        var measures = await db.Set<SupervisionMeasure>().AsNoTracking()
            .Where(m => code == null || m.SchoolCode == code)
            .GroupBy(m => m.SchoolCode)
            .Select(g => new
            {
                g.Key,
                Total = g.Count(),
                Open = g.Sum(m => m.State != MeasureState.Closed ? 1 : 0),
                Late = g.Sum(m => m.State == MeasureState.Open && m.RectificationDueOn != null && m.RectificationDueOn < today ? 1 : 0),
            })
            .ToDictionaryAsync(g => g.Key, ct);
        return schoolRows
            .Select(s =>
            {
                var r = rates.GetValueOrDefault(s.Code);
                var f = flags.GetValueOrDefault(s.Code);
                var m = measures.GetValueOrDefault(s.Code);
                return new SchoolCompliance(s.Code, s.Name, r?.Due ?? 0, r?.OnTime ?? 0, r?.ProcessedLate ?? 0, r?.OverdueOpen ?? 0, r?.Rate,
                    f?.Open ?? 0, f?.Awaiting ?? 0, m?.Open ?? 0, m?.Late ?? 0, m?.Total ?? 0);
            })
            .OrderByDescending(s => s.OpenMeasures + s.OpenFlags + s.ChangesOverdueOpen)
            .ThenBy(s => s.OnTimeRate ?? 2)
            .ThenBy(s => s.SchoolCode, StringComparer.Ordinal)
            .ToList();
    }
}
