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

/// <summary>What an authority enters to open a campaign. Everything optional so that the handler says in Chinese what is missing.</summary>
public sealed class CampaignInput
{
    public string? Name { get; set; }

    public PresenceMethod? DefaultMethod { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public IReadOnlyList<string>? SchoolCodes { get; set; }
}

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

public sealed record CampaignDto(
    Guid Id, string Name, PresenceMethod DefaultMethod, string DefaultMethodText, DateOnly StartsOn, DateOnly EndsOn, CampaignState State, string StateText,
    string? OrganizationCode, string? OpenedBy, DateTime? OpenedAt, string? ClosedBy, DateTime? ClosedAt, int SchoolCount);

public sealed record CampaignSchoolDto(string SchoolCode, string SchoolName, int Students, int Checked, int Present, int Absent, int Unreachable);

public sealed record CampaignActions(bool Record, bool Close);

public sealed record CampaignDetail(CampaignDto Campaign, IReadOnlyList<CampaignSchoolDto> Schools, CampaignActions Actions);

public sealed record RosterRow(
    Guid StudentId, string StudentName, string StudentIdNumberMasked, string? StatusNumber, string SchoolCode, string ClassName,
    PresenceResult? Result, string? ResultText, PresenceMethod? Method, string? MethodText, DateOnly? CheckedOn, string? Note, string? RecordedBy, DateTime? RecordedAt);

public sealed class RosterFilter
{
    public string? SchoolCode { get; set; }

    /// <summary>Only students with this result; <c>unchecked=true</c> for students without a result yet.</summary>
    public PresenceResult? Result { get; set; }

    public bool? Unchecked { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>
/// STA-3's campaigns: opened by a city or province over chosen schools of its scope, a result per student recorded by the
/// authority (absent or unreachable raises a hanging flag at once), closed by the opening authority. Every step audited.
/// </summary>
public sealed class PresenceCampaigns(TsaDbContext db, SchoolDirectory schools, TimeProvider clock)
{
    /// <summary>The statuses of a record that is still supposed to be at school: these are the students a campaign checks.</summary>
    public static readonly EnrolmentStatus[] Live = [EnrolmentStatus.Active, EnrolmentStatus.Suspended, EnrolmentStatus.Reserved];

    public async Task<PresenceCampaign> OpenAsync(CampaignInput input, CancellationToken ct)
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

    public async Task<RosterRow> RecordAsync(Guid campaignId, PresenceResultInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.RecordResult);
        var campaign = await db.Set<PresenceCampaign>().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw AppException.NotFound("核验批次");
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

        if (!student.RegistrationApproved || !Live.Contains(student.Status))
        {
            throw AppException.Invalid("studentId", student.RegistrationApproved
                ? $"{student.Name} 的学籍状态为「{student.Status.ToChinese()}」，已不在校籍，不在本次核验范围内"
                : $"{student.Name} 的学籍注册尚未审核通过，不在本次核验范围内");
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

    public async Task<PresenceCampaign> CloseAsync(Guid campaignId, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(SupervisionAccess.CloseCampaign);
        var campaign = await db.Set<PresenceCampaign>().FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw AppException.NotFound("核验批次");
        actor.Demand(SupervisionAccess.CloseOwnCampaign, campaign.ScopePath);

        campaign.Close(actor.UserName, clock.GetUtcNow().UtcDateTime);
        foreach (var s in await db.Set<PresenceCampaignSchool>().Where(s => s.CampaignId == campaignId).ToListAsync(ct))
        {
            s.Close();
        }

        var counts = await db.Set<PresenceCheckResult>().Where(r => r.CampaignId == campaignId).GroupBy(r => r.Result)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        db.Record(SupervisionAuditActions.CampaignClosed, campaign.Id.ToString(), campaign.ScopePath, new { state = CampaignState.Open },
            new { state = campaign.State, results = counts.ToDictionary(c => c.Key.ToString(), c => c.Count) }, clock);
        await db.SaveChangesAsync(ct);
        return campaign;
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
            HangingFlagging.Raise(db, clock, reason, detail, campaign.Id,
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
