using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Features;

internal sealed class BulkFileState(SchoolRef school, string sha256, string fileName)
{
    public SchoolRef School { get; } = school;

    public string Sha256 { get; } = sha256;

    public string FileName { get; } = fileName;

    /// <summary>The registration batch the approved records name (one per file and run).</summary>
    public Guid BatchGuid { get; } = Guid.CreateVersion7();

    /// <summary>First 16 bytes of each person's blind index → first row, for "the same person twice in this file".</summary>
    public Dictionary<UInt128, int> FirstRowOfPerson { get; } = [];

    public Dictionary<int, int> NextNumber { get; } = [];

    public List<ImportError> Errors { get; } = [];

    public int Imported { get; set; }

    public int Unchanged { get; set; }

    public int Written { get; set; }

    public int Skipped { get; set; }

    public int Refused { get; set; }
}

/// <summary>What the workers of one run share: progress, the imported count (for re-analysing), the phase timings.</summary>
internal sealed class BulkRunState(BulkTally tally)
{
    private readonly Dictionary<string, long> _phases = [];
    private long _imported;
    private long _analyzeAt = 200_000;

    public BulkTally Tally { get; } = tally;

    public long Imported
    {
        get
        {
            lock (_phases)
            {
                return _imported;
            }
        }
    }

    /// <summary>Counts a written batch; true for the one worker whose batch doubled the run's rows since the last ANALYZE.</summary>
    public bool Written(int rows)
    {
        lock (_phases)
        {
            _imported += rows;
            if (_imported < _analyzeAt)
            {
                return false;
            }

            _analyzeAt = _imported * 2;
            return true;
        }
    }

    /// <summary>Milliseconds per phase of the run's batches (validate, holders, records, write, commit), for the benchmark.</summary>
    public void AddPhase(string what, long milliseconds)
    {
        lock (_phases)
        {
            _phases[what] = _phases.GetValueOrDefault(what) + milliseconds;
        }
    }

    public Dictionary<string, long> Phases()
    {
        lock (_phases)
        {
            return new Dictionary<string, long>(_phases);
        }
    }
}

/// <summary>Progress over every file of the run, whichever worker reads it.</summary>
internal sealed class BulkTally(long bytesTotal, IProgress<BulkProgress>? progress)
{
    private readonly Dictionary<string, long> _positions = [];
    private long _bytesDone;
    private long _rows;
    private long _imported;

    public void Advance(string file, long positionInFile, int rows, int importedInFile)
    {
        BulkProgress now;
        lock (_positions)
        {
            _rows += rows;
            _positions[file] = positionInFile;
            now = new BulkProgress(_bytesDone + _positions.Values.Sum(), bytesTotal, _rows, _imported + importedInFile);
        }

        progress?.Report(now);
    }

    public void FileDone(string file, long length, int imported)
    {
        BulkProgress now;
        lock (_positions)
        {
            _positions.Remove(file);
            _bytesDone += length;
            _imported += imported;
            now = new BulkProgress(_bytesDone, bytesTotal, _rows, _imported);
        }

        progress?.Report(now);
    }
}
