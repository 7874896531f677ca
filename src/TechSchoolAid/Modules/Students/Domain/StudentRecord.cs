using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Students.Domain;

/// <summary>
/// A student status record (学籍). Personal data is held encrypted with a blind index (SEC-1); every step records who did
/// it and when (AID-6 "谁采集、谁报送、谁审核").
/// </summary>
public sealed class StudentRecord : IScoped
{
    private StudentRecord()
    {
    }

    public StudentRecord(Guid id, int schoolId, string schoolCode, string scopePath, StudentData data, PersonalFields personal, string collectedBy, DateTime collectedAtUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        Apply(data, personal);
        RegistrationState = RegistrationState.Collected;
        CollectedBy = collectedBy;
        CollectedAtUtc = collectedAtUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string Name { get; private set; } = "";

    public IdDocumentType DocumentType { get; private set; }

    public byte[] IdNumberCipher { get; private set; } = [];

    public string IdNumberHash { get; private set; } = "";

    public string IdNumberMasked { get; private set; } = "";

    public DateOnly BirthDate { get; private set; }

    public Sex Sex { get; private set; }

    public string Ethnicity { get; private set; } = "";

    public Household Household { get; private set; }

    public string HouseholdCountyCode { get; private set; } = "";

    public string Major { get; private set; } = "";

    /// <summary>The major's code in the catalogue edition it was entered against (ADR 0025); kept when a newer edition changes; null for records entered before the catalogue or by a 转专业 that named no code.</summary>
    public string? MajorCode { get; private set; }

    public bool MajorIsAgricultural { get; private set; }

    public MajorArts MajorArts { get; private set; }

    public TrainingLevel TrainingLevel { get; private set; }

    public EntryEducation EntryEducation { get; private set; }

    public int SchoolingYears { get; private set; }

    public bool IsFullTime { get; private set; }

    public int IntakeYear { get; private set; }

    public IntakeSeason IntakeSeason { get; private set; }

    public DateOnly EnrolmentDate { get; private set; }

    public string ClassName { get; private set; } = "";

    public byte[]? PhoneCipher { get; private set; }

    public string? PhoneMasked { get; private set; }

    public string? GuardianName { get; private set; }

    public byte[]? GuardianPhoneCipher { get; private set; }

    public string? GuardianPhoneMasked { get; private set; }

    public bool PaperFileMade { get; private set; }

    /// <summary>Hash of the entered data, so re-importing the same row is recognised as "unchanged".</summary>
    public string InputFingerprint { get; private set; } = "";

    /// <summary>
    /// True while this record occupies the person's one full-time place nationwide (ENR-4); a unique filtered index on
    /// (IdNumberHash) where HoldsPlace makes the rule hold even under concurrent writers.
    /// </summary>
    public bool HoldsPlace { get; private set; }

    public RegistrationState RegistrationState { get; private set; }

    public string? StatusNumber { get; private set; }

    public string CollectedBy { get; private set; } = "";

    public DateTime CollectedAtUtc { get; private set; }

    public string? VerifiedBy { get; private set; }

    public DateTime? VerifiedAtUtc { get; private set; }

    public string? VerificationMethod { get; private set; }

    public Guid? BatchId { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReviewNote { get; private set; }

    public int Version { get; private set; }

    /// <summary>Where the student's status stands (STA-1); <see cref="EnrolmentStatus.Pending"/> until registration is approved.</summary>
    public EnrolmentStatus Status { get; private set; }

    /// <summary>Days of approved, ended suspensions (休学): they move the expected end of schooling (issue 11, item 12).</summary>
    public int SuspendedDays { get; private set; }

    /// <summary>Approved repeated years (留级/降级): each moves the expected end of schooling by a year (issue 11, item 12).</summary>
    public int RepeatedYears { get; private set; }

    /// <summary>The day the current <see cref="Status"/> began (the enrolment date, or the date of the change).</summary>
    public DateOnly? StatusSince { get; private set; }

    /// <summary>For a record continued at this school by a transfer: the record at the sending school (one person history).</summary>
    public Guid? ContinuedFromId { get; private set; }

    /// <summary>The first day the student belongs to this school after a transfer (the day after the transfer date).</summary>
    public DateOnly? ContinuedOn { get; private set; }

    public bool IsEditable => RegistrationState is RegistrationState.Collected or RegistrationState.Returned;

    public void Update(StudentData data, PersonalFields personal)
    {
        if (!IsEditable)
        {
            throw AppException.Conflict("已报送或已审核通过的学籍不能直接修改");
        }

        Apply(data, personal);
        VerifiedAtUtc = null;
        VerifiedBy = null;
        VerificationMethod = null;
        Version++;
    }

    /// <summary>On-site verification (现场点名, ENR-3): required before the record can be submitted.</summary>
    public void Verify(string by, DateTime atUtc, string method)
    {
        if (!IsEditable)
        {
            throw AppException.Conflict("只有未报送或被退回的学生需要核验");
        }

        VerifiedBy = by;
        VerifiedAtUtc = atUtc;
        VerificationMethod = method;
        Version++;
    }

    public void Submit(Guid batchId, string by, DateTime atUtc)
    {
        if (!IsEditable)
        {
            throw AppException.Conflict($"{Name} 已报送或已审核通过，不能重复报送");
        }

        if (VerifiedAtUtc is null)
        {
            throw AppException.Conflict($"{Name} 尚未现场核验，不能报送");
        }

        RegistrationState = RegistrationState.Submitted;
        BatchId = batchId;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        ReviewNote = null;
        Version++;
    }

    public void Approve(string statusNumber, string by, DateTime atUtc)
    {
        if (RegistrationState != RegistrationState.Submitted)
        {
            throw AppException.Conflict($"{Name} 不在待审核状态");
        }

        RegistrationState = RegistrationState.Approved;
        Status = EnrolmentStatus.Active;
        StatusSince = EnrolmentDate;
        StatusNumber = statusNumber;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        ReviewNote = null;
        Version++;
    }

    public void Return(string reason, string by, DateTime atUtc)
    {
        if (RegistrationState != RegistrationState.Submitted)
        {
            throw AppException.Conflict($"{Name} 不在待审核状态");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "退回必须填写原因");
        }

        RegistrationState = RegistrationState.Returned;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        ReviewNote = reason.Trim();
        Version++;
    }

    /// <summary>
    /// Moves the record to <paramref name="to"/> as an approved status change requires (STA-1). A record that ends
    /// (withdrawal, expulsion, death, transfer out, completion, graduation) gives up the person's one full-time place
    /// (ENR-4), so the person can register or be received elsewhere.
    /// </summary>
    public void ChangeStatus(EnrolmentStatus to, DateOnly on)
    {
        if (!EnrolmentStatuses.CanMove(Status, to))
        {
            throw AppException.Conflict($"{Name} 当前学籍状态为「{Status.ToChinese()}」，不能变更为「{to.ToChinese()}」");
        }

        // A suspension that ends (resumption, or any later change) moves the expected end by its length (issue 11, item 12).
        if (Status == EnrolmentStatus.Suspended && to != EnrolmentStatus.Suspended && StatusSince is { } suspendedOn)
        {
            SuspendedDays += Math.Max(0, on.DayNumber - suspendedOn.DayNumber);
        }

        Status = to;
        StatusSince = on;
        HoldsPlace = IsFullTime && !to.IsEnded();
        Version++;
    }

    /// <summary>Undoes an approved change: the status it replaced comes back (and with it the place, if the record ended).</summary>
    public void RestoreStatus(EnrolmentStatus previous, DateOnly? previousSince)
    {
        if (previous is EnrolmentStatus.Pending)
        {
            throw AppException.Conflict("不能恢复为未注册状态");
        }

        // Undoing the change that ended a suspension takes its length back off the expected end (see ChangeStatus).
        if (previous == EnrolmentStatus.Suspended && Status != EnrolmentStatus.Suspended && previousSince is { } suspendedOn && StatusSince is { } endedOn)
        {
            SuspendedDays -= Math.Max(0, endedOn.DayNumber - suspendedOn.DayNumber);
        }

        Status = previous;
        StatusSince = previousSince;
        HoldsPlace = IsFullTime && !previous.IsEnded();
        Version++;
    }

    public void ChangeMajor(string major, bool agricultural, MajorArts arts, string? code = null)
    {
        if (Status is not (EnrolmentStatus.Active or EnrolmentStatus.Suspended or EnrolmentStatus.Reserved))
        {
            throw AppException.Conflict($"{Name} 当前学籍状态为「{Status.ToChinese()}」，不能转专业");
        }

        Major = major;
        MajorCode = code;
        MajorIsAgricultural = agricultural;
        MajorArts = arts;
        Version++;
    }

    /// <summary>An approved repeated year (留级/降级) moves the expected end by a year; its undo by −1 (issue 11, item 12).</summary>
    public void RepeatYear(int years)
    {
        RepeatedYears = Math.Max(0, RepeatedYears + years);
        Version++;
    }

    public void ChangeClass(string className)
    {
        ClassName = className;
        Version++;
    }

    /// <summary>
    /// The record at the receiving school of a transfer: the same person and data, approved, active from the day after
    /// the transfer, linked to the record it continues.
    /// </summary>
    public static StudentRecord ContinueAt(StudentRecord source, Guid id, int schoolId, string schoolCode, string scopePath, string statusNumber, DateOnly transferredOn, string by, DateTime atUtc)
    {
        if (source.Status != EnrolmentStatus.TransferredOut)
        {
            throw AppException.Conflict($"{source.Name} 尚未转出，不能在转入学校建立学籍");
        }

        var copy = (StudentRecord)source.MemberwiseClone();
        copy.Id = id;
        copy.SchoolId = schoolId;
        copy.SchoolCode = schoolCode;
        copy.ScopePath = scopePath;
        copy.StatusNumber = statusNumber;
        copy.Status = EnrolmentStatus.Active;
        copy.StatusSince = transferredOn.AddDays(1);
        copy.ContinuedFromId = source.Id;
        copy.ContinuedOn = transferredOn.AddDays(1);
        copy.HoldsPlace = source.IsFullTime;
        copy.BatchId = null;
        copy.CollectedBy = by;
        copy.CollectedAtUtc = atUtc;
        copy.SubmittedBy = by;
        copy.SubmittedAtUtc = atUtc;
        copy.ReviewedBy = by;
        copy.ReviewedAtUtc = atUtc;
        copy.ReviewNote = null;
        copy.Version = 0;
        return copy;
    }

    private void Apply(StudentData d, PersonalFields p)
    {
        Name = d.Name;
        DocumentType = d.DocumentType;
        BirthDate = d.BirthDate;
        Sex = d.Sex;
        Ethnicity = d.Ethnicity;
        Household = d.Household;
        HouseholdCountyCode = d.HouseholdCountyCode;
        Major = d.Major;
        MajorCode = d.MajorCode;
        MajorIsAgricultural = d.MajorIsAgricultural;
        MajorArts = d.MajorArts;
        TrainingLevel = d.TrainingLevel;
        EntryEducation = d.EntryEducation;
        SchoolingYears = d.SchoolingYears;
        IsFullTime = d.IsFullTime;
        IntakeYear = d.IntakeYear;
        IntakeSeason = d.IntakeSeason;
        EnrolmentDate = d.EnrolmentDate;
        ClassName = d.ClassName;
        GuardianName = d.GuardianName;
        PaperFileMade = d.PaperFileMade;
        HoldsPlace = d.IsFullTime;
        IdNumberCipher = p.IdNumberCipher;
        IdNumberHash = p.IdNumberHash;
        IdNumberMasked = p.IdNumberMasked;
        PhoneCipher = p.PhoneCipher;
        PhoneMasked = p.PhoneMasked;
        GuardianPhoneCipher = p.GuardianPhoneCipher;
        GuardianPhoneMasked = p.GuardianPhoneMasked;
        InputFingerprint = p.Fingerprint;
    }

    /// <summary>
    /// The same personal values under the current algorithm and key (key rotation, docs/adr/0003): nothing a person
    /// entered changes, so neither the masks nor the input fingerprint do.
    /// </summary>
    internal void RotateProtection(byte[] idNumberCipher, string idNumberHash, byte[]? phoneCipher, byte[]? guardianPhoneCipher)
    {
        IdNumberCipher = idNumberCipher;
        IdNumberHash = idNumberHash;
        PhoneCipher = phoneCipher;
        GuardianPhoneCipher = guardianPhoneCipher;
    }
}

/// <summary>A validated student's data, in domain types (no clear personal numbers).</summary>
public sealed record StudentData(
    string Name,
    IdDocumentType DocumentType,
    DateOnly BirthDate,
    Sex Sex,
    string Ethnicity,
    Household Household,
    string HouseholdCountyCode,
    string Major,
    bool MajorIsAgricultural,
    TrainingLevel TrainingLevel,
    EntryEducation EntryEducation,
    int SchoolingYears,
    bool IsFullTime,
    int IntakeYear,
    IntakeSeason IntakeSeason,
    DateOnly EnrolmentDate,
    string ClassName,
    string? GuardianName,
    bool PaperFileMade,
    MajorArts MajorArts = MajorArts.None,
    string? MajorCode = null);

/// <summary>The protected forms of the personal fields: ciphertext, blind index and masked text.</summary>
public sealed record PersonalFields(
    byte[] IdNumberCipher,
    string IdNumberHash,
    string IdNumberMasked,
    byte[]? PhoneCipher,
    string? PhoneMasked,
    byte[]? GuardianPhoneCipher,
    string? GuardianPhoneMasked,
    string Fingerprint);
