using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

public sealed class ComplaintTransferInput
{
    /// <summary>The organisation (school, city or province) within the caller's scope that should answer it.</summary>
    public string? ToOrganizationCode { get; set; }

    public string? Reason { get; set; }
}

/// <summary>Staff pass a complaint to the organisation that should answer it, within their own scope, with a reason; the deadline stays.</summary>
public sealed class TransferComplaint(TsaDbContext db, TimeProvider clock)
{
    public const int MaxReasonLength = 200;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/{id:guid}/transfer", async (Guid id, ComplaintTransferInput input, TransferComplaint w, GetComplaint q, CancellationToken ct) =>
        {
            await w.HandleAsync(id, input, ct);
            return TypedResults.Ok(await q.HandleAsync(id, ct));
        }).WithSummary("转办咨询投诉（本单位管辖范围内，须填原因，答复期限不变）").RequireAccess(ComplaintAccess.Transfer)
            .Produces<ComplaintDetail>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428)
            .Versioned<Complaint>();

    public async Task<Complaint> HandleAsync(Guid id, ComplaintTransferInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ComplaintAccess.Transfer);
        var c = await db.Set<Complaint>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("该咨询投诉");
        actor.Demand(ComplaintAccess.Transfer, c.ScopePath);
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            throw AppException.Invalid("reason", "转办必须填写原因");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw AppException.Invalid("reason", $"转办原因不能超过 {MaxReasonLength} 字");
        }

        var code = (input.ToOrganizationCode ?? "").Trim();
        var target = code.Length == 0
            ? throw AppException.Invalid("toOrganizationCode", "请选择转办单位")
            : await db.AllOrganizations().Where(o => o.Code == code && o.Level != OrgLevel.Ministry).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("toOrganizationCode", "转办单位代码不存在");
        if (!actor.InScope(target.ScopePath))
        {
            throw AppException.Invalid("toOrganizationCode", $"{target.Name}不在您的管辖范围内，只能转办给本单位或下级单位");
        }

        var from = new { routedTo = c.RoutedToCode };
        c.TransferTo(target.Code, target.Name, target.ScopePath, target.Level == OrgLevel.School ? target.Code : null, target.Level == OrgLevel.School ? target.Name : null);
        db.Record(PublicSiteAuditActions.ComplaintTransferred, c.Id.ToString(), c.ScopePath, from, new { routedTo = target.Code, reason }, clock);
        await db.SaveChangesAsync(ct);
        return c;
    }
}
