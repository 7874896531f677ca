using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;

namespace TechSchoolAid.Modules.Supervision.Features;

public sealed class PresenceResultInput
{
    public Guid? StudentId { get; set; }

    public PresenceResult? Result { get; set; }

    /// <summary>Defaults to the campaign's method.</summary>
    public PresenceMethod? Method { get; set; }

    /// <summary>Defaults to today.</summary>
    public DateOnly? CheckedOn { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// STA-3: the authority records a result per student of an open campaign; absent or unreachable raises a hanging flag at
/// once, present clears a flag the school has not answered yet. Audited.
/// </summary>
public sealed class RecordPresenceResult(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder c) =>
        c.MapPost("/{id:guid}/results", (Guid id, PresenceResultInput input, RecordPresenceResult w, CancellationToken ct) => w.HandleAsync(id, input, ct))
            .WithSummary("登记一名学生的核验结果（在校/不在校/联系不上；不在校或联系不上即列为疑似空挂）").RequireAccess(SupervisionAccess.RecordResult).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<RosterRow> HandleAsync(Guid campaignId, PresenceResultInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.RecordResult);
        var campaign = await PresenceCampaignSteps.LoadAsync(db, campaignId, ct);
        campaign.RequireOpen();
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.StudentId is null)
        {
            errors["studentId"] = ["请指定学生"];
        }

        if (input.Result is not { } result || !Enum.IsDefined(result))
        {
            errors["result"] = ["请选择核验结果：在校、不在校或联系不上"];
            result = default;
        }

        var method = input.Method ?? campaign.DefaultMethod;
        if (!Enum.IsDefined(method))
        {
            errors["method"] = ["核验方式只能是现场核查或远程点名"];
        }

        var checkedOn = input.CheckedOn ?? today;
        if (checkedOn > today)
        {
            errors["checkedOn"] = ["核验日期不能晚于今天"];
        }
        else if (checkedOn < campaign.StartsOn || checkedOn > campaign.EndsOn)
        {
            errors["checkedOn"] = [$"核验日期应在批次期间 {ChinaTime.Iso(campaign.StartsOn)} 至 {ChinaTime.Iso(campaign.EndsOn)} 内"];
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            errors["note"] = ["备注不能超过 500 字"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var student = await db.StudentRowsInScope().FirstOrDefaultAsync(s => s.Id == input.StudentId, ct) ?? throw AppException.NotFound("学生");
        var included = await db.Set<PresenceCampaignSchool>().AsNoTracking().AnyAsync(s => s.CampaignId == campaignId && s.SchoolId == student.SchoolId, ct);
        if (!included)
        {
            var count = await db.Set<PresenceCampaignSchool>().CountAsync(s => s.CampaignId == campaignId, ct);
            throw AppException.Invalid("studentId", $"{student.Name} 所在学校（{student.SchoolCode}）不在核验批次「{campaign.Name}」的 {count} 所学校之内，不能登记核验结果");
        }

        if (!student.RegistrationApproved || !PresenceCampaignSteps.Live.Contains(student.Status))
        {
            throw AppException.Invalid("studentId", student.RegistrationApproved
                ? $"{student.Name} 的学籍状态为「{student.Status.ToChinese()}」，已不在校籍，不在本次核验范围内"
                : $"{student.Name} 的学籍注册尚未审核通过，不在本次核验范围内");
        }

        if (!student.IsFullTime)
        {
            // Issue 11, item 12: non-full-time students are not expected on site, so a presence check does not cover them.
            throw AppException.Invalid("studentId", $"{student.Name} 为非全日制学生，不要求在校，不在到校核查范围内");
        }

        var row = await db.Set<PresenceCheckResult>().FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.StudentId == student.Id, ct);
        object? old = row is null ? null : new { row.Result, row.Method, checkedOn = ChinaTime.Iso(row.CheckedOn), row.RecordedBy };
        if (row is null)
        {
            row = new PresenceCheckResult(Guid.CreateVersion7(), campaignId, campaign.Name, student.Id, student.SchoolId, student.SchoolCode, student.ScopePath,
                student.Name, student.IdNumberMasked, student.StatusNumber);
            db.Add(row);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        row.Record(result, method, checkedOn, string.IsNullOrEmpty(note) ? null : note, actor.UserName, now);
        db.Record(SupervisionAuditActions.ResultRecorded, row.Id.ToString(), row.ScopePath, old,
            new { campaign = campaignId, student = student.Id, result, method, checkedOn = ChinaTime.Iso(checkedOn) }, clock);
        await FlagAsync(campaign, student, row, ct);
        await db.SaveChangesAsync(ct);
        return ToRow(student, row);
    }

    /// <summary>
    /// Absent or unreachable raises (or restates) the campaign's flag for the student; present clears a flag the school has
    /// not answered yet. An answered flag stays for the supervisor to decide.
    /// </summary>
    private async Task FlagAsync(PresenceCampaign campaign, StudentRow student, PresenceCheckResult row, CancellationToken ct)
    {
        var flag = await db.Set<HangingFlag>().Where(f => f.StudentId == student.Id && f.CampaignId == campaign.Id
            && (f.State == HangingFlagState.Open || f.State == HangingFlagState.Answered)).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row.Result == PresenceResult.Present)
        {
            if (flag is { State: HangingFlagState.Open })
            {
                flag.Clear($"复核结果为在校（{row.Method.ToChinese()}，{ChinaTime.Iso(row.CheckedOn)}）", db.Actor.UserName, now);
                db.Record(SupervisionAuditActions.Cleared, flag.Id.ToString(), flag.ScopePath, new { state = HangingFlagState.Open }, new { state = flag.State, note = flag.ReviewNote }, clock);
            }

            return;
        }

        var reason = row.Result == PresenceResult.Absent ? HangingReason.AbsentInCampaign : HangingReason.UnreachableInCampaign;
        var detail = $"核验批次「{campaign.Name}」：{row.Result.ToChinese()}（{row.Method.ToChinese()}，{ChinaTime.Iso(row.CheckedOn)}）";
        if (flag is null)
        {
            HangingFlagSteps.Raise(db, clock, reason, detail, campaign.Id,
                new FlagFacts(student.Id, student.SchoolId, student.SchoolCode, student.ScopePath, student.Name, student.IdNumberMasked, student.StatusNumber));
        }
        else if (flag.Reason != reason)
        {
            flag.Restate(reason, detail);
            db.Record(SupervisionAuditActions.Restated, flag.Id.ToString(), flag.ScopePath, null, new { reason, detail }, clock);
        }
    }

    private static RosterRow ToRow(StudentRow s, PresenceCheckResult r) => new(
        s.Id, s.Name, s.IdNumberMasked, s.StatusNumber, s.SchoolCode, s.ClassName, r.Result, r.Result.ToChinese(), r.Method, r.Method.ToChinese(), r.CheckedOn, r.Note, r.RecordedBy, r.RecordedAtUtc);
}
