using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// A voucher of a payment batch or of a waiver compensation (FND-2: bank receipt, signed list): PDF, JPG or PNG, its type
/// decided by its bytes, stored with its SHA-256 so the year's work file can prove it unchanged.
/// </summary>
public sealed class FundsVoucher : IScoped
{
    private FundsVoucher()
    {
    }

    public FundsVoucher(Guid id, Guid? batchId, Guid? compensationId, int schoolId, string scopePath, int fiscalYear, VoucherKind kind,
        string fileName, string contentType, byte[] content, string sha256, string? note, string by, DateTime atUtc)
    {
        Id = id;
        BatchId = batchId;
        CompensationId = compensationId;
        SchoolId = schoolId;
        ScopePath = scopePath;
        FiscalYear = fiscalYear;
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        Size = content.Length;
        Sha256 = sha256;
        Note = note;
        UploadedBy = by;
        UploadedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid? BatchId { get; private set; }

    public Guid? CompensationId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public int FiscalYear { get; private set; }

    public VoucherKind Kind { get; private set; }

    public string FileName { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public int Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string? Note { get; private set; }

    public string UploadedBy { get; private set; } = "";

    public DateTime UploadedAtUtc { get; private set; }
}
