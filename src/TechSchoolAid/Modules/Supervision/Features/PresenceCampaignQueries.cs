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
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>Campaign lists, details and rosters, inside the caller's scope: a school sees the campaigns its students are checked in.</summary>
public sealed class PresenceCampaignQueries(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder c)
    {
        c.MapGet("/", (PresenceCampaignQueries q, CancellationToken ct) => q.ListAsync(ct))
            .WithSummary("核验批次（主管部门：本部门及下级开展的批次；学校：本校参加的批次）").RequirePermission(Permission.ViewStudents);
        c.MapGet("/{id:guid}", (Guid id, PresenceCampaignQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("核验批次详情（各校核验进度与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
        c.MapGet("/{id:guid}/students", (Guid id, [AsParameters] RosterFilter f, PresenceCampaignQueries q, CancellationToken ct) => q.RosterAsync(id, f, ct))
            .WithSummary("核验名单：批次内学校的在校籍学生及其核验结果（result、unchecked 筛选；分页）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
    }

    public async Task<IReadOnlyList<CampaignDto>> ListAsync(CancellationToken ct)
    {
        if (db.Actor.Level == OrgLevel.School)
        {
            var rows = await db.Set<PresenceCampaignSchool>().AsNoTracking().OrderByDescending(s => s.StartsOn).ToListAsync(ct);
            return rows.Select(FromSchoolRow).ToList();
        }

        var campaigns = await db.Set<PresenceCampaign>().AsNoTracking().OrderByDescending(c => c.OpenedAtUtc).Take(200).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var counts = await db.Set<PresenceCampaignSchool>().AsNoTracking().Where(s => ids.Contains(s.CampaignId)).GroupBy(s => s.CampaignId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return campaigns.Select(c => ToDto(c, counts.GetValueOrDefault(c.Id))).ToList();
    }

    public async Task<CampaignDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var actor = db.Actor;
        var campaign = await db.Set<PresenceCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        var schoolRows = await db.Set<PresenceCampaignSchool>().AsNoTracking().Where(s => s.CampaignId == id).OrderBy(s => s.SchoolCode).ToListAsync(ct);
        if (campaign is null && schoolRows.Count == 0)
        {
            throw AppException.NotFound("核验批次");
        }

        var schoolIds = schoolRows.Select(s => s.SchoolId).ToList();
        var students = await db.StudentRowsInScope().Where(s => schoolIds.Contains(s.SchoolId) && s.RegistrationApproved && s.IsFullTime && PresenceCampaignSteps.Live.Contains(s.Status))
            .GroupBy(s => s.SchoolId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var results = await db.Set<PresenceCheckResult>().AsNoTracking().Where(r => r.CampaignId == id).GroupBy(r => new { r.SchoolId, r.Result })
            .Select(g => new { g.Key.SchoolId, g.Key.Result, Count = g.Count() }).ToListAsync(ct);
        int Count(int school, PresenceResult r) => results.Where(x => x.SchoolId == school && x.Result == r).Sum(x => x.Count);
        var schools = schoolRows.Select(s => new CampaignSchoolDto(s.SchoolCode, s.SchoolName, students.GetValueOrDefault(s.SchoolId),
            results.Where(x => x.SchoolId == s.SchoolId).Sum(x => x.Count), Count(s.SchoolId, PresenceResult.Present), Count(s.SchoolId, PresenceResult.Absent),
            Count(s.SchoolId, PresenceResult.Unreachable))).ToList();
        var dto = campaign is null ? FromSchoolRow(schoolRows[0]) : ToDto(campaign, schoolRows.Count);
        var open = dto.State == CampaignState.Open;
        var runner = campaign is not null && actor.May(SupervisionAccess.RecordResult);
        return new CampaignDetail(dto, schools, new CampaignActions(Record: runner && open, Close: runner && open && actor.May(SupervisionAccess.CloseOwnCampaign, campaign!.ScopePath)));
    }

    /// <summary>
    /// The students a campaign checks (approved, full-time, still at school, at its schools, in the caller's scope) with their result
    /// so far. Non-full-time students are not expected on site (issue 11, item 12).
    /// </summary>
    public async Task<PagedResult<RosterRow>> RosterAsync(Guid id, RosterFilter f, CancellationToken ct)
    {
        var schoolIds = await db.Set<PresenceCampaignSchool>().AsNoTracking().Where(s => s.CampaignId == id && (f.SchoolCode == null || s.SchoolCode == f.SchoolCode))
            .Select(s => s.SchoolId).ToListAsync(ct);
        if (schoolIds.Count == 0 && !await db.Set<PresenceCampaign>().AnyAsync(c => c.Id == id, ct) && !await db.Set<PresenceCampaignSchool>().AnyAsync(s => s.CampaignId == id, ct))
        {
            throw AppException.NotFound("核验批次");
        }

        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 200);
        var q = from s in db.StudentRowsInScope()
                where schoolIds.Contains(s.SchoolId) && s.RegistrationApproved && s.IsFullTime && PresenceCampaignSteps.Live.Contains(s.Status)
                join r in db.Set<PresenceCheckResult>().AsNoTracking().Where(r => r.CampaignId == id) on s.Id equals r.StudentId into rs
                from r in rs.DefaultIfEmpty()
                select new { s, r };
        if (f.Result is { } wanted)
        {
            q = q.Where(x => x.r != null && x.r.Result == wanted);
        }

        if (f.Unchecked == true)
        {
            q = q.Where(x => x.r == null);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.s.SchoolCode).ThenBy(x => x.s.ClassName).ThenBy(x => x.s.Name).ThenBy(x => x.s.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<RosterRow>(rows.Select(x => new RosterRow(
            x.s.Id, x.s.Name, x.s.IdNumberMasked, x.s.StatusNumber, x.s.SchoolCode, x.s.ClassName, x.r?.Result, x.r?.Result.ToChinese(), x.r?.Method, x.r?.Method.ToChinese(),
            x.r?.CheckedOn, x.r?.Note, x.r?.RecordedBy, x.r?.RecordedAtUtc)).ToList(), total, page, size);
    }

    private static CampaignDto ToDto(PresenceCampaign c, int schools) => new(
        c.Id, c.Name, c.DefaultMethod, c.DefaultMethod.ToChinese(), c.StartsOn, c.EndsOn, c.State, c.State.ToChinese(), c.OrganizationCode, c.OpenedBy, c.OpenedAtUtc,
        c.ClosedBy, c.ClosedAtUtc, schools);

    private static CampaignDto FromSchoolRow(PresenceCampaignSchool s) => new(
        s.CampaignId, s.CampaignName, s.DefaultMethod, s.DefaultMethod.ToChinese(), s.StartsOn, s.EndsOn, s.State, s.State.ToChinese(), null, null, null, null, null, 1);
}
