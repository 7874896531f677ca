using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>What an authority enters to open a campaign. Everything optional so that the handler says in Chinese what is missing.</summary>
public sealed class CampaignInput
{
    public string? Name { get; set; }

    public PresenceMethod? DefaultMethod { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public IReadOnlyList<string>? SchoolCodes { get; set; }
}

/// <summary>STA-3: a city or province opens a campaign over chosen schools of its scope. Audited.</summary>
public sealed class OpenPresenceCampaign(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder c) =>
        c.MapPost("/", async (CampaignInput input, OpenPresenceCampaign w, PresenceCampaignQueries q, CancellationToken ct) =>
        {
            var campaign = await w.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/presence-campaigns/{campaign.Id}", await q.DetailAsync(campaign.Id, ct));
        }).WithSummary("开展核验批次（市级、省级人社部门，选择管理范围内的学校）").RequireAccess(SupervisionAccess.OpenCampaign).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<PresenceCampaign> HandleAsync(CampaignInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.OpenCampaign);
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["请填写核验批次名称"];
        }
        else if (name.Length > 100)
        {
            errors["name"] = ["核验批次名称不能超过 100 字"];
        }

        var method = input.DefaultMethod ?? PresenceMethod.OnSite;
        if (!Enum.IsDefined(method))
        {
            errors["defaultMethod"] = ["核验方式只能是现场核查或远程点名"];
        }

        if (input.StartsOn is not { } starts)
        {
            errors["startsOn"] = ["请填写核验开始日期"];
            starts = today;
        }

        if (input.EndsOn is not { } ends)
        {
            errors["endsOn"] = ["请填写核验结束日期"];
        }
        else if (ends < starts)
        {
            errors["endsOn"] = ["结束日期不能早于开始日期"];
        }
        else if (ends > starts.AddYears(1))
        {
            errors["endsOn"] = ["一个核验批次不能超过一年"];
        }

        var codes = (input.SchoolCodes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            errors["schoolCodes"] = ["请选择至少一所参加核验的学校"];
        }
        else if (codes.Count > 2000)
        {
            errors["schoolCodes"] = ["一个核验批次最多 2000 所学校"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var chosen = new List<SchoolRef>();
        foreach (var code in codes)
        {
            chosen.Add(await schools.ForWriteAsync(code, ct));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = new PresenceCampaign(Guid.CreateVersion7(), name!, method, starts, input.EndsOn!.Value, actor.ScopePath, actor.OrganizationCode, actor.UserName, now);
        db.Add(campaign);
        foreach (var s in chosen)
        {
            db.Add(new PresenceCampaignSchool(campaign, s.Id, s.Code, s.Name, s.ScopePath));
        }

        db.Record(SupervisionAuditActions.CampaignOpened, campaign.Id.ToString(), campaign.ScopePath, null,
            new { name, method, startsOn = ChinaTime.Iso(starts), endsOn = ChinaTime.Iso(campaign.EndsOn), schools = codes }, clock);
        await db.SaveChangesAsync(ct);
        return campaign;
    }
}
