using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Seeding;

/// <summary>
/// AID-1..7 demo data for the current term, so that every level has something to do on the day the demo starts:
/// hardship decisions at 44010007 (priority groups, one watch-group student still to assess), and lists in every state —
/// 44010007 a submitted waiver list (city-4401 reviews) and a grant list whose publication has ended (to submit),
/// 44030005 a draft waiver list (at risk near the deadline), 51010001 an approved waiver list (prov-51 reviewed it) with a
/// declared count above the approved one (AID-7), 44010004 an approved waiver list (city-4401 reviewed it; the school's
/// aid officer clears its cross-check cases) and, a year before, an approved waiver list with one line approved late
/// through a reopening. Demo mode only, once; the test hosts turn it off (Demo:AidRounds).
/// </summary>
public static class AidDemoData
{
    public static async Task<bool> EnsureAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        if (await db.Unscoped<AidRound>("demo and reference data are seeded by the system for the whole country").AnyAsync(ct))
        {
            return false;
        }

        var today = clock.Today();
        var term = AidTerm.Of(today);
        var now = clock.GetUtcNow().UtcDateTime;
        var schools = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country")
            .Where(o => o.Code == "44010007" || o.Code == "44030005" || o.Code == "51010001" || o.Code == "44010004").ToDictionaryAsync(o => o.Code, ct);
        if (schools.Count < 3)
        {
            return false;
        }

        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var gaveUp = await HardshipAsync(db, protector, schools["44010007"], term, today, now, ct);
        if (schools.TryGetValue("44010004", out var demoSchool))
        {
            db.Add(Notice(demoSchool, term, today, now));
            await db.SaveChangesAsync(ct);
        }
        var rules = sp.GetRequiredService<AidEligibilityRules>();
        var published = (From: today.AddDays(-20), To: today.AddDays(-12));

        var waiver = await RoundAsync(db, rules, schools["44010007"], term, AidItem.Waiver, today, now, clock, ct);
        if (waiver is not null)
        {
            // The 低保 student gave the term's aid up (waiver and grant): AID-2 lists him as a priority-group student
            // receiving nothing, for the city to follow up.
            db.Set<AidEntry>().Local.FirstOrDefault(e => e.RoundId == waiver.Round.Id && e.StudentId == gaveUp)
                ?.Withdraw("学生及家长书面声明放弃本学期免学费（已存档）", "school-44010007", now);

            waiver.Round.Publish(published.From, published.To, "school-44010007", now);
            waiver.Round.Submit("school-44010007", now);
        }

        var grant = await RoundAsync(db, rules, schools["44010007"], term, AidItem.Grant, today, now, clock, ct);
        if (grant is not null)
        {
            db.Set<AidEntry>().Local.FirstOrDefault(e => e.RoundId == grant.Round.Id && e.StudentId == gaveUp)
                ?.Withdraw("学生及家长书面声明放弃本学期国家助学金（已存档）", "school-44010007", now);
            grant.Round.Publish(published.From, published.To, "school-44010007", now);
        }

        await RoundAsync(db, rules, schools["44030005"], term, AidItem.Waiver, today, now, clock, ct);

