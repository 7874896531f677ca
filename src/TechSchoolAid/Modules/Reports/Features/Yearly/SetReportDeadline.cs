using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Yearly;

public sealed class ReportDeadlineInput
{
    public DateOnly? DueOn { get; set; }

    /// <summary>The document that sets it (name and number).</summary>
    public string? Source { get; set; }

    public int? Version { get; set; }
}

public sealed record ReportDeadlineView(int Year, DateOnly DueOn, string Source, string SetBy, DateTime SetAtUtc, int Version);

/// <summary>The ministry sets (or moves) the deadline for a year's report, with its source: policy data, audited old → new.</summary>
public sealed class SetReportDeadline(TsaDbContext db, YearlyReportBuilder builder, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/yearly/{year:int}/deadline", (int year, ReportDeadlineInput input, SetReportDeadline f, CancellationToken ct) => f.HandleAsync(year, input, ct))
            .RequireAccess(ReportAccess.Review)
            .WithSummary("部级设定某年度年度报告的报送期限（须注明依据文件）")
            .Produces<ReportDeadlineView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<ReportDeadlineView> HandleAsync(int year, ReportDeadlineInput input, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.Review, "/");
        builder.CheckYear(year);
        if (input.DueOn is not { } dueOn)
        {
            throw AppException.Invalid("dueOn", "请填写报送期限");
        }

        InputGuard.RequireDates(("dueOn", dueOn));
        var source = input.Source?.Trim() ?? "";
        if (source.Length == 0)
        {
            throw AppException.Invalid("source", "请填写期限的依据（文件名称和文号）");
        }

        if (InputGuard.TextProblem(source, YearlyReportDeadline.MaxSourceLength) is { } problem)
        {
            throw AppException.Invalid("source", $"依据{problem}");
        }

        var row = await db.Set<YearlyReportDeadline>().FirstOrDefaultAsync(d => d.Year == year, ct);
        var old = row is null ? null : new { dueOn = ChinaTime.Iso(row.DueOn), row.Source };
        if (row is null)
        {
            row = new YearlyReportDeadline(Guid.CreateVersion7(), year);
            db.Add(row);
        }
        else if (input.Version is { } v && v != row.Version)
        {
            throw AppException.Conflict("该年度的报送期限已被他人修改，请刷新后重试");
        }

        row.Set(dueOn, source, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(ReportAuditActions.DeadlineSet, year.ToString(System.Globalization.CultureInfo.InvariantCulture), "/", old, new { dueOn = ChinaTime.Iso(dueOn), source }, clock);
        await ReportSteps.SaveAsync(db, ct);
        return new ReportDeadlineView(year, row.DueOn, row.Source, row.SetBy, row.SetAtUtc, row.Version);
    }
}
