using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>A province's payment rule as shown (the current one and its history).</summary>
public sealed record PaymentRuleView(string ProvinceCode, PayFrequency Frequency, string FrequencyText, int PayDay, DateOnly EffectiveFrom, string Description,
    string SetBy, DateTime? SetAtUtc, bool IsDefault);

/// <summary>A card as shown: the number masked (last 4 digits only).</summary>
public sealed record BankCardView(Guid Id, Guid StudentId, CardKind Kind, string KindText, string NumberMasked, string HolderName, string BankName,
    bool IsCurrent, string RecordedBy, DateTime RecordedAtUtc);

/// <summary>A student of the school with the current card (or none) and whether the student has an approved grant this term.</summary>
public sealed record StudentCardRow(Guid StudentId, string Name, string ClassName, string IdNumberMasked, string StatusText, bool HasApprovedGrant,
    BankCardView? Card);

/// <summary>One student left out of a batch, and why.</summary>
public sealed record ExcludedStudent(Guid StudentId, string Name, string Reason);

public sealed record PaymentBatchRow(Guid Id, string SchoolCode, string SchoolName, AidItem Item, string ItemText, string Term, string PeriodLabel,
    DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly PaymentDate, bool IsRepayment, PaymentBatchState State, string StateText,
    int LineCount, long TotalFen, int PaidCount, long PaidFen, int FailedCount, long FailedFen, int ExcludedCount,
    string BuiltBy, DateTime BuiltAtUtc, string? ExportedBy, DateTime? ExportedAtUtc, string? ReturnImportedBy, DateTime? ReturnImportedAtUtc);

/// <summary>A batch with the students left out and what the caller may do with it.</summary>
public sealed record PaymentBatchDetail(PaymentBatchRow Batch, IReadOnlyList<ExcludedStudent> Excluded, ReturnFileInfo? ReturnFile, IReadOnlyList<string> Actions);

public sealed record ReturnFileInfo(Guid Id, string FileName, string Sha256, int PaidCount, int FailedCount, string ImportedBy, DateTime ImportedAtUtc);

public sealed record PaymentLineRow(Guid Id, Guid BatchId, Guid StudentId, string StudentName, string Reference, string CardMasked, string HolderName,
    long AmountFen, string PeriodLabel, DateOnly PeriodStart, PaymentLineState State, string StateText, string? BankReason, DateOnly? SettledOn,
    string Basis, Guid? RepaysLineId);

/// <summary>One problem of a return file: the row (1 = the header), the column and the message.</summary>
public sealed record ReturnFileProblem(int Row, string Field, string Message);

/// <summary>The answer to a return file: accepted (lines settled) or refused with every problem, nothing written.</summary>
public sealed record ReturnFileReport(bool Accepted, int Rows, int PaidCount, int FailedCount, string? Sha256, IReadOnlyList<ReturnFileProblem> Problems);

/// <summary>A failed line waiting for the school: the bank's reason and whether the card has been corrected since.</summary>
public sealed record FailedPaymentRow(Guid LineId, Guid BatchId, string PeriodLabel, Guid StudentId, string StudentName, string Reference, long AmountFen,
    string CardMasked, string? BankReason, DateOnly? SettledOn, bool CardCorrected, string? CurrentCardMasked);

public sealed record WaiverCompensationRow(Guid Id, string SchoolName, string Term, int StudentCount, long AmountFen, DateOnly PaidOn, string RecordedBy,
    DateOnly? ReceivedOn, string? ReceivedBy);

/// <summary>A student's cards (the current one and the corrected ones) and every payment line.</summary>
public sealed record StudentPaymentHistory(Guid StudentId, IReadOnlyList<BankCardView> Cards, IReadOnlyList<PaymentLineRow> Payments);
