using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// One payment to one student in a batch. It names the approved line it pays (<see cref="AidEntryId"/>), the card it went
/// to and, in <see cref="Basis"/>, the student's status and the approval as they stood on the payment date, so that every
/// yuan paid can be traced (STA-5). <see cref="Reference"/> is the 流水号 the bank echoes in its return file. A student is
/// paid at most once per approved line and period (a unique index over the lines waiting or paid).
/// </summary>
public sealed class PaymentLine : IScoped
{
    private PaymentLine()
    {
    }

    public PaymentLine(Guid id, PaymentBatch batch, Guid studentId, Guid aidEntryId, Guid cardId, string reference, string studentName,
        string cardMasked, string holderName, long amountFen, string basis, Guid? repaysLineId)
    {
        Id = id;
        BatchId = batch.Id;
        SchoolId = batch.SchoolId;
        ScopePath = batch.ScopePath;
        Item = batch.Item;
        PeriodStart = batch.PeriodStart;
        PeriodEnd = batch.PeriodEnd;
        FiscalYear = batch.FiscalYear;
        StudentId = studentId;
        AidEntryId = aidEntryId;
        CardId = cardId;
        Reference = reference;
        StudentName = studentName;
        CardMasked = cardMasked;
        HolderName = holderName;
        AmountFen = amountFen;
        Basis = basis;
        RepaysLineId = repaysLineId;
        State = PaymentLineState.Pending;
    }

    /// <summary>A repayment: the failed line's student, approved line, period and amount, to the corrected card, in a repayment batch.</summary>
    public static PaymentLine Repayment(Guid id, PaymentBatch batch, PaymentLine failed, Guid cardId, string cardMasked, string holderName, string reference, string basis)
    {
        if (failed.State != PaymentLineState.Failed)
        {
            throw AppException.Conflict($"流水号 {failed.Reference} 不是发放失败的记录，不能重新发放");
        }

        if (failed.CardId == cardId)
        {
            throw AppException.Conflict($"{failed.StudentName} 的银行卡尚未更正，不能重新发放");
        }

        return new PaymentLine(id, batch, failed.StudentId, failed.AidEntryId, cardId, reference, failed.StudentName, cardMasked, holderName, failed.AmountFen, basis, failed.Id)
        {
            PeriodStart = failed.PeriodStart,
            PeriodEnd = failed.PeriodEnd,
        };
    }

    public Guid Id { get; private set; }

    public Guid BatchId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public AidItem Item { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public int FiscalYear { get; private set; }

    public Guid StudentId { get; private set; }

    public Guid AidEntryId { get; private set; }

    public Guid CardId { get; private set; }

    /// <summary>The payment's serial number (流水号), unique, echoed by the bank's return file.</summary>
    public string Reference { get; private set; } = "";

    public string StudentName { get; private set; } = "";

    public string CardMasked { get; private set; } = "";

    public string HolderName { get; private set; } = "";

    public long AmountFen { get; private set; }

    /// <summary>Why the student was paid on the payment date: status, approval (who, when).</summary>
    public string Basis { get; private set; } = "";

    public PaymentLineState State { get; private set; }

    /// <summary>The bank's reason for a failed line, as the return file gives it.</summary>
    public string? BankReason { get; private set; }

    public DateOnly? SettledOn { get; private set; }

    /// <summary>For a repayment: the failed line it pays again.</summary>
    public Guid? RepaysLineId { get; private set; }

    public int Version { get; private set; }

    public void Settle(bool paid, string? bankReason, DateOnly on)
    {
        if (State != PaymentLineState.Pending)
        {
            throw AppException.Conflict($"流水号 {Reference} 已有银行回盘结果（{State.ToChinese()}）");
        }

        State = paid ? PaymentLineState.Paid : PaymentLineState.Failed;
        BankReason = paid ? null : bankReason;
        SettledOn = on;
        Version++;
    }

    /// <summary>A failed line paid again by a new line in a repayment batch.</summary>
    public void MarkRepaid()
    {
        if (State != PaymentLineState.Failed)
        {
            throw AppException.Conflict($"流水号 {Reference} 不是发放失败的记录，不能重新发放");
        }

        State = PaymentLineState.Repaid;
        Version++;
    }

    /// <summary>
    /// A line never sent because the student stopped qualifying before its period (STA-5): only a line still waiting in a
    /// batch whose bank file was not exported (the caller checks the batch).
    /// </summary>
    public void Stop(string reason)
    {
        if (State != PaymentLineState.Pending)
        {
            throw AppException.Conflict($"流水号 {Reference} 已有结果（{State.ToChinese()}），不能停发");
        }

        State = PaymentLineState.Stopped;
        BankReason = reason.Length > 200 ? reason[..200] : reason;
        Version++;
    }
}
