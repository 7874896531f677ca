using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed class MeasureInput
{
    public MeasureKind? Kind { get; set; }

    public string? Reason { get; set; }

    /// <summary>The evidence in words (what was found, where, when); files can be attached after issuing.</summary>
    public string? EvidenceText { get; set; }

    /// <summary>Set when the school must rectify, by this date.</summary>
    public DateOnly? RectificationDueOn { get; set; }
}

/// <summary>Where a measure's rectification stands against its due date.</summary>
public enum RectificationStatus
{
    NotRequired = 0, // 无整改要求
    Pending = 1,     // 整改中
    DueSoon = 2,     // 即将到期
    Late = 3,        // 已逾期
    OnTime = 4,      // 按期整改
    DoneLate = 5,    // 逾期整改
}

public sealed record MeasureDto(
    Guid Id, MeasureKind Kind, string KindText, string SchoolCode, string SchoolName, string IssuerCode, string Reason, string? EvidenceText,
    DateOnly IssuedOn, DateOnly? RectificationDueOn, RectificationStatus RectificationStatus, string RectificationStatusText, MeasureState State, string StateText,
    string IssuedBy, DateTime IssuedAt, string? Rectification, string? RectifiedBy, DateTime? RectifiedAt, string? ClosingNote, string? ClosedBy, DateTime? ClosedAt);

public sealed record MeasureFileDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, bool FromSchool, string UploadedBy, DateTime UploadedAt);

public sealed record MeasureActions(bool Rectify, bool Close, bool AddFile);

public sealed record MeasureDetail(MeasureDto Measure, IReadOnlyList<MeasureFileDto> Files, MeasureActions Actions);

public sealed record MeasureFileContent(string FileName, string ContentType, byte[] Content);

public sealed class MeasureFilter
{
    public string? SchoolCode { get; set; }

    public MeasureKind? Kind { get; set; }

    public MeasureState? State { get; set; }

