using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Supervision.Contracts;
using TechSchoolAid.Modules.Supervision.Domain;
using TechSchoolAid.Modules.Supervision.Features;

namespace TechSchoolAid.Modules.Supervision.Seeding;

/// <summary>
/// Demo data for STA-3 and STA-4: city 4401's open verification campaign over two of its schools, with results for a few
/// students of the first (one absent, one unreachable — each flagged, one flag already answered), and one open warning with
/// a rectification date. Students without status changes are used, from the end of the list, so the tests' students stay untouched.
/// </summary>
public static class SupervisionDemoData
{
    public static async Task SeedAsync(TsaDbContext db, string schoolCode, TimeProvider clock, CancellationToken ct)
    {
        var all = db.AllOrganizations();
        var school = await all.FirstOrDefaultAsync(o => o.Code == schoolCode, ct);
        if (school is null || await db.Unscoped<PresenceCampaign>("the demo is seeded once, whatever campaign exists anywhere").AnyAsync(ct))
        {
            return;
        }

        var city = await all.FirstAsync(o => o.ScopePath == ScopePaths.ParentOf(school.ScopePath), ct);
        var other = await all.Where(o => o.Level == Kernel.Security.OrgLevel.School && o.Code != school.Code && o.ScopePath.StartsWith(city.ScopePath))
            .OrderBy(o => o.Code).FirstOrDefaultAsync(ct);
        var changed = db.StatusChangeActivityRows().Select(c => c.StudentId);
        var students = await db.StudentRowsInScope()
            .Where(s => s.SchoolId == school.Id && s.RegistrationApproved && s.Status == EnrolmentStatus.Active && !changed.Contains(s.Id))
            .OrderByDescending(s => s.StatusNumber).Take(4).ToListAsync(ct);
        if (students.Count < 4)
        {
            return;
        }

        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var by = $"city-{city.Code}";
        var campaign = new PresenceCampaign(Guid.CreateVersion7(), $"{today.Year}年秋季学期人籍一致核验（演示数据）", PresenceMethod.OnSite, today.AddDays(-10), today.AddDays(20),
            city.ScopePath, city.Code, by, now);
        db.Add(campaign);
        db.Add(new PresenceCampaignSchool(campaign, school.Id, school.Code, school.Name, school.ScopePath));
        if (other is not null)
        {
            db.Add(new PresenceCampaignSchool(campaign, other.Id, other.Code, other.Name, other.ScopePath));
        }

        (PresenceResult Result, PresenceMethod Method, string? Note)[] plan =
        [
            (PresenceResult.Present, PresenceMethod.OnSite, null),
            (PresenceResult.Present, PresenceMethod.RemoteRollCall, null),
            (PresenceResult.Absent, PresenceMethod.OnSite, "班主任称该生已两个月未到校（演示数据）"),
            (PresenceResult.Unreachable, PresenceMethod.RemoteRollCall, "本人及监护人电话均无人接听（演示数据）"),
        ];
        HangingFlag? answered = null;
        for (var i = 0; i < plan.Length; i++)
        {
            var s = students[i];
            var (result, method, note) = plan[i];
            var row = new PresenceCheckResult(Guid.CreateVersion7(), campaign.Id, campaign.Name, s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber);
            row.Record(result, method, today.AddDays(-5), note, by, now);
            db.Add(row);
            if (result == PresenceResult.Present)
            {
                continue;
            }

            var flag = new HangingFlag(Guid.CreateVersion7(), result == PresenceResult.Absent ? HangingReason.AbsentInCampaign : HangingReason.UnreachableInCampaign,
                $"核验批次「{campaign.Name}」：{result.ToChinese()}（{method.ToChinese()}，{ChinaTime.Iso(today.AddDays(-5))}）", campaign.Id, s.Id, s.SchoolId, s.SchoolCode,
                s.ScopePath, s.Name, s.IdNumberMasked, s.StatusNumber, today.AddDays(-5), by, now);
            db.Add(flag);
            answered ??= flag;
        }

        answered?.AnswerWith("该生因家中变故请假回乡，已取得联系，预计下周返校，附请假条（演示数据）", $"school-{school.Code}-records", now);

        db.Add(new SupervisionMeasure(Guid.CreateVersion7(), MeasureKind.Warning, school.Id, school.Code, school.Name, school.ScopePath, city.Code,
            "学籍异动长期未按时办理，核验发现多名学生不在校仍保留学籍（演示数据）", "2026 年秋季核验：2 名学生不在校或联系不上；1 条休学逾期未报送。",
            today.AddDays(-3), today.AddDays(5), by, now));
        db.Record(SupervisionAuditActions.DemoSeeded, "demo", "/", null, new { campaign = campaign.Id, school = school.Code, flags = 2, measures = 1 }, clock);
        await db.SaveChangesAsync(ct);
    }
}
