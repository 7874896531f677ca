using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar.Contracts;

namespace TechSchoolAid.Modules.Calendar.Features;

public sealed record CalendarImportResult(IReadOnlyList<int> Years, int Days, IReadOnlyList<string> Errors);

/// <summary>Loads a year's holidays (CSV as published in ReferenceData/cn-holidays.csv) replacing the years it contains.</summary>
public sealed class ImportCalendar(TsaDbContext db, WorkingDays workingDays, TimeProvider clock)
{
    public const long MaxFileBytes = 1024 * 1024;

    public async Task<CalendarImportResult> HandleAsync(Stream csv, CancellationToken cancellationToken)
    {
        db.Actor.Demand(CalendarAccess.Manage);

        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var parsed = WorkingDayCalendar.ParseCsv(reader, out var errors);
        if (errors.Count > 0)
        {
            return new CalendarImportResult([], 0, errors);
        }

        var days = parsed.Days.ToList();
        if (days.Count == 0)
        {
            return new CalendarImportResult([], 0, ["文件中没有任何日期"]);
        }

        var years = days.Select(d => d.Date.Year).Distinct().Order().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var year in years)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            await db.Set<CalendarDay>().Where(d => d.Date >= from && d.Date <= to).ExecuteDeleteAsync(cancellationToken);
        }

        db.Set<CalendarDay>().AddRange(days);
        db.Record(CalendarAuditActions.Imported, string.Join(",", years), "/", null, new { years, days = days.Count }, clock);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        await workingDays.ReloadAsync(db, cancellationToken);
        return new CalendarImportResult(years, days.Count, []);
    }
}