        var approved = await ApprovedRoundAsync(db, rules, schools["51010001"], term, AidItem.Waiver, "prov-51", published, today, now, clock, ct);
        approved?.Round.Declare(approved.Count + 6);
        if (schools.TryGetValue("44010004", out var cityManaged))
        {
            await ApprovedRoundAsync(db, rules, cityManaged, term, AidItem.Waiver, "city-4401", published, today, now, clock, ct);
            await LateApprovedRoundAsync(db, rules, cityManaged, new AidTerm(term.SchoolYear - 1, term.Semester), today, now, clock, ct);
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A school's list of the current term built, published (the period ended), submitted and approved whole by
    /// <paramref name="reviewer"/>, and saved; for the demo and for tests that need approved aid lines. Null when the
    /// school has no policy for the term.
    /// </summary>
    public static async Task<Guid?> ApproveListAsync(IServiceProvider sp, string schoolCode, AidItem item, string reviewer, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        var school = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country").FirstAsync(o => o.Code == schoolCode, ct);
        var today = clock.Today();
        var built = await ApprovedRoundAsync(db, sp.GetRequiredService<AidEligibilityRules>(), school, AidTerm.Of(today), item, reviewer,
            (today.AddDays(-20), today.AddDays(-12)), today, clock.GetUtcNow().UtcDateTime, clock, ct);
        await db.SaveChangesAsync(ct);
        return built?.Round.Id;
    }

    private static async Task<Built?> ApprovedRoundAsync(TsaDbContext db, AidEligibilityRules rules, Organization school, AidTerm term, AidItem item, string reviewer,
        (DateOnly From, DateOnly To) published, DateOnly today, DateTime now, TimeProvider clock, CancellationToken ct)
    {
        var built = await RoundAsync(db, rules, school, term, item, today, now, clock, ct);
        if (built is null)
        {
            return null;
        }

        var by = $"school-{school.Code}";
        built.Round.Publish(published.From, published.To, by, now);
        built.Round.Submit(by, now);
        foreach (var e in db.Set<AidEntry>().Local.Where(e => e.RoundId == built.Round.Id))
        {
            e.Review(true, "同意", reviewer, now);
        }

        built.Round.Reviewed(true, reviewer, now);
        return built;
    }

    /// <summary>
    /// The same term a year before at 44010004: the waiver list approved by city-4401 by the national approval deadline,
    /// except one line approved three days after it through 广东's recorded reopening of that term — the line the pages,
    /// the export and the API mark 逾期审批.
    /// </summary>
    private static async Task<Guid?> LateApprovedRoundAsync(TsaDbContext db, AidEligibilityRules rules, Organization school, AidTerm term,
        DateOnly today, DateTime now, TimeProvider clock, CancellationToken ct)
    {
        var built = await RoundAsync(db, rules, school, term, AidItem.Waiver, today, now, clock, ct);
        if (built is null)
        {
            return null;
        }

        var round = built.Round;
        var deadline = round.ApprovalDeadline;
        DateTime At(DateOnly d) => DateTime.SpecifyKind(d.ToDateTime(new TimeOnly(10, 0)) - ChinaTime.Offset, DateTimeKind.Utc);
        var by = $"school-{school.Code}";
        round.Publish(deadline.AddDays(-30), deadline.AddDays(-22), by, At(deadline.AddDays(-31)));
        round.Submit(by, At(deadline.AddDays(-20)));
        var reopenedOn = deadline.AddDays(2);
        var reopening = new AidDeadlineReopening(Guid.CreateVersion7(), round.ProvinceCode, $"/{round.ProvinceCode}/", term, deadline.AddDays(15),
            "个别学生学费减免材料补正后复核，经省级同意重新开放审批", $"prov-{round.ProvinceCode}", At(reopenedOn));
        db.Add(reopening);
        db.Record(AidRoundAuditActions.DeadlineReopened, reopening.Id.ToString(), reopening.ScopePath, null,
            new { term = term.ToString(), until = ChinaTime.Iso(reopening.Until), reopening.Reason, demo = true }, clock);
        var lines = db.Set<AidEntry>().Local.Where(e => e.RoundId == round.Id).OrderBy(e => e.StudentName).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var late = i == lines.Count - 1;
            lines[i].Review(true, late ? "材料补正后复核通过（重新开放审批期间）" : "同意", "city-4401", At(late ? deadline.AddDays(3) : deadline.AddDays(-2)));
        }

        round.Reviewed(true, "city-4401", At(deadline.AddDays(3)));
        return round.Id;
    }