    /// <summary>Only measures not closed yet.</summary>
    public bool? Open { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>
/// STA-4: a measure is issued by the school's direct supervising authority (403 for anyone else, even above it), the school
/// records its rectification, the authority closes it. Evidence files on both sides. Every step audited.
/// </summary>
public sealed class SupervisionMeasures(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public const long MaxFileBytes = EvidenceUpload.MaxBytes;
    public const int MaxFilesPerMeasure = 10;

    /// <summary>Days before the due date from which a rectification is "due soon".</summary>
    public const int DueSoonDays = 7;

    public async Task<SupervisionMeasure> IssueAsync(string schoolCode, MeasureInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.IssueMeasureRole);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        if (!actor.May(SupervisionAccess.IssueMeasure, school.ScopePath))
        {
            throw AppException.Forbidden($"{school.Name} 的监管措施应由其直接主管部门（{SupervisionAccess.SupervisorLevelText(school.ScopePath)}人社部门）采取");
        }

        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["请选择措施类型：约谈、警告或通报"];
            kind = default;
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors["reason"] = ["请填写采取措施的原因"];
        }
        else if (reason.Length > 1000)
        {
            errors["reason"] = ["原因不能超过 1000 字"];
        }

        var evidence = input.EvidenceText?.Trim();
        if (string.IsNullOrEmpty(evidence))
        {
            errors["evidenceText"] = ["请填写证据（核查发现的事实、时间、涉及学生等）；证据文件可在签发后上传"];
        }
        else if (evidence.Length > 2000)
        {
            errors["evidenceText"] = ["证据说明不能超过 2000 字"];
        }

        if (input.RectificationDueOn is { } due && due <= today)
        {
            errors["rectificationDueOn"] = [$"整改期限应晚于今天（{ChinaTime.Iso(today)}）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var measure = new SupervisionMeasure(Guid.CreateVersion7(), kind, school.Id, school.Code, school.Name, school.ScopePath, actor.OrganizationCode,
            reason!, evidence, today, input.RectificationDueOn, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(measure);
        db.Record(SupervisionAuditActions.MeasureIssued, measure.Id.ToString(), measure.ScopePath, null,
            new { kind, school = school.Code, reason, evidence, rectificationDueOn = input.RectificationDueOn is { } d ? ChinaTime.Iso(d) : null }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }

    public async Task<SupervisionMeasure> RectifyAsync(Guid id, string? text, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.RectifyRole);

        var rectification = SupervisionInput.Text(text, "text", "整改情况", 2000);
        var measure = await LoadAsync(id, ct);
        actor.Demand(SupervisionAccess.Rectify, measure.ScopePath);

        var before = measure.State;
        measure.RecordRectification(rectification, actor.UserName, clock.GetUtcNow().UtcDateTime, clock.Today());
        db.Record(SupervisionAuditActions.MeasureRectified, measure.Id.ToString(), measure.ScopePath, new { state = before },
            new { state = measure.State, rectification, late = measure.RectifiedLate }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }

    public async Task<SupervisionMeasure> CloseAsync(Guid id, string? note, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.CloseMeasureRole);
        var text = SupervisionInput.Text(note, "text", "关闭意见", 500, required: false);
        var measure = await LoadAsync(id, ct);
        actor.Demand(SupervisionAccess.CloseMeasure, measure.ScopePath);

        var before = measure.State;
        measure.Close(text.Length == 0 ? null : text, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(SupervisionAuditActions.MeasureClosed, measure.Id.ToString(), measure.ScopePath, new { state = before }, new { state = measure.State, note = text }, clock);
        await db.SaveChangesAsync(ct);
        return measure;
    }

    public async Task<MeasureFileDto> AddFileAsync(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        var actor = db.Actor;
        if (!actor.May(SupervisionAccess.IssueMeasureRole) && !actor.May(SupervisionAccess.RectifyRole))
        {
            throw AppException.Forbidden("只有采取措施的主管部门或被采取措施的学校可以上传材料");
        }

        var measure = await db.Set<SupervisionMeasure>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw AppException.NotFound("监管措施");
        var fromSchool = actor.May(SupervisionAccess.AddFileAsSchool, measure.ScopePath);
        if (!fromSchool)
        {
            actor.Demand(SupervisionAccess.AddFileAsAuthority, measure.ScopePath);
        }

        if (measure.State == MeasureState.Closed)
        {
            throw AppException.Conflict("该监管措施已关闭，不能再上传材料");
        }

        var (name, type, sha) = EvidenceUpload.Check(content, fileName, "材料");
        if (await db.Set<SupervisionMeasureFile>().CountAsync(f => f.MeasureId == id, ct) >= MaxFilesPerMeasure)
        {
            throw AppException.Conflict($"每项监管措施最多上传 {MaxFilesPerMeasure} 个材料");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var file = new SupervisionMeasureFile(Guid.CreateVersion7(), id, measure.ScopePath, name, type, content, sha, fromSchool, actor.UserName, now);
        db.Add(file);
        db.Record(SupervisionAuditActions.MeasureFileAdded, id.ToString(), measure.ScopePath, null, new { file = name, size = content.Length, sha256 = sha, fromSchool }, clock);
        await db.SaveChangesAsync(ct);
        return new MeasureFileDto(file.Id, name, type, file.Size, sha, fromSchool, actor.UserName, now);
    }

    public async Task<MeasureFileContent> GetFileAsync(Guid id, Guid fileId, CancellationToken ct) =>
        await db.Set<SupervisionMeasureFile>().AsNoTracking().Where(f => f.MeasureId == id && f.Id == fileId)
            .Select(f => new MeasureFileContent(f.FileName, f.ContentType, f.Content)).FirstOrDefaultAsync(ct)
        ?? throw AppException.NotFound("材料");

    private async Task<SupervisionMeasure> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<SupervisionMeasure>().FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw AppException.NotFound("监管措施");
}
