using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// The bank's return file (回盘文件) of a batch, kept as received with its SHA-256 for the year's file (FND-2). One per
/// batch: a second import, also a concurrent one, is refused by the unique index.
/// </summary>
public sealed class PaymentReturnFile : IScoped
{
    private PaymentReturnFile()
    {
    }

    public PaymentReturnFile(Guid id, PaymentBatch batch, string fileName, byte[] content, string sha256, int paidCount, int failedCount, string by, DateTime atUtc)
    {
        Id = id;
        BatchId = batch.Id;
        SchoolId = batch.SchoolId;
        ScopePath = batch.ScopePath;
        FiscalYear = batch.FiscalYear;
        FileName = fileName;
        Content = content;
        Sha256 = sha256;
        PaidCount = paidCount;
        FailedCount = failedCount;
        ImportedBy = by;
        ImportedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid BatchId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public string FileName { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; private set; } = "";

    public int PaidCount { get; private set; }

    public int FailedCount { get; private set; }

    public string ImportedBy { get; private set; } = "";

    public DateTime ImportedAtUtc { get; private set; }
}
