using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.CrossCheck;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Seeding;

/// <summary>
/// CHK-1/2 demo: last month's ministry of education file, generated small and loaded by the real loader
/// (<see cref="MonthlyCrossCheck.RunAsync"/>), with planted matches against the demo's approved waiver lines (51010001,
/// approved by prov-51; 44010004, approved by city-4401), people the system does not know, the exchange format's noise
/// (lower-case x, full-width digits, spaces) and two malformed rows; then the internal check (CHK-2) for the month, and one
/// case at 51010001 cleared with evidence so the history shows a cleared case, and one "keep" at 44010004 waiting for
/// city-4401 to confirm it (issue 11 item 11). Runs after <see cref="AidDemoData"/>
/// (it needs its approved lines); demo mode only, once; off with Demo:CrossCheck=false (and with Demo:AidRounds=false).
/// </summary>
public static class CrossCheckDemoData
{
    public static async Task<bool> EnsureAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        if (await db.Unscoped<CrossCheckRun>("demo and reference data are seeded by the system for the whole country").AnyAsync(ct))
        {
            return false;
        }

        var today = clock.Today();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var month = new CheckMonth(first.Year, first.Month).ToString();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var lines = await (from e in db.Unscoped<AidEntry>("demo and reference data are seeded by the system for the whole country").AsNoTracking()
                           join r in db.Unscoped<AidRound>("demo and reference data are seeded by the system for the whole country").AsNoTracking() on e.RoundId equals r.Id
                           join s in db.StudentIdCiphersInScope().Unscoped("demo and reference data are seeded by the system for the whole country") on e.StudentId equals s.Id
                           where e.State == AidEntryState.Approved && s.DocumentType == IdDocumentType.ResidentIdCard
                                 && (r.SchoolCode == "51010001" || r.SchoolCode == "44010004")
                           orderby r.SchoolCode, e.StudentName
                           select new { r.SchoolCode, e.Item, e.SchoolYear, e.Semester, e.StudentName, s.IdNumberCipher }).ToListAsync(ct);
        var planted = lines.Where(l => l.SchoolCode == "51010001").Take(3).Concat(lines.Where(l => l.SchoolCode == "44010004").Take(2)).ToList();
        if (planted.Count == 0)
        {
            return false;
        }

        // Where the ministry of education's list has these people (other schools under its own system).
        string[] elsewhere = ["成都市第一职业高级中学", "四川省商贸学校", "绵阳职业技术学校", "广州市轻工职业学校", "广东省旅游职业技术学校"];
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", ExchangeFormat.Columns));
        for (var i = 0; i < planted.Count; i++)
        {
            var l = planted[i];
            var id = protector.Decrypt(l.IdNumberCipher);
            // Noise the loader normalises: a lower-case x, full-width digits, spaces inside the number.
            id = (i % 3) switch
            {
                0 => id.ToLowerInvariant(),
                1 => string.Concat(id.Select(c => char.IsAsciiDigit(c) ? (char)('０' + (c - '0')) : c)),
                _ => id[..6] + " " + id[6..14] + " " + id[14..],
            };
            csv.AppendLine(string.Join(",", id, l.StudentName, ExchangeFormat.ItemText(l.Item), ExchangeFormat.SchoolYearText(l.SchoolYear),
                ExchangeFormat.SemesterText(l.Semester), elsewhere[i % elsewhere.Length]));
        }

        // People the system does not know (no case), then two malformed rows the ministry must fix on its side.
        var term = AidTerm.Of(today);
        var year = ExchangeFormat.SchoolYearText(term.SchoolYear);
        var semester = ExchangeFormat.SemesterText(term.Semester);
        string[] names = ["王小明", "李晓红", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"];
        for (var i = 0; i < names.Length; i++)
        {
            var first17 = string.Create(CultureInfo.InvariantCulture, $"510104{2008 + (i % 3)}{1 + i:D2}{10 + i:D2}{700 + i:D3}");
            csv.AppendLine(string.Join(",", first17 + IdDocument.ComputeCheckChar(first17), names[i], i % 2 == 0 ? "免学费" : "国家助学金", year, semester,
                elsewhere[i % elsewhere.Length]));
        }

        csv.AppendLine(string.Join(",", "51010420080101123", "孙强", "免学费", year, semester, "成都市第一职业高级中学")); // 17 digits
        csv.AppendLine(string.Join(",", "510104200801011230", "周敏", "生活补助", year, semester, "四川省商贸学校"));     // unknown item

        var accessor = sp.GetRequiredService<ActorAccessor>();
        var before = accessor.Actor;
        try
        {
            // As the ministry's administrator (the demo account "ministry") would have loaded last month's file.
            accessor.Actor = new Actor("ministry", "部资助办管理员", Role.MinistryAdmin, "000000", OrgLevel.Ministry, "/", null);
            await using (var stream = new MemoryStream(new UTF8Encoding(true).GetBytes(csv.ToString())))
            {
                await sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(stream, $"教育部资助名单-{month}.csv", month, ct);
            }

            await sp.GetRequiredService<InternalDuplicates>().RunAsync(month, ct);
            db.ChangeTracker.Clear();

            // One case at 51010001 cleared by the school (kept: the other side is wrong), with a small PDF as evidence.
            var school = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country").AsNoTracking().FirstAsync(o => o.Code == "51010001", ct);
            var cleared = await db.Unscoped<CrossCheckCase>("demo and reference data are seeded by the system for the whole country").AsNoTracking().Where(c => c.SchoolCode == school.Code)
                .OrderBy(c => c.StudentName).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (cleared is { } caseId)
            {
                accessor.Actor = new Actor($"school-{school.Code}", school.Name, Role.SchoolAdmin, school.Code, OrgLevel.School, school.ScopePath, null);
                await sp.GetRequiredService<CrossCheckClearance>().ClearAsync(caseId, new ClearanceInput(ClearanceAction.Keep,
                    "经核实，该生本学期在本校就读并享受免学费，未在成都市第一职业高级中学注册学籍；已与对方学校电话确认，对方名单有误。",
                    "学籍证明及对方学校情况说明.pdf", DemoPdf()), ct);
            }

            // One case at 44010004 (市管) kept by the school: it waits for city-4401 to confirm or reopen it (issue 11 item 11).
            var cityManaged = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country").AsNoTracking().FirstOrDefaultAsync(o => o.Code == "44010004", ct);
            var keep = cityManaged is null ? null : await db.Unscoped<CrossCheckCase>("demo and reference data are seeded by the system for the whole country").AsNoTracking()
                .Where(c => c.SchoolCode == cityManaged.Code && c.State == CrossCheckCaseState.Open).OrderBy(c => c.StudentName).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (cityManaged is not null && keep is { } keepId)
            {
                accessor.Actor = new Actor($"school-{cityManaged.Code}-aid", cityManaged.Name, Role.SchoolAidOfficer, cityManaged.Code, OrgLevel.School, cityManaged.ScopePath, null);
                await sp.GetRequiredService<CrossCheckClearance>().ClearAsync(keepId, new ClearanceInput(ClearanceAction.Keep,
                    "经核实，该生本学期在本校在籍就读并享受免学费，教育部名单中的学校无该生学籍；已函告对方学校核实，请主管部门确认保留。",
                    "在籍证明.pdf", DemoPdf()), ct);
            }
        }
        finally
        {
            accessor.Actor = before;
            db.ChangeTracker.Clear();
        }

        return true;
    }

    /// <summary>A one-page PDF, enough for the evidence check (its type is sniffed from the content).</summary>
    public static byte[] DemoPdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
