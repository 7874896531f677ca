using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

/// <summary>Measures in the caller's scope: the school sees its own, the authorities theirs and those below.</summary>
public sealed class SupervisionMeasureQueries(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder m)
    {
        m.MapGet("/", ([AsParameters] MeasureFilter f, SupervisionMeasureQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("监管措施（管理范围内；学校看到针对本校的措施）").RequirePermission(Permission.ViewStudents);
        m.MapGet("/{id:guid}", (Guid id, SupervisionMeasureQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("监管措施详情（含证据、整改情况与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
    }

    public async Task<PagedResult<MeasureDto>> ListAsync(MeasureFilter f, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 200);
        var q = db.Set<SupervisionMeasure>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(m => m.SchoolCode == f.SchoolCode.Trim());
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(m => m.Kind == kind);
        }

        if (f.State is { } state)
        {
            q = q.Where(m => m.State == state);
        }

        if (f.Open == true)
        {
            q = q.Where(m => m.State != MeasureState.Closed);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(m => m.State).ThenByDescending(m => m.IssuedAtUtc).ThenBy(m => m.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var today = clock.Today();
        return new PagedResult<MeasureDto>(rows.Select(m => ToDto(m, today)).ToList(), total, page, size);
    }

    public async Task<MeasureDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var m = await db.Set<SupervisionMeasure>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("监管措施");
        var files = await db.Set<SupervisionMeasureFile>().AsNoTracking().Where(f => f.MeasureId == id).OrderBy(f => f.UploadedAtUtc)
            .Select(f => new MeasureFileDto(f.Id, f.FileName, f.ContentType, f.Size, f.Sha256, f.FromSchool, f.UploadedBy, f.UploadedAtUtc)).ToListAsync(ct);
        var actor = db.Actor;
        var school = actor.May(SupervisionAccess.Rectify, m.ScopePath);
        var authority = actor.May(SupervisionAccess.CloseMeasure, m.ScopePath);
        var open = m.State != MeasureState.Closed;
        return new MeasureDetail(ToDto(m, clock.Today()), files, new MeasureActions(
            Rectify: school && open,
            Close: authority && open && (!m.RequiresRectification || m.State == MeasureState.Rectified),
            AddFile: (school || authority) && open));
    }

    public static RectificationStatus StatusOf(SupervisionMeasure m, DateOnly today) => m.RectificationDueOn switch
    {
        null => RectificationStatus.NotRequired,
        not null when m.RectifiedOn is not null => m.RectifiedLate ? RectificationStatus.DoneLate : RectificationStatus.OnTime,
        { } due when due < today => RectificationStatus.Late,
        { } due when due <= today.AddDays(SupervisionMeasureSteps.DueSoonDays) => RectificationStatus.DueSoon,
        _ => RectificationStatus.Pending,
    };

    public static string Text(RectificationStatus s) => s switch
    {
        RectificationStatus.NotRequired => "无整改要求",
        RectificationStatus.Pending => "整改中",
        RectificationStatus.DueSoon => "整改即将到期",
        RectificationStatus.Late => "整改已逾期",
        RectificationStatus.OnTime => "按期整改",
        _ => "逾期整改",
    };

    public static MeasureDto ToDto(SupervisionMeasure m, DateOnly today)
    {
        var status = StatusOf(m, today);
        return new MeasureDto(m.Id, m.Kind, m.Kind.ToChinese(), m.SchoolCode, m.SchoolName, m.IssuerCode, m.Reason, m.EvidenceText, m.IssuedOn, m.RectificationDueOn,
            status, Text(status), m.State, m.State.ToChinese(), m.IssuedBy, m.IssuedAtUtc, m.Rectification, m.RectifiedBy, m.RectifiedAtUtc, m.ClosingNote, m.ClosedBy, m.ClosedAtUtc);
    }
}
