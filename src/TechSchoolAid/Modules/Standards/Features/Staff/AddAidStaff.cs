using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Staff;

public sealed record AidStaffInput(string? Name, StaffPostKind? PostKind, string? Post, string? Phone, DateOnly? AppointedOn);

/// <summary>A staff member as shown: the phone masked, never in full.</summary>
public sealed record AidStaffRow(Guid Id, string SchoolCode, string Name, StaffPostKind PostKind, string PostKindText, string Post, string PhoneMasked,
    DateOnly AppointedOn, DateOnly? EndedOn, bool Current, DateOnly? LastTrainedOn, int Version);

/// <summary>
/// INS-2: a school records a member of its aid staff: name, 专职/兼职 and post, phone (a mobile or a landline with area
/// code; stored encrypted with the personal-data key, shown masked 138****1234, never written to the audit log in full)
/// and the appointment date (not in the future). Audited.
/// </summary>
public sealed class AddAidStaff(TsaDbContext db, SchoolDirectory schools, PersonalDataProtector protector, StandardsSteps steps, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/schools/{schoolCode}/staff", async (string schoolCode, AidStaffInput input, AddAidStaff f, CancellationToken ct) =>
            {
                var row = await f.HandleAsync(schoolCode, input, ct);
                return TypedResults.Created($"/api/v1/standards/staff/{row.Id}", row);
            }).RequireAccess(StandardsAccess.Keep)
            .WithSummary("学校登记资助工作人员（姓名、专职/兼职、岗位、联系电话（加密保存、脱敏显示）、任职日期）")
            .Produces<AidStaffRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<AidStaffRow> HandleAsync(string schoolCode, AidStaffInput input, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        db.Actor.Demand(StandardsAccess.Keep, school.ScopePath);
        var name = StandardsSteps.Required(input.Name, "name", "姓名", 50);
        var kind = StandardsSteps.Enum(input.PostKind, "postKind", "专职或兼职");
        var post = StandardsSteps.Required(input.Post, "post", "岗位", 50);
        var phone = StandardsSteps.Phone(input.Phone);
        var appointed = StandardsSteps.Date(input.AppointedOn, "appointedOn", "任职日期");
        var today = clock.Today();
        if (appointed > today)
        {
            throw AppException.Invalid("appointedOn", $"任职日期不能晚于今天（{ChinaTime.Iso(today)}）");
        }

        var masked = StandardsSteps.MaskPhone(phone);
        var member = new AidStaffMember(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, name, kind, post, protector.Encrypt(phone), masked, appointed,
            db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(member);
        db.Record(StandardsAuditActions.StaffAdded, member.Id.ToString(), school.ScopePath, null,
            new { name, postKind = kind, post, phone = masked, appointedOn = ChinaTime.Iso(appointed) }, clock);
        await steps.SaveAsync(ct);
        return ToRow(member, today, null);
    }

    public static AidStaffRow ToRow(AidStaffMember s, DateOnly today, DateOnly? lastTrained) =>
        new(s.Id, s.SchoolCode, s.Name, s.PostKind, s.PostKind.ToChinese(), s.Post, s.PhoneMasked, s.AppointedOn, s.EndedOn, s.IsCurrentOn(today), lastTrained, s.Version);
}
