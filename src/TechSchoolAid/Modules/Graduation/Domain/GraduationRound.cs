using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Graduation.Contracts;

namespace TechSchoolAid.Modules.Graduation.Domain;

/// <summary>
/// A graduation round (毕业批次, GRD-1) of one school: its candidates, the school's assessment of each, and the
/// supervising authority's review. Owned by the school (its scope path); the authority above sees it by the prefix rule.
/// </summary>
public sealed class GraduationRound : IScoped
{
    private GraduationRound()
    {
    }

    public GraduationRound(Guid id, int schoolId, string schoolCode, string schoolName, int schoolKind, string scopePath, string name, DateOnly graduationDate, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        SchoolName = schoolName;
        SchoolKind = schoolKind;
        ScopePath = scopePath;
        Name = name;
        GraduationDate = graduationDate;
        State = GraduationRoundState.Draft;
        CreatedBy = by;
        CreatedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string SchoolName { get; private set; } = "";

    /// <summary>The school's kind when the round was opened: digit 13 of its certificate numbers.</summary>
    public int SchoolKind { get; private set; }

    public string ScopePath { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The graduation date printed on the certificates; candidates' schooling ends by it.</summary>
    public DateOnly GraduationDate { get; private set; }

    public GraduationRoundState State { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public string? ReturnReason { get; private set; }

    public int Version { get; private set; }

    public bool IsEditableBySchool => State is GraduationRoundState.Draft or GraduationRoundState.Returned;

    public void Submit(IReadOnlyCollection<GraduationEntry> entries, string by, DateTime atUtc)
    {
        if (!IsEditableBySchool)
        {
            throw AppException.Conflict($"该毕业批次当前状态为「{State.ToChinese()}」，不能报送");
        }

        if (entries.Count == 0)
        {
            throw AppException.Conflict("该毕业批次没有毕业候选人，不能报送");
        }

        var unassessed = entries.Where(e => !e.IsAssessed).Select(e => e.StudentName).ToList();
        if (unassessed.Count > 0)
        {
            throw AppException.Conflict($"还有 {unassessed.Count} 名候选人未完成毕业评定（{string.Join("、", unassessed.Take(5))}{(unassessed.Count > 5 ? " 等" : "")}），不能报送");
        }

        State = GraduationRoundState.Submitted;
        SubmittedBy = by;
        SubmittedAtUtc = atUtc;
        ReturnReason = null;
        Version++;
    }

    /// <summary>The school records a candidate's assessment: only while the round is the school's to edit.</summary>
    public void Assess(GraduationEntry entry, bool conductPassed, bool coursesPassed, string by, DateTime atUtc)
    {
        RequireEditable();
        RequireOwn(entry);
        entry.Assess(conductPassed, coursesPassed, by, atUtc);
    }

    /// <summary>The school takes a candidate out: only while the round is the school's to edit. The caller deletes the entry.</summary>
    public void Remove(GraduationEntry entry)
    {
        RequireEditable();
        RequireOwn(entry);
    }

    /// <summary>The authority returns the list, whole or with a note on the named candidates.</summary>
    public void Return(string reason, string by, DateTime atUtc, IEnumerable<GraduationEntry> named)
    {
        RequireSubmitted("退回");
        var sentBack = named.ToList();
        sentBack.ForEach(RequireOwn);
        State = GraduationRoundState.Returned;
        ReturnReason = reason;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        Version++;
        sentBack.ForEach(e => e.SendBack(reason));
    }

    public void Approve(string by, DateTime atUtc)
    {
        RequireSubmitted("审核通过");
        State = GraduationRoundState.Approved;
        ReviewedBy = by;
        ReviewedAtUtc = atUtc;
        ReturnReason = null;
        Version++;
    }

    /// <summary>A certificate issued to a candidate of this round: only once the round is approved.</summary>
    public void Issue(GraduationEntry entry, Certificate certificate)
    {
        if (State != GraduationRoundState.Approved)
        {
            throw AppException.Conflict($"只有审核通过的毕业批次可以颁发证书（当前状态：{State.ToChinese()}）");
        }

        RequireOwn(entry);
        entry.Issued(certificate);
    }

    public void RequireEditable()
    {
        if (!IsEditableBySchool)
        {
            throw AppException.Conflict($"该毕业批次当前状态为「{State.ToChinese()}」，不能修改评定");
        }
    }

    private void RequireOwn(GraduationEntry entry)
    {
        if (entry.RoundId != Id)
        {
            throw AppException.Invalid("entryId", "该学生不在本毕业批次中");
        }
    }

    private void RequireSubmitted(string what)
    {
        if (State != GraduationRoundState.Submitted)
        {
            throw AppException.Conflict($"只有待审核的毕业批次可以{what}（当前状态：{State.ToChinese()}）");
        }
    }
}

/// <summary>One candidate of a round: who, the school's assessment, the authority's note, and the certificate issued.</summary>
public sealed class GraduationEntry : IScoped
{
    private GraduationEntry()
    {
    }

    public GraduationEntry(Guid id, Guid roundId, string scopePath, Guid studentId, string studentName, string idNumberMasked, string? statusNumber, string major, string levelText, DateOnly schoolingEndsOn)
    {
        Id = id;
        RoundId = roundId;
        ScopePath = scopePath;
        StudentId = studentId;
        StudentName = studentName;
        IdNumberMasked = idNumberMasked;
        StatusNumber = statusNumber;
        Major = major;
        LevelText = levelText;
        SchoolingEndsOn = schoolingEndsOn;
    }

    public Guid Id { get; private set; }

    public Guid RoundId { get; private set; }

    public string ScopePath { get; private set; } = "";

    public Guid StudentId { get; private set; }

    public string StudentName { get; private set; } = "";

    public string IdNumberMasked { get; private set; } = "";

    public string? StatusNumber { get; private set; }

    public string Major { get; private set; } = "";

    public string LevelText { get; private set; } = "";

    public DateOnly SchoolingEndsOn { get; private set; }

    /// <summary>操行合格.</summary>
    public bool? ConductPassed { get; private set; }

    /// <summary>课程全部合格.</summary>
    public bool? CoursesPassed { get; private set; }

    public string? AssessedBy { get; private set; }

    public DateTime? AssessedAtUtc { get; private set; }

    /// <summary>Why the authority sent this student back, when it returned the list for named students.</summary>
    public string? ReturnNote { get; private set; }

    public string? CertificateNumber { get; private set; }

    public CertificateKind? CertificateKind { get; private set; }

    public bool IsAssessed => ConductPassed is not null && CoursesPassed is not null;

    public bool Passed => ConductPassed == true && CoursesPassed == true;

    /// <summary>Through <see cref="GraduationRound.Assess"/>, which guards the round's state.</summary>
    internal void Assess(bool conductPassed, bool coursesPassed, string by, DateTime atUtc)
    {
        ConductPassed = conductPassed;
        CoursesPassed = coursesPassed;
        AssessedBy = by;
        AssessedAtUtc = atUtc;
        ReturnNote = null;
    }

    internal void SendBack(string note) => ReturnNote = note;

    internal void Issued(Certificate certificate)
    {
        CertificateNumber = certificate.Number;
        CertificateKind = certificate.Kind;
    }
}
