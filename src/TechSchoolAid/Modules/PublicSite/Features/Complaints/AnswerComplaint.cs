using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

public sealed class ComplaintAnswerInput
{
    /// <summary>The answer the public sees (plain text).</summary>
    public string? Answer { get; set; }

    /// <summary>For a complaint: whether it was found justified (投诉属实). Ignored for a consultation.</summary>
    public bool? Upheld { get; set; }
}

/// <summary>Staff of the routed organisation or above answer (PUB-1); the answer is what the public sees, once.</summary>
public sealed class AnswerComplaint(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/answer", async (Guid id, ComplaintAnswerInput input, AnswerComplaint w, GetComplaint q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, input, ct);
            return TypedResults.Ok(await q.HandleAsync(id, ct));
        }).WithSummary("答复咨询投诉（答复内容向提交人公开）").RequireAccess(ComplaintAccess.Handle)
            .Produces<ComplaintDetail>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .Versioned<Complaint>();

    public async Task<Complaint> HandleAsync(Guid id, ComplaintAnswerInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ComplaintAccess.Handle);
        var c = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("该咨询投诉");
        actor.Demand(ComplaintAccess.Handle, c.ScopePath);
        var answer = (input.Answer ?? "").Trim();
        if (answer.Length == 0)
        {
            throw AppException.Invalid("answer", "请填写答复内容");
        }

        if (answer.Length > Complaint.MaxAnswerLength)
        {
            throw AppException.Invalid("answer", $"答复内容不能超过 {Complaint.MaxAnswerLength} 个字");
        }

        if (c.Kind == ComplaintKind.Complaint && input.Upheld is null)
        {
            throw AppException.Invalid("upheld", "请选择投诉是否属实");
        }

        var own = await db.AllOrganizations().Where(o => o.ScopePath == actor.ScopePath).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? actor.OrganizationCode;
        c.AnswerWith(answer, input.Upheld, actor.UserName, own, clock.Today());
        db.Record(PublicSiteAuditActions.ComplaintAnswered, c.Id.ToString(), c.ScopePath, new { status = ComplaintStatus.Open },
            new { status = c.Status, answeredOn = ChinaTime.Iso(c.AnsweredOn!.Value), upheld = c.Upheld, onTime = c.AnsweredOnTime }, clock);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
