using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Graduation.Contracts;
using TechSchoolAid.Modules.Graduation.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Graduation.Features;

public sealed class NewRoundInput
{
    public string? Name { get; set; }

    public DateOnly? GraduationDate { get; set; }

    /// <summary>Optional: only these candidates. Without it, every active student whose schooling has ended.</summary>
    public List<Guid>? StudentIds { get; set; }
}

public sealed class AssessmentInput
{
    public Guid EntryId { get; set; }

    public bool? ConductPassed { get; set; }

    public bool? CoursesPassed { get; set; }
}

public sealed class AssessmentsInput
{
    public List<AssessmentInput>? Items { get; set; }
}

public sealed class ReturnRoundInput
{
    public string? Reason { get; set; }

    /// <summary>Optional: the students the reason is about. Without it the whole list is returned.</summary>
    public List<Guid>? EntryIds { get; set; }
}

public sealed record UpgradeInput(string? Reason);

/// <summary>
/// GRD-1 end to end: the school opens a round (candidates: active students whose schooling has ended), records each
/// candidate's assessment and submits; the school's direct supervising authority returns the list (whole or per student,
/// with a reason) or approves it, which issues a certificate to each candidate and closes the record through the Students
/// contract; a completion certificate is later upgraded. Each step writes an audit event in the same transaction.
/// </summary>
public sealed class GraduationWorkflow(
    TsaDbContext db,
    SchoolDirectory schools,
    StudentSchooling schooling,
    StudentLifecycle lifecycle,
    TimeProvider clock)
{
    /// <summary>
    /// The final term ends in summer while 学业期满 (enrolment + schooling years) falls on the anniversary of enrolment,
    /// usually 1 September: a schooling that ends within this many months after the round's date counts as ended.
    /// </summary>
    public const int FinalTermMonths = 3;

    public static DateOnly CandidatesEndingBy(DateOnly graduationDate) => graduationDate.AddMonths(FinalTermMonths);

    public async Task<GraduationRound> OpenAsync(string schoolCode, NewRoundInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireClerk(actor);
        var school = await schools.ForWriteAsync(schoolCode, ct);
        if (!GraduationRights.IsClerkOf(actor, school.ScopePath))
        {
            throw AppException.Forbidden("只能为本校建立毕业批次");
        }

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["请填写批次名称，例如「2026年夏季毕业」"];
        }
        else if (name.Length > 60)
        {
            errors["name"] = ["批次名称不能超过 60 字"];
        }

        if (input.GraduationDate is not { } date)
        {
            errors["graduationDate"] = ["请填写毕业日期"];
            date = default;
        }
        else if (date.Year < 2000 || date > clock.Today().AddYears(1))
        {
            errors["graduationDate"] = ["毕业日期不在合理范围内（不能早于 2000 年或晚于一年以后）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var candidates = await CandidatesAsync(school.Id, date, ct);
        if (input.StudentIds is { Count: > 0 } chosen)
        {
            var known = candidates.ToDictionary(c => c.Id);
            var problems = new List<string>();
            var others = await schooling.GetManyAsync(chosen.Where(id => !known.ContainsKey(id)).Distinct().ToList(), ct);
            foreach (var id in chosen.Distinct().Where(id => !known.ContainsKey(id)))
            {
                var s = others.FirstOrDefault(o => o.Id == id);
                problems.Add(s switch
                {
                    null => "所选学生不存在或不在您的管理范围内",
                    _ when s.SchoolId != school.Id => $"{s.Name} 不是本校学生",
                    _ when s.Status != EnrolmentStatus.Active => $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生，不能列为毕业候选人",
                    _ when s.SchoolingEndsOn > CandidatesEndingBy(date) => $"{s.Name} 学业期满日期为 {ChinaTime.Iso(s.SchoolingEndsOn)}，尚未学业期满",
                    _ => $"{s.Name} 已在其他未办结的毕业批次中",
                });
            }

            if (problems.Count > 0)
            {
                throw AppException.Invalid("studentIds", string.Join("；", problems));
            }

            candidates = candidates.Where(c => chosen.Contains(c.Id)).ToList();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var profile = await db.SchoolProfileAsync(school.Code, ct) ?? throw AppException.NotFound("学校");
        var round = new GraduationRound(Guid.CreateVersion7(), school.Id, school.Code, school.Name, profile.KindCode, school.ScopePath, name!, date, actor.UserName, now);
        db.Add(round);
        foreach (var c in candidates)
        {
            db.Add(new GraduationEntry(Guid.CreateVersion7(), round.Id, round.ScopePath, c.Id, c.Name, c.IdNumberMasked, c.StatusNumber, c.Major, c.LevelText, c.SchoolingEndsOn));
        }

        db.Record("graduation.round_opened", "GraduationRound", round.Id.ToString(), round.ScopePath, null,
            new { name, graduationDate = ChinaTime.Iso(date), candidates = candidates.Count }, clock);
        await SaveAsync(ct);
        return round;
    }

    /// <summary>Active students of the school whose schooling has ended by the date, and who are in no other open round.</summary>
    public async Task<List<SchoolingInfo>> CandidatesAsync(int schoolId, DateOnly graduationDate, CancellationToken ct)
    {
        var ending = await schooling.ActiveEndingByAsync(schoolId, CandidatesEndingBy(graduationDate), ct);
        var busy = await (from e in db.Set<GraduationEntry>()
                          join r in db.Set<GraduationRound>() on e.RoundId equals r.Id
                          where r.SchoolId == schoolId && r.State != GraduationRoundState.Approved
                          select e.StudentId).ToListAsync(ct);
        return ending.Where(s => !busy.Contains(s.Id)).ToList();
    }

    public async Task<GraduationRound> AssessAsync(Guid roundId, AssessmentsInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireClerk(actor);
        var round = await LoadAsync(roundId, ct);
        if (!GraduationRights.IsClerkOf(actor, round.ScopePath))
        {
            throw AppException.Forbidden("只有本校学籍管理人员可以录入毕业评定");
        }

        round.RequireEditable();
        var items = input.Items ?? [];
        if (items.Count == 0)
        {
            throw AppException.Invalid("items", "请至少评定一名候选人");
        }

        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToDictionaryAsync(e => e.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            if (!entries.TryGetValue(item.EntryId, out var entry))
            {
                throw AppException.Invalid("items", "评定的学生不在本毕业批次中");
            }

            if (item.ConductPassed is not { } conduct || item.CoursesPassed is not { } courses)
            {
                throw AppException.Invalid("items", $"{entry.StudentName}：请同时评定「操行合格」与「课程全部合格」");
            }

            entry.Assess(conduct, courses, actor.UserName, now);
        }

        db.Record("graduation.assessed", "GraduationRound", round.Id.ToString(), round.ScopePath, null,
            new { items = items.Select(i => new { i.EntryId, i.ConductPassed, i.CoursesPassed }) }, clock);
        await SaveAsync(ct);
        return round;
    }

    /// <summary>
    /// Takes a candidate out of a round the school may still edit — for instance one the authority returned because the
    /// student was suspended or left after submission — so the rest of the list can go forward.
    /// </summary>
    public async Task<GraduationRound> RemoveEntryAsync(Guid roundId, Guid entryId, string? reason, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireClerk(actor);
        var round = await LoadAsync(roundId, ct);
        if (!GraduationRights.IsClerkOf(actor, round.ScopePath))
        {
            throw AppException.Forbidden("只有本校学籍管理人员可以调整毕业候选人");
        }

        round.RequireEditable();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", "移出候选人必须填写原因");
        }

        var entry = await db.Set<GraduationEntry>().FirstOrDefaultAsync(e => e.RoundId == roundId && e.Id == entryId, ct)
            ?? throw AppException.NotFound("该毕业候选人");
        db.Remove(entry);
        db.Record("graduation.entry_removed", "GraduationRound", round.Id.ToString(), round.ScopePath,
            new { entry.StudentName, entry.StatusNumber }, new { reason = reason.Trim() }, clock);
        await SaveAsync(ct);
        return round;
    }

    public async Task<GraduationRound> SubmitAsync(Guid roundId, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireClerk(actor);
        var round = await LoadAsync(roundId, ct);
        if (!GraduationRights.IsClerkOf(actor, round.ScopePath))
        {
            throw AppException.Forbidden("只有本校学籍管理人员可以报送毕业名单");
        }

        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToListAsync(ct);
        round.Submit(entries, actor.UserName, clock.GetUtcNow().UtcDateTime);
        await RequireAllActiveAsync(entries, "请先将其移出本批次", ct);
        db.Record("graduation.submitted", "GraduationRound", round.Id.ToString(), round.ScopePath, null,
            new { candidates = entries.Count, passed = entries.Count(e => e.Passed) }, clock);
        await SaveAsync(ct);
        return round;
    }

    public async Task<GraduationRound> ReturnAsync(Guid roundId, ReturnRoundInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireReviewerRole(actor);
        var round = await LoadAsync(roundId, ct);
        if (!GraduationRights.IsReviewerOf(actor, round.ScopePath))
        {
            throw GraduationRights.NotSupervisor();
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "退回必须填写原因");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "退回原因不能超过 500 字");
        }

        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).ToListAsync(ct);
        var named = input.EntryIds ?? [];
        if (named.Any(id => entries.All(e => e.Id != id)))
        {
            throw AppException.Invalid("entryIds", "退回的学生不在本毕业批次中");
        }

        round.Return(reason, actor.UserName, clock.GetUtcNow().UtcDateTime);
        foreach (var e in entries.Where(e => named.Contains(e.Id)))
        {
            e.SendBack(reason);
        }

        db.Record("graduation.returned", "GraduationRound", round.Id.ToString(), round.ScopePath, null,
            new { reason, students = entries.Where(e => named.Contains(e.Id)).Select(e => e.StudentName) }, clock);
        await SaveAsync(ct);
        return round;
    }

    /// <summary>Approves the list: a graduation certificate to each student who passed, a completion certificate to the others.</summary>
    public async Task<GraduationRound> ApproveAsync(Guid roundId, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireReviewerRole(actor);
        var round = await LoadAsync(roundId, ct);
        if (!GraduationRights.IsReviewerOf(actor, round.ScopePath))
        {
            throw GraduationRights.NotSupervisor();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        round.Approve(actor.UserName, now);
        var entries = await db.Set<GraduationEntry>().Where(e => e.RoundId == roundId).OrderBy(e => e.StatusNumber).ToListAsync(ct);
        await RequireAllActiveAsync(entries, "请退回学校处理", ct);
        var serials = new Dictionary<CertificateKind, int>();
        foreach (var e in entries)
        {
            var kind = e.Passed ? CertificateKind.Graduation : CertificateKind.Completion;
            var number = await NextNumberAsync(round.GraduationDate.Year, round.SchoolCode, round.SchoolKind, kind, serials, ct);
            var certificate = new Certificate(Guid.CreateVersion7(), number, kind, e.StudentId, round.Id, round.ScopePath, e.StudentName, round.SchoolCode, round.SchoolName,
                e.Major, e.LevelText, round.GraduationDate, actor.UserName, now);
            db.Add(certificate);
            e.Issued(certificate);
            await lifecycle.ChangeStatusAsync(e.StudentId, e.Passed ? EnrolmentStatus.Graduated : EnrolmentStatus.Completed, round.GraduationDate, ct);
        }

        db.Record("graduation.approved", "GraduationRound", round.Id.ToString(), round.ScopePath, null,
            new { graduates = entries.Count(e => e.Passed), completions = entries.Count(e => !e.Passed), numbers = entries.Select(e => e.CertificateNumber) }, clock);
        await SaveAsync(ct);
        return round;
    }

    /// <summary>A completion certificate becomes a graduation certificate (new number); the old one stays, marked superseded.</summary>
    public async Task<Certificate> UpgradeAsync(string number, UpgradeInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        GraduationRights.RequireReviewerRole(actor);
        var normalized = CertificateNumber.Normalize(number);
        var old = await db.Set<Certificate>().FirstOrDefaultAsync(c => c.Number == normalized, ct) ?? throw AppException.NotFound("证书");
        if (!GraduationRights.IsReviewerOf(actor, old.ScopePath))
        {
            throw GraduationRights.NotSupervisor();
        }

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw AppException.Invalid("reason", "换发毕业证书必须填写原因，例如「补考全部合格」");
        }

        if (reason.Length > 500)
        {
            throw AppException.Invalid("reason", "原因不能超过 500 字");
        }

        if (old.Kind != CertificateKind.Completion || old.IsSuperseded)
        {
            throw AppException.Conflict(old.IsSuperseded ? $"证书 {old.Number} 已换发过，不能重复换发" : "只有结业证书可以换发为毕业证书");
        }

        var round = await db.Set<GraduationRound>().AsNoTracking().FirstAsync(r => r.Id == old.RoundId, ct);
        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        var newNumber = await NextNumberAsync(today.Year, old.SchoolCode, round.SchoolKind, CertificateKind.Graduation, [], ct);
        var replacement = new Certificate(Guid.CreateVersion7(), newNumber, CertificateKind.Graduation, old.StudentId, old.RoundId, old.ScopePath, old.HolderName, old.SchoolCode, old.SchoolName,
            old.Major, old.LevelText, today, actor.UserName, now);
        old.SupersedeBy(replacement, today, reason);
        db.Add(replacement);
        await lifecycle.ChangeStatusAsync(old.StudentId, EnrolmentStatus.Graduated, today, ct);
        db.Record("graduation.certificate_upgraded", "Certificate", replacement.Number, old.ScopePath, new { number = old.Number, kind = old.Kind }, new { number = replacement.Number, kind = replacement.Kind, reason }, clock);
        await SaveAsync(ct);
        return replacement;
    }

    private async Task<string> NextNumberAsync(int year, string schoolCode, int schoolKind, CertificateKind kind, Dictionary<CertificateKind, int> serials, CancellationToken ct)
    {
        if (!serials.TryGetValue(kind, out var last))
        {
            var prefix = CertificateNumber.Prefix(year, schoolCode, schoolKind, kind);
            // Numbers are national: counted across scopes (only this school's prefix is read).
            var max = await db.Set<Certificate>().IgnoreQueryFilters().Where(c => c.Number.StartsWith(prefix)).MaxAsync(c => (string?)c.Number, ct);
            last = max is null ? 0 : CertificateNumber.SerialOf(max);
        }

        serials[kind] = last + 1;
        return CertificateNumber.Compose(year, schoolCode, schoolKind, kind, last + 1);
    }

    private async Task RequireAllActiveAsync(List<GraduationEntry> entries, string advice, CancellationToken ct)
    {
        var students = await schooling.GetManyAsync(entries.Select(e => e.StudentId).ToList(), ct);
        var inactive = students.Where(s => s.Status != EnrolmentStatus.Active).ToList();
        if (inactive.Count > 0)
        {
            throw AppException.Conflict(string.Join("；", inactive.Select(s => $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生")) + "，" + advice);
        }
    }

    private async Task<GraduationRound> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<GraduationRound>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("毕业批次");

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("数据刚被其他用户修改，请刷新后重试");
        }
        catch (DbUpdateException)
        {
            // The unique certificate number: another approval took the same serial at the same moment.
            throw AppException.Conflict("证书编号分配冲突，请稍后重试");
        }
    }
}
