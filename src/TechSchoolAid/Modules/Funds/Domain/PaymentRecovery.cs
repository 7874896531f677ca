using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// Money paid for days after a back-dated change that ended the student's eligibility (STA-5): listed when the change is
/// approved (the line's amount for the days of its period after the change's date), recovered later by the school
/// (date, amount, note). One per paid line.
/// </summary>
public sealed class PaymentRecovery : IScoped
{
    private PaymentRecovery()
    {
    }

    public PaymentRecovery(Guid id, PaymentLine line, string periodLabel, long amountFen, DateOnly changeDate, string reason, string by, DateTime atUtc)
    {
        Id = id;
        LineId = line.Id;
        BatchId = line.BatchId;
        SchoolId = line.SchoolId;
        ScopePath = line.ScopePath;
        StudentId = line.StudentId;
        StudentName = line.StudentName;
        Item = line.Item;
        FiscalYear = line.FiscalYear;
        PeriodStart = line.PeriodStart;
        PeriodEnd = line.PeriodEnd;
        PeriodLabel = periodLabel;
        PaidFen = line.AmountFen;
        AmountFen = amountFen;
        ChangeDate = changeDate;
        Reason = reason;
        ListedBy = by;
        ListedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid LineId { get; private set; }

    public Guid BatchId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public Guid StudentId { get; private set; }

    public string StudentName { get; private set; } = "";

    public AidItem Item { get; private set; }

    /// <summary>The fiscal year the money left in (the line's).</summary>
    public int FiscalYear { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public string PeriodLabel { get; private set; } = "";

    /// <summary>What the line paid.</summary>
    public long PaidFen { get; private set; }

    /// <summary>What is to be recovered: the line's amount for the days of its period after the change's date.</summary>
    public long AmountFen { get; private set; }

    public DateOnly ChangeDate { get; private set; }

    /// <summary>The change, in Chinese: "退学（2026-11-10）".</summary>
    public string Reason { get; private set; } = "";

    public string ListedBy { get; private set; } = "";

    public DateTime ListedAtUtc { get; private set; }

    public long? RecoveredFen { get; private set; }

    public DateOnly? RecoveredOn { get; private set; }

    /// <summary>The fiscal year the recovered money came back in (the recovery date's): it reduces that year's payments.</summary>
    public int? RecoveredFiscalYear { get; private set; }

    public string? RecoveryNote { get; private set; }

    public string? RecordedBy { get; private set; }

    public DateTime? RecordedAtUtc { get; private set; }

    public bool IsRecovered => RecoveredOn is not null;

    public int Version { get; private set; }

    /// <summary>
    /// The amount of a line that belongs to the days after <paramref name="changeDate"/>: the whole amount for a period
    /// starting after it, the share of the period's days after it otherwise (floored to the fen), 0 when the period ended
    /// on or before it.
    /// </summary>
    public static long AmountAfter(long amountFen, DateOnly periodStart, DateOnly periodEnd, DateOnly changeDate)
    {
        if (periodEnd <= changeDate)
        {
            return 0;
        }

        if (periodStart > changeDate)
        {
            return amountFen;
        }

        var days = periodEnd.DayNumber - periodStart.DayNumber + 1;
        var after = periodEnd.DayNumber - changeDate.DayNumber;
        return amountFen * after / days;
    }

    public void Record(DateOnly on, long amountFen, string? note, string by, DateTime atUtc)
    {
        if (IsRecovered)
        {
            throw AppException.Conflict($"{StudentName} {PeriodLabel} 的应追回资金已登记追回");
        }

        if (amountFen <= 0)
        {
            throw AppException.Invalid("amountFen", "追回金额必须大于 0");
        }

        if (amountFen > PaidFen)
        {
            throw AppException.Invalid("amountFen", $"追回金额（{amountFen / 100m:0.00} 元）不能超过该笔已发放金额（{PaidFen / 100m:0.00} 元）");
        }

        RecoveredFen = amountFen;
        RecoveredOn = on;
        RecoveredFiscalYear = on.Year;
        RecoveryNote = note;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
        Version++;
    }
}
