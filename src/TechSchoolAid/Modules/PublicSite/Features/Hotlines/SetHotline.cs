using System.Text.RegularExpressions;
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

namespace TechSchoolAid.Modules.PublicSite.Features.Hotlines;

public sealed class HotlineInput
{
    public string? ConsultationPhone { get; set; }

    public string? ComplaintPhone { get; set; }

    public string? Address { get; set; }

    /// <summary>When the line is staffed ("工作日 9:00-12:00, 14:00-17:30").</summary>
    public string? Hours { get; set; }

    public string? Email { get; set; }

    /// <summary>The version last read, to refuse overwriting someone else's change (409).</summary>
    public int? Version { get; set; }
}

/// <summary>The province (or the ministry) keeps its own consultation and complaint line (PUB-1), audited.</summary>
public sealed partial class SetHotline(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/{organizationCode}", async (string organizationCode, HotlineInput input, SetHotline w, CancellationToken ct) =>
        {
            var h = await w.HandleAsync(organizationCode, input, ct);
            return TypedResults.Ok(new HotlineView(h.OrganizationCode, h.OrganizationName, h.ConsultationPhone, h.ComplaintPhone, h.Address, h.Hours, h.Email, h.Version));
        }).WithSummary("维护本单位的学生资助咨询投诉电话、地址、受理时间和邮箱（省级、部级）").RequireAccess(ComplaintAccess.ManageHotline)
            .Produces<HotlineView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<Hotline> HandleAsync(string organizationCode, HotlineInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ComplaintAccess.ManageHotline);
        var org = await db.AllOrganizations().Where(o => o.Code == organizationCode && (o.Level == OrgLevel.Province || o.Level == OrgLevel.Ministry))
            .FirstOrDefaultAsync(ct) ?? throw AppException.NotFound($"单位 {(organizationCode.Length > 20 ? organizationCode[..20] : organizationCode)} ");
        actor.Demand(ComplaintAccess.ManageHotline, org.ScopePath);

        var errors = new Dictionary<string, List<string>>();
        string Text(string field, string? value, int max, string label, bool required)
        {
            var v = (value ?? "").Trim();
            if (required && v.Length == 0)
            {
                errors[field] = [$"请填写{label}"];
            }
            else if (v.Length > max)
            {
                errors[field] = [$"{label}不能超过 {max} 个字"];
            }

            return v;
        }

        var consult = Text("consultationPhone", input.ConsultationPhone, 40, "咨询电话", true);
        var complain = Text("complaintPhone", input.ComplaintPhone, 40, "投诉电话", true);
        var address = Text("address", input.Address, 200, "地址", true);
        var hours = Text("hours", input.Hours, 100, "受理时间", true);
        var email = Text("email", input.Email, 100, "邮箱", false);
        foreach (var (field, value, label) in new[] { ("consultationPhone", consult, "咨询电话"), ("complaintPhone", complain, "投诉电话") })
        {
            if (value.Length > 0 && !errors.ContainsKey(field) && !PublicPhone().IsMatch(value))
            {
                errors[field] = [$"{label}格式不正确：请填写带区号的电话（如 020-12345678）、手机号或 12345 等服务号码"];
            }
        }

        if (email.Length > 0 && !errors.ContainsKey("email") && !Email().IsMatch(email))
        {
            errors["email"] = ["邮箱格式不正确"];
        }

        InputGuard.ThrowIfAny(errors);
        var row = await db.Set<Hotline>().FirstOrDefaultAsync(h => h.OrganizationCode == org.Code, ct);
        var old = row is null ? null : new { row.ConsultationPhone, row.ComplaintPhone, row.Address, row.Hours, row.Email };
        if (row is null)
        {
            row = new Hotline(Guid.CreateVersion7(), org.Code, org.Name, org.ScopePath);
            db.Add(row);
        }
        else if (input.Version is { } v && v != row.Version)
        {
            throw AppException.Conflict("该单位的咨询投诉电话已被他人修改，请刷新后重试");
        }

        row.Set(consult, complain, address, hours, email.Length > 0 ? email : null, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record(PublicSiteAuditActions.HotlineSet, row.Id.ToString(), row.ScopePath, old, new { consult, complain, address, hours, email }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_public_hotlines_org", "OrganizationCode"))
        {
            throw AppException.Conflict("该单位的咨询投诉电话已被他人同时建立，请刷新后重试");
        }

        return row;
    }

    [GeneratedRegex(@"^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|\d{5}|400-?\d{3}-?\d{4})$")]
    private static partial Regex PublicPhone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();
}
