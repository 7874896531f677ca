using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Students.Domain;

/// <summary>
/// The ledger of the bulk import (`tsa import students`): one row per committed batch of a file, written in the same
/// transaction as the batch's students and its audit event. A run after an interruption skips the batches found here;
/// a batch not found here left nothing behind (docs/adr/0010-bulk-student-import.md).
/// </summary>
public sealed class StudentImportBatch : IScoped
{
    private StudentImportBatch()
    {
    }

    public StudentImportBatch(Guid id, string fileSha256, string fileName, int batchNumber, int schoolId, string schoolCode, string scopePath,
        int firstRow, int lastRow, int imported, int unchanged, string importedBy, DateTime importedAtUtc)
    {
        Id = id;
        FileSha256 = fileSha256;
        FileName = fileName;
        BatchNumber = batchNumber;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        FirstRow = firstRow;
        LastRow = lastRow;
        Imported = imported;
        Unchanged = unchanged;
        ImportedBy = importedBy;
        ImportedAtUtc = importedAtUtc;
    }

    public Guid Id { get; private set; }

    public string FileSha256 { get; private set; } = "";

    public string FileName { get; private set; } = "";

    public int BatchNumber { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public int FirstRow { get; private set; }

    public int LastRow { get; private set; }

    public int Imported { get; private set; }

    public int Unchanged { get; private set; }

    public string ImportedBy { get; private set; } = "";

    public DateTime ImportedAtUtc { get; private set; }
}
