using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;

namespace TechSchoolAid.Modules.Graduation.Features;

public sealed record GraduationRoundDto(
    Guid Id, string SchoolCode, string SchoolName, string Name, DateOnly GraduationDate, GraduationRoundState State, string StateText,
    int Candidates, int Assessed, int Passed, string CreatedBy, DateTime CreatedAt, string? SubmittedBy, DateTime? SubmittedAt,
    string? ReviewedBy, DateTime? ReviewedAt, string? ReturnReason);

public sealed record GraduationEntryDto(
    Guid Id, Guid StudentId, string StudentName, string IdNumberMasked, string? StatusNumber, string Major, string Level, DateOnly SchoolingEndsOn,
    bool? ConductPassed, bool? CoursesPassed, string? AssessedBy, string? ReturnNote, string? CertificateNumber, CertificateKind? CertificateKind,
    string? CertificateKindText, string? SupersededByNumber);

/// <summary>
/// A round, its candidates, and <paramref name="Actions"/>: the names of the <see cref="GraduationAccess"/> rules the
/// caller passes on it now ("assess", "remove", "submit", "approve", "return", "upgrade"), so pages show only these buttons.
/// </summary>
public sealed record GraduationRoundDetail(GraduationRoundDto Round, IReadOnlyList<GraduationEntryDto> Entries, IReadOnlyList<string> Actions);

public sealed record CertificateDto(
    string Number, CertificateKind Kind, string KindText, string HolderName, string SchoolCode, string SchoolName, string Major, string Level,
    DateOnly GraduationDate, string IssuedBy, DateTime IssuedAt, string? SupersededByNumber, DateOnly? SupersededOn, string StatusText);

public sealed class GraduationRoundFilter
{
    public string? SchoolCode { get; set; }

    public GraduationRoundState? State { get; set; }
}

/// <summary>How rounds and certificates are shown.</summary>
public static class GraduationView
{
    internal static CertificateDto ToDto(Certificate c) => new(
        c.Number, c.Kind, c.Kind.ToChinese(), c.HolderName, c.SchoolCode, c.SchoolName, c.Major, c.LevelText, c.GraduationDate, c.IssuedBy, c.IssuedAtUtc,
        c.SupersededByNumber, c.SupersededOn, c.IsSuperseded ? "已换发为毕业证书（本证书作废）" : "有效");

    internal static GraduationRoundDto ToDto(GraduationRound r, (int Candidates, int Assessed, int Passed) c) => new(
        r.Id, r.SchoolCode, r.SchoolName, r.Name, r.GraduationDate, r.State, r.State.ToChinese(), c.Candidates, c.Assessed, c.Passed,
        r.CreatedBy, r.CreatedAtUtc, r.SubmittedBy, r.SubmittedAtUtc, r.ReviewedBy, r.ReviewedAtUtc, r.ReturnReason);
}