    /// <summary>
    /// The demo's list with one line approved late (the current term a year before, approved by city-4401, reopened by the
    /// province), built and saved on its own: for tests that show the late mark. Null when the school has no policy for it.
    /// </summary>
    public static async Task<Guid?> LateApprovedListAsync(IServiceProvider sp, string schoolCode, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        var school = await db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country").FirstAsync(o => o.Code == schoolCode, ct);
        var today = clock.Today();
        var term = AidTerm.Of(today);
        var id = await LateApprovedRoundAsync(db, sp.GetRequiredService<AidEligibilityRules>(), school, new AidTerm(term.SchoolYear - 1, term.Semester),
            today, clock.GetUtcNow().UtcDateTime, clock, ct);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private sealed record Built(AidRound Round, int Count);

    private static async Task<Built?> RoundAsync(
        TsaDbContext db, AidEligibilityRules rules, Organization school, AidTerm term, AidItem item, DateOnly today, DateTime now, TimeProvider clock, CancellationToken ct)
    {
        var (policy, answers) = await rules.ForSchoolAsync(school.Id, term, today, ct);
        if (policy is null)
        {
            return null;
        }

        var by = $"school-{school.Code}";
        var eligible = answers.Where(a => (item == AidItem.Grant ? a.Answer.Grant : a.Answer.Waiver).Eligible).ToList();
        var round = new AidRound(Guid.CreateVersion7(), school.Id, school.Code, school.Name, school.ScopePath, term, item, policy.PolicyId,
            policy.ApprovalDeadline(term.CalendarYear, term.Semester), eligible.Count, by, now);
        db.Add(round);
        foreach (var (s, a) in eligible)
        {
            var e = item == AidItem.Grant ? a.Grant : a.Waiver;
            db.Add(new AidEntry(Guid.CreateVersion7(), round, s.Id, s.PersonKey, s.Name, s.ClassName, s.IdNumberMasked, a.Grade, e.YearAmountFen!.Value,
                e.Basis, by, now));
        }

        db.Record(AidRoundAuditActions.RoundCreated, round.Id.ToString(), round.ScopePath, null,
            new { school = school.Code, term = term.ToString(), item, students = eligible.Count, demo = true }, clock);
        return new Built(round, eligible.Count);
    }

    /// <summary>The school year's advance notice (提前告知, 教财〔2018〕16号 四（一）), published before the term's applications.</summary>
    private static HardshipNotice Notice(Organization school, AidTerm term, DateOnly today, DateTime now)
    {
        var from = term.StartsOn.AddDays(3) < today ? term.StartsOn.AddDays(3) : today;
        return new HardshipNotice(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, term.SchoolYear,
            "本学年家庭经济困难学生认定工作：学生本人申请、签署个人承诺，班级认定评议小组评议，学校审核认定并在校内公示，公示无异议后建档。",
            "家庭经济困难、需要资助的在籍全日制学生", "家庭经济困难学生认定申请表、个人承诺书；重点保障群体学生另附低保证、特困供养证、残疾证等证明",
            from, from.AddDays(30), from.AddDays(-2), $"school-{school.Code}-aid", now);
    }

    /// <summary>
    /// The year's notice; decided and archived assessments for three students (two priority groups), one watch-group
    /// application, and one decision under publication with an objection waiting for the school's answer.
    /// </summary>
    private static async Task<Guid?> HardshipAsync(TsaDbContext db, PersonalDataProtector protector, Organization school, AidTerm term, DateOnly today, DateTime now, CancellationToken ct)
    {
        var students = await db.Unscoped<Modules.Students.Domain.StudentRecord>("demo and reference data are seeded by the system for the whole country")
            .Where(s => s.SchoolId == school.Id && s.Status == Modules.Students.Contracts.EnrolmentStatus.Active && s.IsFullTime
                        && s.RegistrationState == Modules.Students.Contracts.RegistrationState.Approved && s.IntakeYear >= term.SchoolYear - 1)
            .OrderBy(s => s.ClassName).ThenBy(s => s.Name).Take(5).ToListAsync(ct);
        db.Add(Notice(school, term, today, now));
        (PriorityGroups P, WatchGroups W, HardshipLevel? L, string Situation)[] cases =
        [
            (PriorityGroups.MinimumLivingAllowance, WatchGroups.None, HardshipLevel.Extreme, "家庭享受最低生活保障，父亲长期患病，母亲务农"),
            (PriorityGroups.FormerlyRegisteredPoor, WatchGroups.None, HardshipLevel.Hardship, "原建档立卡户，家中三个孩子在读"),
            (PriorityGroups.None, WatchGroups.None, HardshipLevel.Moderate, "单亲家庭，母亲打零工"),
            (PriorityGroups.None, WatchGroups.SevereIllnessDisaster, null, "今年家中房屋受台风损毁"),
            (PriorityGroups.None, WatchGroups.None, HardshipLevel.Moderate, "父亲务工收入不稳定，弟弟妹妹在读"),
        ];
        for (var i = 0; i < Math.Min(students.Count, cases.Length); i++)
        {
            var s = students[i];
            var c = cases[i];
            var by = $"school-{school.Code}-aid";
            var a = new HardshipAssessment(Guid.CreateVersion7(), s.Id, school.Id, school.Code, school.ScopePath, s.Name, s.ClassName, term.SchoolYear,
                term.Semester, 1, null, protector.Encrypt(c.Situation), c.P, c.W, term.StartsOn.AddDays(7), by, now);
            if (i == 4 && c.L is { } objected)
            {
                // Under publication, with an objection received yesterday: on the school's to-do until answered.
                a.RecordPanel("班主任、学生代表两名、家长代表", today.AddDays(-5), protector.Encrypt("情况属实"), by, now);
                a.Decide(objected, null, by, now);
                a.Publish(today.AddDays(-3), today.AddDays(4), by, now);
                a.RaiseObjection(protector.Encrypt("同学反映该生家庭近期购置了新车，认为其家庭经济状况与申请不符"), today.AddDays(-1), today.AddDays(4), by, today);
            }
            else if (c.L is { } level)
            {
                a.RecordPanel("班主任、学生代表两名、家长代表", term.StartsOn.AddDays(10), protector.Encrypt("情况属实"), by, now);
                a.Decide(level, null, by, now);
                a.Publish(term.StartsOn.AddDays(12), term.StartsOn.AddDays(20), by, now);
                a.Archive(by, now);
            }

            db.Add(a);
        }

        await db.SaveChangesAsync(ct);
        return students.Count > 0 ? students[0].Id : null;
    }
}
