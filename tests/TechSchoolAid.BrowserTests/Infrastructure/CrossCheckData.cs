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
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.BrowserTests.Infrastructure;

/// <summary>Arrangements for the cross-check tests: approved aid lines and a ministry file loaded by the real loader.</summary>
public static class CrossCheckData
{
    /// <summary>
    /// Makes sure the school has an approved list of <paramref name="item"/> for the clock's term (built and approved whole
    /// by <paramref name="reviewer"/> when missing), then loads a ministry of education file for <paramref name="month"/>
    /// naming one of its approved students who has no case yet, as the ministry administrator would through
    /// POST /api/v1/crosscheck/runs. Returns the new case.
    /// </summary>
    public static async Task<CrossCheckCase> PlantMinistryCaseAsync(this AppServer app, string schoolCode, AidItem item, string reviewer, string month, string otherSchool)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var accessor = sp.GetRequiredService<ActorAccessor>();
        accessor.Actor = Actor.System("browser-tests");
        var db = sp.GetRequiredService<TsaDbContext>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var term = AidTerm.Of(clock.Today());

        IQueryable<AidEntry> Approved() => db.Set<AidEntry>().Where(e => e.State == AidEntryState.Approved && e.Item == item
            && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester && db.Set<AidRound>().Any(r => r.Id == e.RoundId && r.SchoolCode == schoolCode));
        if (!await Approved().AnyAsync())
        {
            await AidDemoData.ApproveListAsync(sp, schoolCode, item, reviewer, clock, CancellationToken.None);
        }

        var line = await (from e in Approved()
                          join s in db.StudentIdCiphersInScope() on e.StudentId equals s.Id
                          where s.DocumentType == IdDocumentType.ResidentIdCard && !db.Set<CrossCheckCase>().Any(c => c.EntryId == e.Id)
                          orderby e.StudentName
                          select new { e.Id, e.StudentName, s.IdNumberCipher }).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException($"School {schoolCode} has no approved {item} line without a case: the demo data has no eligible student.");

        var id = sp.GetRequiredService<PersonalDataProtector>().Decrypt(line.IdNumberCipher);
        var year = ExchangeFormat.SchoolYearText(term.SchoolYear);
        var semester = ExchangeFormat.SemesterText(term.Semester);
        var unknown = string.Create(CultureInfo.InvariantCulture, $"51010420090303{Random.Shared.Next(100, 999)}");
        var csv = new StringBuilder()
            .AppendLine(string.Join(",", ExchangeFormat.Columns))
            .AppendLine(string.Join(",", id, line.StudentName, ExchangeFormat.ItemText(item), year, semester, otherSchool))
            .AppendLine(string.Join(",", unknown + IdDocument.ComputeCheckChar(unknown), "测试无关", "免学费", year, semester, otherSchool))
            .ToString();

        accessor.Actor = new Actor("ministry", "部资助办管理员", Role.MinistryAdmin, "000000", OrgLevel.Ministry, "/", null);
        await using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
        {
            await sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(stream, $"ministry-{month}-{Guid.NewGuid():N}.csv", month, CancellationToken.None);
        }

        accessor.Actor = Actor.System("browser-tests");
        return await db.Set<CrossCheckCase>().AsNoTracking().SingleAsync(c => c.EntryId == line.Id && c.Kind == CrossCheckKind.MinistryMatch);
    }

    public static Task<CrossCheckCase?> GetCaseAsync(this AppServer app, Guid id) =>
        app.WithDbAsync(db => db.Set<CrossCheckCase>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    public static Task<int> CountEvidenceAsync(this AppServer app, Guid caseId) =>
        app.WithDbAsync(db => db.Set<CrossCheckEvidence>().IgnoreQueryFilters().CountAsync(e => e.CaseId == caseId));

    /// <summary>A one-page PDF (the evidence check sniffs the content).</summary>
    public static byte[] Pdf() => CrossCheckDemoData.DemoPdf();
}
