using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

/// <summary>What the public sends; everything optional so the handler says in Chinese what is missing.</summary>
public sealed class ComplaintFileInput
{
    public ComplaintKind? Kind { get; set; }

    /// <summary>The school it is about (from the public school search); empty when it is about a province's aid work.</summary>
    public string? SchoolCode { get; set; }

    /// <summary>The province whose aid work it is about, when no school is named.</summary>
    public string? ProvinceCode { get; set; }

    public string? Text { get; set; }

    /// <summary>Optional.</summary>
    public string? Name { get; set; }

    public string? Phone { get; set; }

    /// <summary>The honeypot: hidden from people on the form; a program that fills every field fills it.</summary>
    public string? Website { get; set; }
}

/// <summary>The receipt: the number to follow it with, who has it, by when it will be answered.</summary>
public sealed record ComplaintReceipt(string TrackingNumber, string Kind, string RoutedTo, DateOnly FiledOn, DateOnly DueOn, string Message);

/// <summary>
/// A member of the public files a consultation or complaint (PUB-1): validated, routed to the school it is about (else the
/// province), given a random tracking number and an answer deadline in working days (the policy in force today), the
/// name and phone encrypted. The same text from the same phone about the same subject within a day is refused (409).
/// A filled honeypot answers like a success but nothing is stored (docs/adr/0021-public-site-and-complaints.md).
/// </summary>
public sealed class FileComplaint(TsaDbContext db, ComplaintSteps steps, WorkingDays workingDays, TimeProvider clock)
{
    public const string RateLimitPolicy = "complaint-filing";
    public const int MaxNameLength = 20;

    public static void Map(IEndpointRouteBuilder publicApi) =>
        publicApi.MapPost("/complaints", async (ComplaintFileInput input, FileComplaint file, CancellationToken ct) =>
            TypedResults.Created("/api/v1/public/complaints/track", await file.HandleAsync(input, ct)))
            .WithTags("公开查询").WithSummary("提交政策咨询或投诉（无需登录）：返回受理编号、承办单位和答复期限")
            .Produces<ComplaintReceipt>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429)
            .RequireRateLimiting(RateLimitPolicy);

    public async Task<ComplaintReceipt> HandleAsync(ComplaintFileInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => errors[field] = [message];
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            Add("kind", "请选择类别（咨询或投诉）");
        }

        var text = (input.Text ?? "").Trim();
        if (text.Length == 0)
        {
            Add("text", "请填写咨询或投诉的内容");
        }
        else if (text.Length > Complaint.MaxTextLength)
        {
            Add("text", $"内容不能超过 {Complaint.MaxTextLength} 个字（现有 {text.Length} 个）");
        }
        else if (InputGuard.TextProblem(text, Complaint.MaxTextLength) is { } textProblem)
        {
            Add("text", "内容" + textProblem);
        }

        var name = (input.Name ?? "").Trim();
        if (name.Length > MaxNameLength)
        {
            Add("name", $"姓名不能超过 {MaxNameLength} 个字");
        }
        else if (name.Length > 0 && InputGuard.TextProblem(name, MaxNameLength) is { } nameProblem)
        {
            Add("name", "姓名" + nameProblem);
        }

        var phone = ComplaintSteps.NormalizePhone(input.Phone);
        if (phone is null)
        {
            Add("phone", string.IsNullOrWhiteSpace(input.Phone)
                ? "请填写联系电话（手机号或带区号的固定电话），用于查询办理进度"
                : "联系电话格式不正确：请填写 11 位手机号（如 13800138000）或带区号的固定电话（如 020-12345678）");
        }

        var schoolCode = (input.SchoolCode ?? "").Trim();
        var provinceCode = (input.ProvinceCode ?? "").Trim();
        if (schoolCode.Length == 0 && provinceCode.Length == 0)
        {
            Add("schoolCode", "请选择所涉及的学校，或选择所涉及的省份");
        }

        InputGuard.ThrowIfAny(errors);

        var orgs = db.AllOrganizations();
        var target = schoolCode.Length > 0
            ? await orgs.Where(o => o.Code == schoolCode && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("schoolCode", "未找到该学校，请通过学校名称或代码搜索后选择")
            : await orgs.Where(o => o.Code == provinceCode && o.Level == OrgLevel.Province).FirstOrDefaultAsync(ct)
                ?? throw AppException.Invalid("provinceCode", "未找到该省份，请从列表中选择");
        var province = target.Level == OrgLevel.Province ? target : await orgs.FirstAsync(o => o.Code == target.ProvinceCode && o.Level == OrgLevel.Province, ct);

        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var k = input.Kind!.Value;
        var deadline = await steps.DeadlineAsync(k, today, ct);
        var dueOn = workingDays.AddWorkingDays(today, deadline.AnswerWorkingDays);
        var trackingNumber = ComplaintSteps.NewTrackingNumber(today.Year);
        var receipt = new ComplaintReceipt(trackingNumber, k.ToChinese(), target.Name, today, dueOn,
            $"已受理，请记下受理编号 {trackingNumber}。{target.Name}将于 {ChinaTime.Iso(dueOn)} 前答复，可凭受理编号和联系电话后四位查询办理进度。");
        if (!string.IsNullOrEmpty(input.Website))
        {
            // The honeypot: a program filled the hidden field. It learns nothing: same answer, nothing stored.
            return receipt;
        }

        var contentKey = steps.ContentKey(k, target.Code, phone!, text);
        var since = now.AddDays(-1);
        if (await db.Unscoped<Complaint>("the public's duplicate check spans every organisation").AnyAsync(c => c.ContentKey == contentKey && c.FiledAtUtc > since, ct))
        {
            throw AppException.Conflict("相同内容的咨询投诉已于 24 小时内提交并受理，请勿重复提交；请凭当时取得的受理编号查询办理进度");
        }

        var complaint = new Complaint(Guid.CreateVersion7(), trackingNumber, k, province.Code, province.Name,
            target.Level == OrgLevel.School ? target.Code : null, target.Level == OrgLevel.School ? target.Name : null,
            target.Code, target.Name, target.ScopePath, text,
            name.Length > 0 ? steps.Encrypt(name) : null, name.Length > 0 ? ComplaintSteps.MaskName(name) : null,
            steps.Encrypt(phone!), ComplaintSteps.MaskPhone(phone!), steps.LookupKey(trackingNumber, ComplaintSteps.LastFour(phone!)), contentKey,
            today, now, dueOn, deadline.AnswerWorkingDays);
        using (db.WritesUnscoped(target.ScopePath, "the public files a complaint about an organisation (PUB-1)"))
        {
            db.Add(complaint);
            db.Record(PublicSiteAuditActions.ComplaintFiled, complaint.Id.ToString(), complaint.ScopePath, null, new
            {
                trackingNumber, kind = k, routedTo = target.Code, dueOn = ChinaTime.Iso(dueOn), workingDays = deadline.AnswerWorkingDays,
            }, clock);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_public_complaints_tracking", "TrackingNumber"))
            {
                throw AppException.Conflict("受理编号生成冲突，请重新提交");
            }
        }

        return receipt;
    }
}
