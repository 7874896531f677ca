using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
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

public sealed record GraduationActions(bool Assess, bool Submit, bool Approve, bool Return, bool Upgrade);

public sealed record GraduationRoundDetail(GraduationRoundDto Round, IReadOnlyList<GraduationEntryDto> Entries, GraduationActions Actions);

public sealed record CertificateDto(
    string Number, CertificateKind Kind, string KindText, string HolderName, string SchoolCode, string SchoolName, string Major, string Level,
    DateOnly GraduationDate, string IssuedBy, DateTime IssuedAt, string? SupersededByNumber, DateOnly? SupersededOn, string StatusText);

public sealed class GraduationRoundFilter
{
    public string? SchoolCode { get; set; }

    public GraduationRoundState? State { get; set; }
}

/// <summary>Rounds and certificates in the caller's scope (the DbContext's filter), with what the caller may do next.</summary>
public sealed class GraduationQueries(TsaDbContext db)
{
    public async Task<IReadOnlyList<GraduationRoundDto>> ListAsync(GraduationRoundFilter filter, CancellationToken ct)
    {
        var q = db.Set<GraduationRound>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.SchoolCode))
        {
            q = q.Where(r => r.SchoolCode == filter.SchoolCode.Trim());
        }

        if (filter.State is { } state)
        {
            q = q.Where(r => r.State == state);
        }

        var rounds = await q.OrderByDescending(r => r.CreatedAtUtc).Take(500).ToListAsync(ct);
        var ids = rounds.Select(r => r.Id).ToList();
        var counts = await db.Set<GraduationEntry>().AsNoTracking().Where(e => ids.Contains(e.RoundId))
            .GroupBy(e => e.RoundId)
            .Select(g => new
            {
                g.Key,
                Candidates = g.Count(),
                Assessed = g.Count(e => e.ConductPassed != null && e.CoursesPassed != null),
                Passed = g.Count(e => e.ConductPassed == true && e.CoursesPassed == true),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return rounds.Select(r => ToDto(r, counts.TryGetValue(r.Id, out var c) ? (c.Candidates, c.Assessed, c.Passed) : (0, 0, 0))).ToList();
    }

    public async Task<GraduationRoundDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<GraduationRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("毕业批次");
        var entries = await db.Set<GraduationEntry>().AsNoTracking().Where(e => e.RoundId == id).OrderBy(e => e.StatusNumber).ToListAsync(ct);
        var numbers = entries.Where(e => e.CertificateNumber != null).Select(e => e.CertificateNumber!).ToList();
        var superseded = await db.Set<Certificate>().AsNoTracking().Where(c => numbers.Contains(c.Number) && c.SupersededByNumber != null)
            .ToDictionaryAsync(c => c.Number, c => c.SupersededByNumber, ct);
        var actor = db.Actor;
        var clerk = GraduationRights.IsClerkOf(actor, round.ScopePath);
        var reviewer = GraduationRights.IsReviewerOf(actor, round.ScopePath);
        var actions = new GraduationActions(
            Assess: clerk && round.IsEditableBySchool,
            Submit: clerk && round.IsEditableBySchool && entries.Count > 0,
            Approve: reviewer && round.State == GraduationRoundState.Submitted,
            Return: reviewer && round.State == GraduationRoundState.Submitted,
            Upgrade: reviewer && round.State == GraduationRoundState.Approved);
        var dto = ToDto(round, (entries.Count, entries.Count(e => e.IsAssessed), entries.Count(e => e.Passed)));
        return new GraduationRoundDetail(dto, entries.Select(e => new GraduationEntryDto(
            e.Id, e.StudentId, e.StudentName, e.IdNumberMasked, e.StatusNumber, e.Major, e.LevelText, e.SchoolingEndsOn, e.ConductPassed, e.CoursesPassed,
            e.AssessedBy, e.ReturnNote, e.CertificateNumber, e.CertificateKind, e.CertificateKind?.ToChinese(),
            e.CertificateNumber is { } n && superseded.TryGetValue(n, out var by) ? by : null)).ToList(), actions);
    }

    /// <summary>A certificate in the caller's scope, in full (the holder's name included): for staff and the print page.</summary>
    public async Task<CertificateDto> CertificateAsync(string number, CancellationToken ct)
    {
        var normalized = CertificateNumber.Normalize(number);
        var c = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == normalized, ct) ?? throw AppException.NotFound("证书");
        return ToDto(c);
    }

    public async Task<IReadOnlyList<CertificateDto>> CertificatesOfStudentAsync(Guid studentId, CancellationToken ct) =>
        (await db.Set<Certificate>().AsNoTracking().Where(c => c.StudentId == studentId).OrderBy(c => c.IssuedAtUtc).ToListAsync(ct)).Select(ToDto).ToList();

    internal static CertificateDto ToDto(Certificate c) => new(
        c.Number, c.Kind, c.Kind.ToChinese(), c.HolderName, c.SchoolCode, c.SchoolName, c.Major, c.LevelText, c.GraduationDate, c.IssuedBy, c.IssuedAtUtc,
        c.SupersededByNumber, c.SupersededOn, c.IsSuperseded ? "已换发为毕业证书（本证书作废）" : "有效");

    private static GraduationRoundDto ToDto(GraduationRound r, (int Candidates, int Assessed, int Passed) c) => new(
        r.Id, r.SchoolCode, r.SchoolName, r.Name, r.GraduationDate, r.State, r.State.ToChinese(), c.Candidates, c.Assessed, c.Passed,
        r.CreatedBy, r.CreatedAtUtc, r.SubmittedBy, r.SubmittedAtUtc, r.ReviewedBy, r.ReviewedAtUtc, r.ReturnReason);
}
