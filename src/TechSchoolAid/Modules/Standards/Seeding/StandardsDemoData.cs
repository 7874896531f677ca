using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Seeding;

/// <summary>
/// The demo's aid standards and brochures (INS-2, PUB-2), for city 4401 of 广东 and its 省管 school: both provinces'
/// standards policy (12 months of training, the current year's autumn intake); aid rules at 44010001, 44010004 and
/// 44010007 (44010010 has none); aid staff at the same three; a training province 44 ran 60 days ago attended by the
/// staff of 44010001 and one of 44010004's two (the other is flagged untrained) and one that ended 10 days ago without
/// attendance recorded (the province's to-do); brochures for the autumn intake: 44010001 and 44030002 approved by the
/// province, 44010007 waiting for city 4401, 44010010 returned, and 44010004 with none (the flagged school).
/// </summary>
public static class StandardsDemoData
{
    public static async Task SeedAsync(TsaDbContext db, PersonalDataProtector protector, TimeProvider clock, CancellationToken ct)
    {
        var codes = new[] { "44", "51", "44010001", "44010004", "44010007", "44010010", "44030002" };
        var orgs = await db.AllOrganizations().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, ct);
        if (codes.Any(c => !orgs.ContainsKey(c)))
        {
            return;
        }

        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var year = today.Year;
        foreach (var p in new[] { "44", "51" })
        {
            db.Add(new StandardsPolicy(Guid.CreateVersion7(), p, orgs[p].ScopePath, new DateOnly(year, 1, 1), 12, year, IntakeSeason.Autumn,
                $"{orgs[p].Name}技工院校学生资助工作规范化管理要求（演示数据）", $"prov-{p}", now));
        }

        void Rule(string school, string title, AidRuleKind kind, DateOnly adopted)
        {
            var content = Pdf(title);
            db.Add(new AidRuleDocument(Guid.CreateVersion7(), orgs[school].Id, school, orgs[school].ScopePath, title, kind, adopted, title + ".pdf", "application/pdf", content,
                Sha(content), $"school-{school}-aid", now));
        }

        var adoptedOn = new DateOnly(year - 1, 9, 1);
        foreach (var school in new[] { "44010001", "44010004", "44010007" })
        {
            Rule(school, "学生资助工作管理办法", AidRuleKind.Management, adoptedOn);
            Rule(school, "家庭经济困难学生认定办法", AidRuleKind.HardshipIdentification, adoptedOn);
        }

        Rule("44010004", "学生资助资金管理办法", AidRuleKind.FundsManagement, adoptedOn.AddMonths(2));

        AidStaffMember Staff(string school, string name, StaffPostKind kind, string post, string phone, DateOnly appointed)
        {
            var s = new AidStaffMember(Guid.CreateVersion7(), orgs[school].Id, school, orgs[school].ScopePath, name, kind, post, protector.Encrypt(phone),
                Features.StandardsSteps.MaskPhone(phone), appointed, $"school-{school}-aid", now);
            db.Add(s);
            return s;
        }

        var appointed = new DateOnly(year - 2, 9, 1);
        var a1 = Staff("44010001", "陈晓梅", StaffPostKind.FullTime, "学生资助管理中心主任", "13800001001", appointed);
        var a2 = Staff("44010001", "林志强", StaffPostKind.PartTime, "资助专干", "13800001002", appointed);
        var b1 = Staff("44010004", "黄丽娟", StaffPostKind.FullTime, "资助专干", "13800004001", appointed);
        Staff("44010004", "吴建国", StaffPostKind.PartTime, "学生科副科长（兼资助）", "13800004002", today.AddMonths(-3));
        Staff("44010007", "周雅婷", StaffPostKind.FullTime, "资助专干", "13800007001", appointed);

        var gd = orgs["44"];
        var training = new Training(Guid.CreateVersion7(), gd.Id, gd.ScopePath, $"{year}年全省技工院校学生资助业务培训", TrainingKind.Business, today.AddDays(-60), today.AddDays(-58), 16,
            "广州市（省技工教育培训中心）", "prov-44", now);
        db.Add(training);
        foreach (var s in new[] { a1, a2, b1 })
        {
            db.Add(new StaffTraining(Guid.CreateVersion7(), s.Id, s.SchoolCode, s.ScopePath, TrainingSource.Province, training.Id, training.Title, gd.Name, training.EndsOn,
                training.Hours, "prov-44", now));
        }

        training.Touch();
        db.Add(new Training(Guid.CreateVersion7(), gd.Id, gd.ScopePath, $"{year}年学生资助管理信息系统操作培训", TrainingKind.System, today.AddDays(-11), today.AddDays(-10), 8,
            "线上（视频会议）", "prov-44", now));

        Brochure Brochure(string school)
        {
            var b = new Brochure(Guid.CreateVersion7(), orgs[school].Id, school, orgs[school].Name, orgs[school].ScopePath, year, IntakeSeason.Autumn, $"school-{school}-aid", now);
            var content = Pdf($"{orgs[school].Name}{year}年秋季招生简章");
            b.SetFile($"{year}年秋季招生简章.pdf", "application/pdf", content, Sha(content), $"school-{school}-aid", now);
            db.Add(b);
            return b;
        }

        foreach (var school in new[] { "44010001", "44030002" })
        {
            var b = Brochure(school);
            b.SetChecklist(true, "第2页", true, "第2页", true, "第4页", $"school-{school}-aid", now);
            b.Submit($"school-{school}-aid", now);
            b.Approve("prov-44", now);
        }

        var waiting = Brochure("44010007");
        waiting.SetChecklist(true, "第3页", true, "第3页", true, "封底", "school-44010007-aid", now);
        waiting.Submit("school-44010007-aid", now);
        var returned = Brochure("44010010");
        returned.SetChecklist(true, "第2页", true, "第2页", false, null, "school-44010010-aid", now);
        returned.Submit("school-44010010-aid", now);
        returned.Return("招生简章未载明资助热线电话，请补充后重新提交", "city-4401", now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A small, valid one-page PDF whose bytes carry the title (a demo document).</summary>
    public static byte[] Pdf(string title) =>
        Encoding.UTF8.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\n% {title}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
