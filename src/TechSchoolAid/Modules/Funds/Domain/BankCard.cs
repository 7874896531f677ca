using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Contracts;

namespace TechSchoolAid.Modules.Funds.Domain;

/// <summary>
/// The card a student's grant is paid to (STA-5). The number is personal data: stored encrypted
/// (<see cref="NumberCipher"/>), shown masked (<see cref="NumberMasked"/>: the bank's first six digits are not shown, only
/// the last four, so nothing beside it rebuilds the number) and found by its blind index (<see cref="NumberKey"/>). A
/// correction records a new current card and keeps the old one for the payments already made to it.
/// </summary>
public sealed class BankCard : IScoped
{
    private BankCard()
    {
    }

    public BankCard(Guid id, Guid studentId, int schoolId, string scopePath, CardKind kind, byte[] numberCipher, string numberMasked, string numberKey,
        string holderName, string bankName, string by, DateTime atUtc)
    {
        Id = id;
        StudentId = studentId;
        SchoolId = schoolId;
        ScopePath = scopePath;
        Kind = kind;
        NumberCipher = numberCipher;
        NumberMasked = numberMasked;
        NumberKey = numberKey;
        HolderName = holderName;
        BankName = bankName;
        IsCurrent = true;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public Guid StudentId { get; private set; }

    public int SchoolId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public CardKind Kind { get; private set; }

    public byte[] NumberCipher { get; private set; } = [];

    public string NumberMasked { get; private set; } = "";

    public string NumberKey { get; private set; } = "";

    public string HolderName { get; private set; } = "";

    public string BankName { get; private set; } = "";

    /// <summary>The card payments go to now; a corrected card stays, not current, for the payments made to it.</summary>
    public bool IsCurrent { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>Replaced by a corrected card.</summary>
    public void Retire()
    {
        IsCurrent = false;
        Version++;
    }
}
