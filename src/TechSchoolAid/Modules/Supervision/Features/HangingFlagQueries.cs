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
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

/// <summary>The hanging list of a school or of a supervisor (its scope), and one flag with what the caller may do to it.</summary>
public sealed class HangingFlagQueries(TsaDbContext db, SchoolDirectory schools)
{
    public static void Map(RouteGroupBuilder h)
    {
        h.MapGet("/", ([AsParameters] HangingFlagFilter f, HangingFlagQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("疑似空挂学籍名单（管理范围内；原因、状态、学校筛选；分页）").RequirePermission(Permission.ViewStudents);
        h.MapGet("/{id:guid}", (Guid id, HangingFlagQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("疑似空挂记录详情（含学校说明、审核意见与当前可执行的操作）").RequirePermission(Permission.ViewStudents).ProducesProblem(404);
    }

    public async Task<PagedResult<HangingFlagDto>> ListAsync(HangingFlagFilter f, CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 200);
        var q = db.Set<HangingFlag>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.SchoolCode))
        {
            q = q.Where(x => x.SchoolCode == f.SchoolCode.Trim());
        }

        if (f.Reason is { } reason)
        {
            q = q.Where(x => x.Reason == reason);
        }

        if (f.State is { } state)
        {
            q = q.Where(x => x.State == state);
        }

        if (f.Open == true)
        {
            q = q.Where(x => x.State == HangingFlagState.Open || x.State == HangingFlagState.Answered);
        }

        if (f.StudentId is { } sid)
        {
            q = q.Where(x => x.StudentId == sid);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.State).ThenByDescending(x => x.DetectedAtUtc).ThenBy(x => x.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var names = await schools.NamesAsync(rows.Select(r => r.SchoolId), ct);
        return new PagedResult<HangingFlagDto>(rows.Select(r => ToDto(r, names.GetValueOrDefault(r.SchoolId, ""), db.Actor)).ToList(), total, page, size);
    }

    public async Task<HangingFlagDetail> DetailAsync(Guid id, CancellationToken ct)
    {
        var flag = await db.Set<HangingFlag>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw AppException.NotFound("疑似空挂记录");
        var names = await schools.NamesAsync([flag.SchoolId], ct);
        var dto = ToDto(flag, names.GetValueOrDefault(flag.SchoolId, ""), db.Actor);
        return new HangingFlagDetail(dto, new HangingFlagActions(dto.CanAnswer, dto.CanReview));
    }

    /// <summary>The flag as the caller sees it, with what the caller may do to it now (the handlers check again).</summary>
    public static HangingFlagDto ToDto(HangingFlag f, string schoolName, Kernel.Actor actor) => new(
        f.Id, f.Reason, f.Reason.ToChinese(), f.Detail, f.CampaignId, f.StudentId, f.StudentName, f.StudentIdNumberMasked, f.StatusNumber, f.SchoolCode, schoolName,
        f.DetectedOn, f.DetectedBy, f.State, f.State.ToChinese(), f.Answer, f.AnsweredBy, f.AnsweredAtUtc, f.AnswerCount, f.ReviewNote, f.ReviewedBy, f.ReviewedAtUtc,
        CanAnswer: f.State == HangingFlagState.Open && actor.May(SupervisionAccess.AnswerFlag, f.ScopePath),
        CanReview: f.State == HangingFlagState.Answered && actor.May(SupervisionAccess.ReviewFlag, f.ScopePath));
}
