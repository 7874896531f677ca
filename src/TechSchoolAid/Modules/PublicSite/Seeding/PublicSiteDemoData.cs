using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Seeding;

/// <summary>
/// Demo data of the public site (PUB-1): the hotlines of provinces 44 and 51 and the ministry (clearly demo numbers), and
/// three complaints about the given 市管 school — one answered, one open and due soon, one overdue and escalated to its
/// city. The demo phone is 13800138000 (last four 8000), so the public follow-up can be tried.
/// </summary>
public static class PublicSiteDemoData
{
    public const string DemoPhone = "13800138000";

    public static async Task SeedAsync(TsaDbContext db, PersonalDataProtector protector, string schoolCode, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<Hotline>().AnyAsync(ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var orgs = await db.AllOrganizations().Where(o => o.Level == OrgLevel.Ministry || o.Code == "44" || o.Code == "51" || o.Code == schoolCode).ToListAsync(ct);
        foreach (var (code, consult, complain, address) in new[]
        {
            ("000000", "010-00000001", "010-00000002", "北京市（演示地址）人力资源社会保障部职业能力建设司"),
            ("44", "020-00000044", "020-00004400", "广州市（演示地址）广东省人力资源和社会保障厅"),
            ("51", "028-00000051", "028-00005100", "成都市（演示地址）四川省人力资源和社会保障厅"),
        })
        {
            var org = orgs.FirstOrDefault(o => o.Code == code);
            if (org is null)
            {
                continue;
            }

            var h = new Hotline(Guid.CreateVersion7(), org.Code, org.Name, org.ScopePath);
            h.Set(consult, complain, address + "（演示数据）", "工作日 9:00-12:00，14:00-17:30", $"zizhu-{code}@example.cn", "demo", now);
            db.Add(h);
        }

        var school = orgs.FirstOrDefault(o => o.Code == schoolCode && o.Level == OrgLevel.School);
        var province = orgs.FirstOrDefault(o => o.Code == school?.ProvinceCode);
        if (school is null || province is null)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        var city = await db.AllOrganizations().FirstAsync(o => o.ScopePath == ScopePaths.ParentOf(school.ScopePath), ct);
        var calendar = new WorkingDayCalendar(await db.Set<CalendarDay>().AsNoTracking().ToListAsync(ct));
        var random = new Random(1600);
        Complaint Make(ComplaintKind kind, string text, DateOnly filedOn, int days)
        {
            var number = ComplaintSteps(random, filedOn.Year);
            var phone = DemoPhone;
            return new Complaint(Guid.CreateVersion7(), number, kind, province.Code, province.Name, school.Code, school.Name, school.Code, school.Name,
                school.ScopePath, text, protector.Encrypt("张三"), "张*", protector.Encrypt(phone), "138****8000",
                Convert.ToHexStringLower(protector.BlindIndex($"complaint-lookup:{number}:{phone[^4..]}")),
                Convert.ToHexStringLower(protector.BlindIndex($"complaint-demo:{number}")), filedOn, now, calendar.AddWorkingDays(filedOn, days), days);
        }

        var answered = Make(ComplaintKind.Consultation, "请问我家孩子是农村户籍，读一年级能否享受免学费？需要提交什么材料？（演示数据）", today.AddDays(-20), 5);
        answered.AnswerWith("您好：一年级全日制正式学籍学生中，农村户籍学生可享受免学费，无需另交材料，学校依据学籍信息办理。（演示数据）", null,
            $"school-{school.Code}-aid", school.Name, today.AddDays(-18));
        var dueSoon = Make(ComplaintKind.Complaint, "班主任说助学金名单已定，但没有公示就上报了，希望学校说明情况。（演示数据）", calendar.AddWorkingDays(today, -13), 15);
        var overdueFiled = today.AddDays(-40);
        var overdue = Make(ComplaintKind.Complaint, "去年秋季学期的国家助学金一直没有发到卡上，多次询问学校没有答复。（演示数据）", overdueFiled, 15);
        overdue.EscalateTo(city.ScopePath, city.Name, today, calendar.AddWorkingDays(today, 15));
        db.AddRange(answered, dueSoon, overdue);
        db.Record(PublicSiteAuditActions.ComplaintEscalated, overdue.Id.ToString(), overdue.ScopePath, null, new { to = city.ScopePath, demo = true }, clock);
        await db.SaveChangesAsync(ct);
    }

    private static string ComplaintSteps(Random random, int year)
    {
        var c = new char[8];
        for (var i = 0; i < c.Length; i++)
        {
            c[i] = Features.Complaints.ComplaintSteps.Alphabet[random.Next(Features.Complaints.ComplaintSteps.Alphabet.Length)];
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"TS-{year}-{new string(c, 0, 4)}-{new string(c, 4, 4)}");
    }
}
