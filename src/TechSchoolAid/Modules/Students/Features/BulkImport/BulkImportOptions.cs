namespace TechSchoolAid.Modules.Students.Features;

/// <summary>How bulk-imported records land (docs/adr/0010-bulk-student-import.md).</summary>
public enum BulkLanding
{
    /// <summary>The national load: records already approved in the provincial systems land approved, with a 学籍号.</summary>
    Approved = 1,

    /// <summary>A school's new intake: records land collected, inside the registration window, as the screen import does.</summary>
    Collected = 2,
}

public sealed class BulkImportOptions
{
    public int BatchSize { get; init; } = 10_000;

    public BulkLanding Landing { get; init; } = BulkLanding.Approved;

    /// <summary>The school of every file; by default each file is named after its school code (44011001.csv).</summary>
    public string? SchoolCode { get; init; }

    /// <summary>Test hook: runs inside a batch's transaction after its rows are written and before the commit.</summary>
    public Func<int, Task>? BeforeCommit { get; init; }

    /// <summary>
    /// School files imported at once on PostgreSQL, each by its own worker on its own connection (default: one per core).
    /// While one worker's rows go through COPY and the indexes in the server, another checks and encrypts its next file.
    /// SQLite has one writer at a time: one worker there.
    /// </summary>
    public int? Workers { get; init; }
}

public sealed record BulkProgress(long BytesDone, long BytesTotal, long Rows, long Imported);

public sealed record BulkFileReport(
    string File,
    string SchoolCode,
    string Sha256,
    int Rows,
    int Imported,
    int Unchanged,
    int BatchesWritten,
    int BatchesSkipped,
    int BatchesRefused,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<ImportError> Errors)
{
    public bool Complete => FileErrors.Count == 0 && BatchesRefused == 0;
}

public sealed record BulkImportReport(IReadOnlyList<BulkFileReport> Files)
{
    public IReadOnlyDictionary<string, long> PhaseMilliseconds { get; init; } = new Dictionary<string, long>();

    public long Rows => Files.Sum(f => (long)f.Rows);

    public long Imported => Files.Sum(f => (long)f.Imported);

    public long Unchanged => Files.Sum(f => (long)f.Unchanged);

    public bool Complete => Files.All(f => f.Complete);
}
