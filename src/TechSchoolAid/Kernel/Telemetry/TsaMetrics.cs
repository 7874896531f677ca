using System.Diagnostics.Metrics;

namespace TechSchoolAid.Kernel.Telemetry;

/// <summary>
/// The system's own counters, next to ASP.NET Core's and the database driver's: what operators and the ministry's
/// duty desk watch during the registration and approval peaks. Tags carry kinds and levels, never a person or a school
/// name (nothing personal leaves the process through telemetry).
/// </summary>
public static class TsaMetrics
{
    public const string MeterName = "TechSchoolAid";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>("tsa.import.rows", "{row}", "Rows of student import files, by outcome (accepted, refused) and channel (screen, bulk)");
    private static readonly Counter<long> StateChanges = Meter.CreateCounter<long>("tsa.state_changes", "{change}", "Audited state changes by action (student.approved, aid.round.returned, …): approvals, returns, submissions, imports");
    private static readonly Counter<long> CrossCheckRows = Meter.CreateCounter<long>("tsa.crosscheck.rows", "{row}", "Rows of the ministry of education's monthly file read, by outcome (read, rejected, matched)");
    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>("tsa.public_lookups", "{lookup}", "Public certificate lookups, by outcome (found, not_found, refused)");

    public static void Imported(string channel, string outcome, long rows)
    {
        if (rows > 0)
        {
            ImportedRows.Add(rows, new("channel", channel), new("outcome", outcome));
        }
    }

    /// <summary>
    /// Counted where every state change is audited (AuditLog.Record), so approvals, returns and submissions of every
    /// module are counted by the one call they already make; the action names are a fixed catalogue, not free text.
    /// </summary>
    public static void Recorded(string action) => StateChanges.Add(1, new KeyValuePair<string, object?>("action", action));

    public static void CrossCheckRead(string outcome, long rows)
    {
        if (rows > 0)
        {
            CrossCheckRows.Add(rows, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static void Lookup(string outcome) => Lookups.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
