using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// The school publishes the year's advance notice (提前告知, 教财〔2018〕16号 四（一）): what is identified, who may apply, the
/// documents and the dates. Applications for that school year are received from its first day on, never before.
/// </summary>
public sealed class PublishHardshipNotice(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    public async Task<HardshipNoticeView> HandleAsync(HardshipNoticeInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(HardshipAccess.PublishNotice);
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.SchoolYear is not { } year || year < 2000 || year > today.Year + 1)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
            year = 0;
        }

        var content = Text(input.Content, "content", "认定工作事项", 2000, errors);
        var who = Text(input.WhoMayApply, "whoMayApply", "申请对象", 500, errors);
        var documents = Text(input.Documents, "documents", "所需材料", 500, errors);
        if (input.ApplyFrom is not { } from)
        {
            errors["applyFrom"] = ["请填写受理申请的开始日期"];
            from = today;
        }
        else if (from < today)
        {
            errors["applyFrom"] = [$"受理开始日期 {ChinaTime.Iso(from)} 早于今天：告知须在受理申请之前发布"];
        }

        if (input.ApplyTo is not { } to)
        {
            errors["applyTo"] = ["请填写受理申请的截止日期"];
        }
        else if (to < from)
        {
            errors["applyTo"] = ["受理截止日期不能早于开始日期"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var school = await schools.ForReadAsync(actor.OrganizationCode, ct);
        actor.Demand(HardshipAccess.PublishNotice, school.ScopePath);
        if (await db.Set<HardshipNotice>().AnyAsync(n => n.SchoolId == school.Id && n.SchoolYear == year, ct))
        {
            throw AppException.Conflict($"本校{HardshipTexts.SchoolYearText(year)}的认定工作告知已经发布");
        }

        var notice = new HardshipNotice(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, year, content!, who!, documents!, from, input.ApplyTo!.Value,
            today, actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(notice);
        db.Record(HardshipAuditActions.NoticePublished, notice.Id.ToString(), notice.ScopePath, null,
            new { schoolYear = year, applyFrom = ChinaTime.Iso(from), applyTo = ChinaTime.Iso(notice.ApplyTo) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_aid_hardship_notice", "aid_hardship_notices.SchoolId"))
        {
            throw AppException.Conflict($"本校{HardshipTexts.SchoolYearText(year)}的认定工作告知已经发布");
        }

        return HardshipNoticeQueries.ToView(notice, today);
    }

    private static string? Text(string? value, string field, string name, int max, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = [$"请填写{name}"];
        }
        else if (text.Length > max)
        {
            errors[field] = [$"{name}不能超过 {max} 字"];
        }

        return text;
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/notices", async (HardshipNoticeInput input, PublishHardshipNotice handler, CancellationToken ct) =>
        {
            var notice = await handler.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/hardship/notices?schoolYear={notice.SchoolYear}", notice);
        }).WithSummary("发布本学年家庭经济困难学生认定工作告知（提前告知：工作事项、申请对象、所需材料、受理日期；发布前不受理申请）")
            .Produces<HardshipNoticeView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .RequireAccess(HardshipAccess.PublishNotice);
}
