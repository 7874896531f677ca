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
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>A student's application with the signed personal commitment: one current identification per student and school year.</summary>
public sealed class ApplyForHardship(TsaDbContext db, HardshipSteps steps, StudentLifecycle students, TimeProvider clock)
{
    public async Task<HardshipAssessment> HandleAsync(Guid studentId, HardshipApplicationInput input, CancellationToken ct)
    {
        steps.DemandStaff();
        var student = await students.GetAsync(studentId, ct);
        db.Actor.Demand(HardshipAccess.ManageOwnSchool, student.ScopePath);
        HardshipApplication.RequireActive(student);
        var values = HardshipApplication.Validate(input, clock.Today());
        await RequireNoticeAsync(student.SchoolId, values.SchoolYear, ct);
        if (await db.Set<HardshipAssessment>().AnyAsync(a => a.StudentId == studentId && a.SchoolYear == values.SchoolYear && a.SupersededAtUtc == null, ct))
        {
            throw AppException.Conflict($"该学生{HardshipTexts.SchoolYearText(values.SchoolYear)}已有家庭经济困难认定；学期中的变化请使用“重新认定”");
        }

        var a = HardshipApplication.New(student, values, steps.Seal(values.FamilySituation)!, 1, null, db.Actor.UserName, clock);
        db.Add(a);
        db.Record(HardshipAuditActions.Applied, a.Id.ToString(), a.ScopePath, null, HardshipApplication.Audited(a), clock);
        await steps.SaveAsync(ct);
        return a;
    }

    /// <summary>
    /// 提前告知 before 个人申请 (教财〔2018〕16号 四（一）、（二）): the school's notice of the year's identification must be out
    /// and its application period begun.
    /// </summary>
    private async Task RequireNoticeAsync(int schoolId, int schoolYear, CancellationToken ct)
    {
        var notice = await db.Set<HardshipNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.SchoolId == schoolId && n.SchoolYear == schoolYear, ct);
        var year = HardshipTexts.SchoolYearText(schoolYear);
        if (notice is null)
        {
            throw AppException.Conflict($"学校尚未发布{year}家庭经济困难学生认定工作告知（提前告知，教财〔2018〕16号），发布告知后才能受理申请");
        }

        if (clock.Today() < notice.ApplyFrom)
        {
            throw AppException.Conflict($"{year}家庭经济困难学生认定自 {ChinaTime.Iso(notice.ApplyFrom)} 起受理申请（见学校告知），此前不能申请");
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/students/{id:guid}/hardship", async (Guid id, HardshipApplicationInput input, ApplyForHardship handler, HardshipQueries q, CancellationToken ct) =>
        {
            var a = await handler.HandleAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/hardship/{a.Id}", await q.DetailAsync(a.Id, ct));
        }).WithTags("家庭经济困难认定").WithSummary("学生申请家庭经济困难认定（须学校已发布本学年认定告知且已到受理日期；须签署个人承诺；仅在籍学生；每学年一份当前认定）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).RequireAccess(HardshipAccess.ManageOwnSchool);
}
