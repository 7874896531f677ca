using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar.Contracts;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Seeding;

/// <summary>
/// Demo data for INS-1: province 44's plans of the last three years, all confirmed, with visits that cover every 省管
/// school each year and three 市管 schools a year (so each 市管 school is visited within three years); this year's visit
/// to 44010004 with its self-inspection and two findings — one rectification answered and closed, one open — and a
/// ministry spot check by the inspector. Deterministic; seeded once.
/// </summary>
public static class InspectionDemoData
{
    private const string Province = "44";

    /// <summary>The 市管 schools visited in the year before last, last year and this year.</summary>
    private static readonly string[][] CityVisits = [["44010010", "44010004", "44030005"], ["44010007", "44030008", "44050009"], ["44050006", "44010004", "44030005"]];

    public static async Task SeedAsync(TsaDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<InspectionPlan>().AnyAsync(ct)) // the seeding actor is the system: it sees every plan
        {
            return;
        }

        var province = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == Province, ct);
        if (province is null)
        {
            return;
        }

        var schools = (await db.SchoolsUnderAsync(province.ScopePath, ct)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        if (CityVisits.SelectMany(c => c).Any(c => !schools.ContainsKey(c)))
        {
            return;
        }

        var calendar = new WorkingDayCalendar(await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct));
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var visitDay = today.AddDays(-20);
        var year = visitDay.Year;
        var by = $"prov-{Province}";
        var provinceManaged = schools.Values.Where(s => s.ManagedBy == ManagedBy.Province).ToList();
        for (var k = 0; k < 3; k++)
        {
            var planYear = year - 2 + k;
            var plan = new InspectionPlan(Guid.CreateVersion7(), Province, province.ScopePath, planYear, by, now);
            foreach (var s in provinceManaged)
            {
                plan.Add(s, EntryReason.ProvinceManaged, 0, "", null);
            }

            foreach (var code in CityVisits[k])
            {
                plan.Add(schools[code], k == 2 && code == "44050006" ? EntryReason.ThreeYearRule : EntryReason.Risk, 0, "", null);
            }

            plan.Confirm([], new Dictionary<string, string>(), by, now);
            db.Add(plan);
            db.Record(InspectionAuditActions.PlanConfirmed, plan.Id.ToString(), plan.ScopePath, null, new { planYear, schools = plan.Entries.Count, demo = true }, clock);

            // Earlier years: every planned school visited; this year: 44010004 and the first 省管 school so far.
            var visitedCodes = k < 2 ? plan.Entries.Select(e => e.SchoolCode).ToList() : [provinceManaged[0].Code];
            foreach (var code in visitedCodes)
            {
                var s = schools[code];
                var day = k < 2 ? new DateOnly(planYear, 5, 10).AddDays(visitedCodes.IndexOf(code) * 7) : visitDay.AddDays(-7);
                var v = new InspectionVisit(Guid.CreateVersion7(), VisitKind.Planned, plan.Id, planYear, Province, s.Id, s.Code, s.Name, true, s.ScopePath, day,
                    "省人社厅资助核查组（演示数据）", "资助工作总体规范（演示数据）", by, now);
                db.Add(v);
                db.Add(v.AddFinding("hardship-procedure", Conclusion.Compliant, "困难认定程序完整，评议记录齐全（演示数据）", false, by, now));
            }

            if (k == 2)
            {
                SeedCurrentVisit(db, schools["44010004"], plan, visitDay, calendar, clock);
                var spot = schools["44030005"];
                var check = new InspectionVisit(Guid.CreateVersion7(), VisitKind.SpotCheck, null, planYear, Province, spot.Id, spot.Code, spot.Name, true, spot.ScopePath,
                    visitDay.AddDays(5), "人社部核查组（演示数据）", "抽查学籍异动办理和资助名单公示（演示数据）", "inspector", now);
                db.Add(check);
                db.Add(check.AddFinding("status-changes-on-time", Conclusion.PartlyCompliant, "抽查20名学生，1名学生退学异动超过10个工作日才办理（演示数据）", false, "inspector", now));
                db.Record(InspectionAuditActions.SpotCheckRecorded, check.Id.ToString(), check.ScopePath, null, new { target = spot.Code, demo = true }, clock);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static void SeedCurrentVisit(TsaDbContext db, SchoolRef school, InspectionPlan plan, DateOnly visitDay, WorkingDayCalendar calendar, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var by = $"prov-{Province}";
        var self = new SelfInspection(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, plan.Year, $"school-{school.Code}", now);
        foreach (var key in (string[])["registration-on-time", "status-changes-on-time", "no-hanging-records", "graduation", "hardship-procedure", "publication", "approval-deadline",
                     "paid-to-card", "crosscheck-handled", "aid-rules", "aid-staff", "training", "brochure", "hotline"])
        {
            self.Add(key, key == "training" ? Conclusion.PartlyCompliant : Conclusion.Compliant, key == "training" ? "新任资助专干尚未参加省级培训（演示数据）" : null);
        }

        db.Add(self);
        var visit = new InspectionVisit(Guid.CreateVersion7(), VisitKind.Planned, plan.Id, plan.Year, Province, school.Id, school.Code, school.Name, true, school.ScopePath, visitDay,
            "省人社厅资助核查组 王敏、李强（演示数据）", "抽查50名受助学生档案，资助程序总体规范，发现两处问题（演示数据）", by, now);
        db.Add(visit);
        db.Record(InspectionAuditActions.VisitRecorded, visit.Id.ToString(), visit.ScopePath, null, new { schoolCode = school.Code, visitDay, demo = true }, clock);

        var published = visit.AddFinding("publication", Conclusion.NonCompliant, $"{plan.Year}年秋季学期国家助学金名单公示期仅3天，少于规定的5个工作日（演示数据）", true, by, now);
        var training = visit.AddFinding("training", Conclusion.PartlyCompliant, "新任资助专干未参加本年度省级资助政策培训（演示数据）", true, by, now);
        db.AddRange(published, training);
        var closed = new RectificationTask(Guid.CreateVersion7(), published.Id, visit.Id, plan.Year, school.Id, school.Code, school.Name, school.ScopePath,
            published.ItemKey, published.Text, calendar.AddWorkingDays(visitDay, 20));
        closed.AnswerWith("已重新公示5个工作日，无异议；已修订公示工作流程（演示数据）", $"school-{school.Code}", now, visitDay.AddDays(6));
        closed.Close(by, now);
        var open = new RectificationTask(Guid.CreateVersion7(), training.Id, visit.Id, plan.Year, school.Id, school.Code, school.Name, school.ScopePath,
            training.ItemKey, training.Text, calendar.AddWorkingDays(visitDay, 20));
        db.AddRange(closed, open);
        db.Record(InspectionAuditActions.RectificationCreated, closed.Id.ToString(), school.ScopePath, null, new { demo = true }, clock);
        db.Record(InspectionAuditActions.RectificationClosed, closed.Id.ToString(), school.ScopePath, null, new { demo = true }, clock);
        db.Record(InspectionAuditActions.RectificationCreated, open.Id.ToString(), school.ScopePath, null, new { demo = true }, clock);
    }
}
