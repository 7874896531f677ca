using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>A complaint as staff see it: the text, the masked name and phone, the deadlines, the answer, and what the caller may do.</summary>
public sealed record ComplaintDetail(
    Guid Id, string TrackingNumber, ComplaintKind Kind, string KindText, string ProvinceName, string? SchoolCode, string? SchoolName,
    string RoutedToCode, string RoutedToName, string Text, string? NameMasked, string PhoneMasked, DateOnly FiledOn, DateOnly FirstDueOn,
    DateOnly DueOn, int AnswerWorkingDays, ComplaintStatus Status, string StatusText, bool Overdue, int EscalationLevel, string? EscalatedToName,
    DateOnly? EscalatedOn, string? Answer, bool? Upheld, DateOnly? AnsweredOn, string? AnsweredByName, int TransferCount, int Version,
    IReadOnlyList<string> Actions);

/// <summary>One complaint routed to the caller's organisation or below (404 outside the scope).</summary>
public sealed class GetComplaint(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/{id:guid}", async (Guid id, GetComplaint q, CancellationToken ct) => TypedResults.Ok(await q.HandleAsync(id, ct)))
            .WithSummary("查看咨询投诉详情（联系电话已脱敏）").RequireAccess(ComplaintAccess.Handle)
            .Produces<ComplaintDetail>().ProducesProblem(403).ProducesProblem(404).Versioned<Complaint>();

    public async Task<ComplaintDetail> HandleAsync(Guid id, CancellationToken ct)
    {
        db.Actor.Demand(ComplaintAccess.Handle);
        var c = await db.Set<Complaint>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("该咨询投诉");
        db.Actor.Demand(ComplaintAccess.Handle, c.ScopePath);
        return ToDetail(c, db.Actor, clock.Today());
    }

    public static ComplaintDetail ToDetail(Complaint c, Actor actor, DateOnly today) => new(
        c.Id, c.TrackingNumber, c.Kind, c.Kind.ToChinese(), c.ProvinceName, c.SchoolCode, c.SchoolName, c.RoutedToCode, c.RoutedToName, c.Text,
        c.NameMasked, c.PhoneMasked, c.FiledOn, c.FirstDueOn, c.DueOn, c.AnswerWorkingDays, c.Status, c.Status.ToChinese(), c.IsOverdue(today),
        c.EscalationLevel, c.EscalatedToName, c.EscalatedOn, c.Answer, c.Upheld, c.AnsweredOn, c.AnsweredByName, c.TransferCount, c.Version,
        c.Status == ComplaintStatus.Open ? actor.ActionsOn(c.ScopePath, ComplaintAccess.Handle, ComplaintAccess.Transfer).Select(a => a == "handle" ? "answer" : a).ToList() : []);
}
