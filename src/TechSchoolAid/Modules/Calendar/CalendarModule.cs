using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar.Contracts;
using TechSchoolAid.Modules.Calendar.Features;

namespace TechSchoolAid.Modules.Calendar;

/// <summary>
/// The official working-day calendar (CAL-1). One instance per process, loaded from the database at start and swapped
/// whole when an administrator loads a year, so every "N working days" rule reads the same calendar without a query.
/// </summary>
public sealed class WorkingDays
{
    private volatile WorkingDayCalendar _calendar = new([]);

    public WorkingDayCalendar Current => _calendar;

    public DateOnly AddWorkingDays(DateOnly start, int days) => _calendar.AddWorkingDays(start, days);

    public bool IsWorkingDay(DateOnly date) => _calendar.IsWorkingDay(date);

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>, both included (a publication period); 0 when reversed.</summary>
    public int CountInclusive(DateOnly from, DateOnly to) => to < from ? 0 : _calendar.CountWorkingDays(from.AddDays(-1), to);

    /// <summary>The last day of a period that starts on <paramref name="from"/> and holds <paramref name="days"/> working days.</summary>
    public DateOnly PeriodEnd(DateOnly from, int days) => _calendar.AddWorkingDays(from.AddDays(-1), days);

    public async Task ReloadAsync(TsaDbContext db, CancellationToken cancellationToken)
    {
        var days = await db.Set<CalendarDay>().AsNoTracking().ToListAsync(cancellationToken);
        _calendar = new WorkingDayCalendar(days);
    }
}

public static class CalendarModule
{
    public static IServiceCollection AddCalendar(this IServiceCollection services) =>
        services.AddSingleton<WorkingDays>().AddScoped<ImportCalendar>();

    public static void MapCalendarEndpoints(this IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/calendar").WithTags("工作日历");
        g.MapGet("/{year:int}", (int year, WorkingDays wd) =>
        {
            var cal = wd.Current;
            return TypedResults.Ok(new
            {
                year,
                covered = cal.CoversYear(year),
                days = cal.Days.Where(d => d.Date.Year == year).OrderBy(d => d.Date)
                    .Select(d => new { date = d.Date, kind = d.Kind.ToString(), name = d.Name }),
            });
        }).RequireSignedIn().WithSummary("某年的法定节假日与调休工作日");
        g.MapGet("/add-working-days", (DateOnly from, int days, WorkingDays wd) =>
        {
            if (Math.Abs(days) > 3660)
            {
                throw AppException.Invalid("days", "工作日数超出范围");
            }

            return TypedResults.Ok(new { from, days, result = wd.AddWorkingDays(from, days), covered = wd.Current.CoversYear(from.Year) });
        }).RequireSignedIn().WithSummary("计算 N 个工作日后的日期");
        g.MapPost("/import", async (IFormFile file, ImportCalendar handler, CancellationToken ct) =>
        {
            if (file.Length > ImportCalendar.MaxFileBytes)
            {
                throw new AppException(ErrorKind.TooLarge, "日历文件不能超过 1 MB");
            }

            await using var stream = file.OpenReadStream();
            var result = await handler.HandleAsync(stream, ct);
            if (result.Errors.Count > 0)
            {
                throw AppException.Invalid(new Dictionary<string, string[]> { ["file"] = [.. result.Errors] });
            }

            return TypedResults.Ok(result);
        }).WithSummary("导入节假日安排（CSV）").DisableAntiforgery().RequireAccess(CalendarAccess.Manage);
    }
}
