using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// A school's grant payments for one period (a month or a semester, as the province sets), built from the approved lines
/// of the term for the students whose status and approval hold on the payment date (STA-5). One regular batch per school,
/// item and period (a unique index), so building twice pays nobody twice; a repayment batch pays again the failed lines
/// whose card was corrected. Built → bank file exported → return file imported.
/// </summary>
public sealed class PaymentBatch : IScoped
{
    private PaymentBatch()
    {
    }

    public PaymentBatch(Guid id, int schoolId, string schoolCode, string schoolName, string scopePath, AidItem item, AidTerm term,
        DateOnly periodStart, DateOnly periodEnd, string periodLabel, DateOnly paymentDate, bool isRepayment, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        ScopePath = scopePath;
        Item = item;
        SchoolYear = term.SchoolYear;
        Semester = term.Semester;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        PeriodLabel = periodLabel;
        PaymentDate = paymentDate;
        FiscalYear = paymentDate.Year;
        IsRepayment = isRepayment;
        State = PaymentBatchState.Built;
        BuiltBy = by;
        BuiltAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public AidItem Item { get; private set; }

    public int SchoolYear { get; private set; }

    public Semester Semester { get; private set; }

    public AidTerm Term => new(SchoolYear, Semester);

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    /// <summary>"2026年12月" or "2026-2027学年秋季学期".</summary>
    public string PeriodLabel { get; private set; } = "";

    public DateOnly PaymentDate { get; private set; }

    /// <summary>The fiscal year the money leaves in: the payment date's calendar year.</summary>
    public int FiscalYear { get; private set; }

    public bool IsRepayment { get; private set; }

    public PaymentBatchState State { get; private set; }

    public int LineCount { get; private set; }

    public long TotalFen { get; private set; }

    public int PaidCount { get; private set; }

    public long PaidFen { get; private set; }

    public int FailedCount { get; private set; }

    public long FailedFen { get; private set; }

    public string BuiltBy { get; private set; } = "";

    public DateTime BuiltAtUtc { get; private set; }

    public string? ExportedBy { get; private set; }

    public DateTime? ExportedAtUtc { get; private set; }

    public string? ReturnImportedBy { get; private set; }

    public DateTime? ReturnImportedAtUtc { get; private set; }

    /// <summary>How many approved students were left out when the batch was built (the reasons in <see cref="ExcludedJson"/>).</summary>
    public int ExcludedCount { get; private set; }

    /// <summary>The students left out, with the reason, as JSON (<c>[{"studentId","name","reason"}]</c>), at most a few thousand.</summary>
    public string ExcludedJson { get; private set; } = "[]";

    public int Version { get; private set; }

    /// <summary>The totals of the lines written with the batch.</summary>
    public void SetLines(int count, long totalFen)
    {
        LineCount = count;
        TotalFen = totalFen;
    }

    /// <summary>The students left out when the batch was built, with their reasons.</summary>
    public void SetExcluded(int count, string json)
    {
        ExcludedCount = count;
        ExcludedJson = json;
    }

    public void MarkExported(string by, DateTime atUtc)
    {
        if (State == PaymentBatchState.Reconciled)
        {
            throw AppException.Conflict("该批次已导入银行回盘，不能再导出代发文件");
        }

        State = PaymentBatchState.Exported;
        ExportedBy = by;
        ExportedAtUtc = atUtc;
        Version++;
    }

    public void Reconcile(int paidCount, long paidFen, int failedCount, long failedFen, string by, DateTime atUtc)
    {
        if (State != PaymentBatchState.Exported)
        {
            throw AppException.Conflict(State == PaymentBatchState.Built ? "请先导出银行代发文件，再导入回盘" : "该批次的银行回盘已导入");
        }

        State = PaymentBatchState.Reconciled;
        PaidCount = paidCount;
        PaidFen = paidFen;
        FailedCount = failedCount;
        FailedFen = failedFen;
        ReturnImportedBy = by;
        ReturnImportedAtUtc = atUtc;
        Version++;
    }
}
