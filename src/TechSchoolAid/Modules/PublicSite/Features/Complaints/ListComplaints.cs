using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>Which complaints a list shows.</summary>
public enum ComplaintFilter
{
    All = 0,
    Open = 1,
    Overdue = 2,
    Escalated = 3,
    Answered = 4,
}

public sealed record ComplaintRow(
    Guid Id, string TrackingNumber, string Kind, string Subject, string RoutedToName, DateOnly FiledOn, DateOnly DueOn, string Status,
    bool Overdue, int EscalationLevel, string? EscalatedToName, DateOnly? AnsweredOn);

/// <summary>The complaints routed to the caller's organisation and below (PUB-1), newest first: open, overdue, escalated or answered, by school.</summary>
public sealed class ListComplaints(TsaDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/", async (ComplaintFilter? filter, string? schoolCode, string? trackingNumber, int? page, int? pageSize, ListComplaints q, CancellationToken ct) =>
            TypedResults.Ok(await q.HandleAsync(filter ?? ComplaintFilter.All, schoolCode, page, pageSize, ct, trackingNumber)))
            .WithSummary("咨询投诉列表（本单位及下级承办的，可按办理中、逾期、已上报、已答复、学校和受理编号筛选）").RequireAccess(ComplaintAccess.Handle)
            .Produces<PagedResult<ComplaintRow>>().ProducesProblem(400).ProducesProblem(403);

    public async Task<PagedResult<ComplaintRow>> HandleAsync(ComplaintFilter filter, string? schoolCode, int? page, int? pageSize, CancellationToken ct, string? trackingNumber = null)
    {
        db.Actor.Demand(ComplaintAccess.Handle);
        var today = clock.Today();
        var (p, size) = Paging.Clamp(page, pageSize, MaxPageSize);
        var q = db.Set<Complaint>().AsNoTracking();
        q = filter switch
        {
            ComplaintFilter.Open => q.Where(c => c.Status == ComplaintStatus.Open),
            ComplaintFilter.Overdue => q.Where(c => c.Status == ComplaintStatus.Open && c.FirstDueOn < today),
            ComplaintFilter.Escalated => q.Where(c => c.EscalatedToPath != null),
            ComplaintFilter.Answered => q.Where(c => c.Status == ComplaintStatus.Answered),
            _ => q,
        };
        if (!string.IsNullOrWhiteSpace(schoolCode))
        {
            var code = schoolCode.Trim();
            q = q.Where(c => c.SchoolCode == code);
        }

        if (!string.IsNullOrWhiteSpace(trackingNumber))
        {
            var number = ComplaintSteps.NormalizeTrackingNumber(trackingNumber);
            q = q.Where(c => c.TrackingNumber == number);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(c => c.FiledAtUtc).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<ComplaintRow>(rows.Select(c => new ComplaintRow(c.Id, c.TrackingNumber, c.Kind.ToChinese(),
            c.SchoolName ?? $"{c.ProvinceName}学生资助工作", c.RoutedToName, c.FiledOn, c.DueOn, c.Status.ToChinese(), c.IsOverdue(today),
            c.EscalationLevel, c.EscalatedToName, c.AnsweredOn)).ToList(), total, p, size);
    }
}
