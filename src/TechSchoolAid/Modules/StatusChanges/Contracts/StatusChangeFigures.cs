using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features;

namespace TechSchoolAid.Modules.StatusChanges.Contracts;

/// <summary>STA-2's on-time figures of one school, for other modules (the supervision compliance summary).</summary>
public sealed record SchoolOnTimeFigure(string SchoolCode, string SchoolName, int Due, int OnTime, int ProcessedLate, int OverdueOpen, double? Rate);

/// <summary>A moment a student's record was worked on by a status change (entered, submitted or approved), for "activity" rules.</summary>
public sealed record StatusChangeActivityRow
{
    public Guid StudentId { get; init; }

    public DateTime AtUtc { get; init; }
}

/// <summary>The status-change figures other modules may use; the rules stay in <see cref="StatusChangeOnTimeRates"/>.</summary>
public sealed class StatusChangeFigures(StatusChangeOnTimeRates rates)
{
    public async Task<IReadOnlyList<SchoolOnTimeFigure>> OnTimeRatesAsync(string? schoolCode, CancellationToken ct) =>
        (await rates.HandleAsync(schoolCode, ct))
            .Select(r => new SchoolOnTimeFigure(r.SchoolCode, r.SchoolName, r.Total, r.OnTime, r.ProcessedLate, r.OverdueOpen, r.Rate))
            .ToList();
}

public static class StatusChangeActivity
{
    /// <summary>Status-change activity per student record in the actor's scope, composable into a NOT EXISTS or MAX.</summary>
    public static IQueryable<StatusChangeActivityRow> StatusChangeActivityRows(this TsaDbContext db) =>
        db.Set<StatusChange>().AsNoTracking().Select(c => new StatusChangeActivityRow
        {
            StudentId = c.StudentId,
            AtUtc = c.UndoneAtUtc ?? c.ApprovedAtUtc ?? c.SubmittedAtUtc ?? c.EnteredAtUtc,
        });
}
