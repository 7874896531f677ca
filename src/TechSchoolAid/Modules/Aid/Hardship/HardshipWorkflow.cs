using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship;

/// <summary>
/// AID-1 end to end: application with the signed commitment, class panel, school decision, publication for the policy's
/// working days, objection answered within the policy's working days, archive; a semester's re-assessment as a new version.
/// Every step checks its state, records who and when, and writes an audit event in the same transaction; a refusal writes
/// nothing.
/// </summary>
public sealed class HardshipWorkflow(
    TsaDbContext db,
    StudentLifecycle students,
    SchoolDirectory schools,
    IAidPolicies policies,
    WorkingDays workingDays,
    TimeProvider clock)
{
    public const string Subject = "HardshipAssessment";

    public async Task<HardshipAssessment> ApplyAsync(Guid studentId, HardshipApplicationInput input, CancellationToken ct)
    {
        RequireStaff(db.Actor);
        var student = await students.GetAsync(studentId, ct);
        RequireOwnSchool(student.ScopePath);
        RequireActive(student);
        var values = Validate(input);
        if (await db.Set<HardshipAssessment>().AnyAsync(a => a.StudentId == studentId && a.SchoolYear == values.SchoolYear && a.SupersededAtUtc == null, ct))
        {
            throw AppException.Conflict($"该学生{HardshipTexts.SchoolYearText(values.SchoolYear)}已有家庭经济困难认定；学期中的变化请使用“重新认定”");
        }

        var a = New(student, values, 1, null);
        db.Add(a);
        db.Record("hardship.applied", Subject, a.Id.ToString(), a.ScopePath, null,
            new { student = a.StudentName, schoolYear = a.SchoolYear, semester = a.Semester, priority = a.PriorityGroups, watch = a.WatchGroups, commitmentSignedOn = ChinaTime.Iso(a.CommitmentSignedOn) }, clock);
        await SaveAsync(ct);
        return a;
    }

    /// <summary>A semester's change: the current version (archived) is superseded by a new application; history is kept.</summary>
    public async Task<HardshipAssessment> ReassessAsync(Guid id, HardshipApplicationInput input, CancellationToken ct)
    {
        RequireStaff(db.Actor);
        var current = await LoadAsync(id, ct);
        RequireOwnSchool(current.ScopePath);
        if (!current.IsCurrent)
        {
            throw AppException.Conflict("这是已被替代的历史版本，请对当前版本重新认定");
        }

        if (current.State != HardshipState.Archived)
        {
            throw AppException.Conflict($"当前认定状态为“{current.State.ToChinese()}”，归档后才能在学期中重新认定");
        }

        input.SchoolYear ??= current.SchoolYear;
        var values = Validate(input);
        if (values.SchoolYear != current.SchoolYear)
        {
            throw AppException.Invalid("schoolYear", "重新认定只能在同一学年内进行；新学年请重新申请");
        }

        var student = await students.GetAsync(current.StudentId, ct);
        RequireActive(student);
        var now = clock.GetUtcNow().UtcDateTime;
        current.Supersede(db.Actor.UserName, now);
        var next = New(student, values, current.Version + 1, current.Id);
        db.Record("hardship.superseded", Subject, current.Id.ToString(), current.ScopePath, new { version = current.Version, level = current.Level },
            new { by = next.Id }, clock);

        // The unique "one current version" index must never see two: save the old version's end first, in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(ct);
        db.Add(next);
        db.Record("hardship.reassessed", Subject, next.Id.ToString(), next.ScopePath, null,
            new { student = next.StudentName, version = next.Version, semester = next.Semester, priority = next.PriorityGroups, watch = next.WatchGroups }, clock);
        await SaveAsync(ct);
        await tx.CommitAsync(ct);
        return next;
    }

    public async Task<HardshipAssessment> RecordPanelAsync(Guid id, HardshipPanelInput input, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        RequireState(a, HardshipState.Applied, "记录班级评议");
        var members = (input.Members ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        if (members.Count == 0)
        {
            errors["members"] = ["请填写班级认定评议小组成员"];
        }
        else if (members.Any(m => m.Length > 30) || string.Join("、", members).Length > 500)
        {
            errors["members"] = ["评议小组成员姓名过长"];
        }

        var today = clock.Today();
        if (input.ReviewedOn is not { } on)
        {
            errors["reviewedOn"] = ["请填写评议日期"];
            on = today;
        }
        else if (on > today)
        {
            errors["reviewedOn"] = [$"评议日期 {ChinaTime.Iso(on)} 晚于今天"];
        }
        else if (on < DateOnly.FromDateTime(ChinaTime.ToChina(a.AppliedAtUtc).DateTime))
        {
            errors["reviewedOn"] = ["评议日期不能早于申请日期"];
        }

        var opinion = input.Opinion?.Trim();
        if (opinion is { Length: > 500 })
        {
            errors["opinion"] = ["评议意见不能超过 500 字"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        a.RecordPanel(string.Join("、", members), on, string.IsNullOrEmpty(opinion) ? null : opinion, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("hardship.panel_reviewed", Subject, a.Id.ToString(), a.ScopePath, null, new { members, reviewedOn = ChinaTime.Iso(on) }, clock);
        await SaveAsync(ct);
        return a;
    }

    public async Task<HardshipAssessment> DecideAsync(Guid id, HardshipDecisionInput input, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        if (a.State == HardshipState.Applied)
        {
            throw AppException.Conflict("尚未经班级认定评议小组评议，不能作出学校认定");
        }

        RequireState(a, HardshipState.PanelReviewed, "作出学校认定");
        if (input.Level is not { } level || !Enum.IsDefined(level))
        {
            throw AppException.Invalid("level", "请选择认定等级（特别困难、困难、一般困难或不认定）");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "认定说明不能超过 500 字");
        }

        a.Decide(level, string.IsNullOrEmpty(note) ? null : note, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("hardship.decided", Subject, a.Id.ToString(), a.ScopePath, null, new { level }, clock);
        await SaveAsync(ct);
        return a;
    }

    public async Task<HardshipAssessment> PublishAsync(Guid id, HardshipPublicationInput input, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        RequireState(a, HardshipState.Decided, "公示");
        if (input.From is not { } from || input.To is not { } to)
        {
            throw AppException.Invalid("from", "请填写公示起止日期");
        }

        if (from < clock.Today())
        {
            throw AppException.Invalid("from", "公示开始日期不能早于今天");
        }

        if (to < from)
        {
            throw AppException.Invalid("to", "公示结束日期不能早于开始日期");
        }

        var policy = await PolicyAsync(a, from, ct);
        var days = workingDays.CountInclusive(from, to);
        if (days < policy.PublicationWorkingDays)
        {
            throw AppException.Invalid("to",
                $"公示期只有 {days} 个工作日，少于资助政策规定的 {policy.PublicationWorkingDays} 个工作日（最早可于 {ChinaTime.Iso(workingDays.PeriodEnd(from, policy.PublicationWorkingDays))} 结束）");
        }

        a.Publish(from, to, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("hardship.published", Subject, a.Id.ToString(), a.ScopePath, null,
            new { from = ChinaTime.Iso(from), to = ChinaTime.Iso(to), workingDays = days, required = policy.PublicationWorkingDays }, clock);
        await SaveAsync(ct);
        return a;
    }

    public async Task<HardshipAssessment> ObjectAsync(Guid id, HardshipObjectionInput input, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        var today = clock.Today();
        var raisedOn = input.RaisedOn ?? today;
        if (a.PublishedTo is { } end && raisedOn > end)
        {
            throw AppException.Conflict($"公示期已于 {ChinaTime.Iso(end)} 结束，不能再提出异议");
        }

        RequireState(a, HardshipState.Published, "登记异议");
        if (raisedOn > today)
        {
            throw AppException.Invalid("raisedOn", "异议提出日期不能晚于今天");
        }

        if (raisedOn > a.PublishedTo!.Value)
        {
            throw AppException.Conflict($"公示期已于 {ChinaTime.Iso(a.PublishedTo.Value)} 结束，不能再提出异议");
        }

        if (raisedOn < a.PublishedFrom!.Value)
        {
            throw AppException.Conflict($"公示期自 {ChinaTime.Iso(a.PublishedFrom.Value)} 开始，此前不能提出异议");
        }

        if (a.ObjectionText is not null)
        {
            throw AppException.Conflict("该认定已登记过异议");
        }

        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw AppException.Invalid("text", "请填写异议内容");
        }

        if (text.Length > 1000)
        {
            throw AppException.Invalid("text", "异议内容不能超过 1000 字");
        }

        var policy = await PolicyAsync(a, raisedOn, ct);
        var due = workingDays.AddWorkingDays(raisedOn, policy.ObjectionAnswerWorkingDays);
        a.RaiseObjection(text, raisedOn, due, db.Actor.UserName);
        db.Record("hardship.objection_raised", Subject, a.Id.ToString(), a.ScopePath, null,
            new { raisedOn = ChinaTime.Iso(raisedOn), dueDate = ChinaTime.Iso(due), workingDays = policy.ObjectionAnswerWorkingDays }, clock);
        await SaveAsync(ct);
        return a;
    }

    public async Task<HardshipAssessment> AnswerAsync(Guid id, HardshipAnswerInput input, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        if (!a.HasOpenObjection)
        {
            throw AppException.Conflict("该认定没有待答复的异议");
        }

        var answer = input.Answer?.Trim();
        if (string.IsNullOrEmpty(answer))
        {
            throw AppException.Invalid("answer", "请填写答复内容");
        }

        if (answer.Length > 1000)
        {
            throw AppException.Invalid("answer", "答复内容不能超过 1000 字");
        }

        a.AnswerObjection(answer, db.Actor.UserName, clock.GetUtcNow().UtcDateTime, clock.Today());
        db.Record("hardship.objection_answered", Subject, a.Id.ToString(), a.ScopePath, null,
            new { dueDate = a.ObjectionDueDate is { } d ? ChinaTime.Iso(d) : null, late = a.ObjectionAnsweredLate }, clock);
        await SaveAsync(ct);
        return a;
    }

    public async Task<HardshipAssessment> ArchiveAsync(Guid id, CancellationToken ct)
    {
        var a = await LoadForStepAsync(id, ct);
        RequireState(a, HardshipState.Published, "归档");
        if (clock.Today() <= a.PublishedTo!.Value)
        {
            throw AppException.Conflict($"公示期至 {ChinaTime.Iso(a.PublishedTo.Value)} 结束，结束后才能归档");
        }

        if (a.HasOpenObjection)
        {
            throw AppException.Conflict("异议尚未答复，答复后才能归档");
        }

        a.Archive(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("hardship.archived", Subject, a.Id.ToString(), a.ScopePath, null, new { level = a.Level }, clock);
        await SaveAsync(ct);
        return a;
    }

    /// <summary>Working days in [from, to], both included.</summary>



    private sealed record Values(int SchoolYear, Semester Semester, string FamilySituation, PriorityGroups Priority, WatchGroups Watch, DateOnly CommitmentSignedOn);

    private Values Validate(HardshipApplicationInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var today = clock.Today();
        if (input.CommitmentSigned != true)
        {
            errors["commitmentSigned"] = ["学生未签署个人承诺，不能提交家庭经济困难认定申请"];
        }

        if (input.CommitmentSignedOn is not { } signedOn)
        {
            errors["commitmentSignedOn"] = ["请填写个人承诺的签署日期"];
            signedOn = today;
        }
        else if (signedOn > today)
        {
            errors["commitmentSignedOn"] = ["个人承诺的签署日期不能晚于今天"];
        }

        if (input.SchoolYear is not { } year || year < 2000 || year > today.Year + 1)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
            year = today.Year;
        }

        if (input.Semester is not { } semester || !Enum.IsDefined(semester))
        {
            errors["semester"] = ["请选择学期"];
            semester = Semester.Autumn;
        }

        var family = input.FamilySituation?.Trim();
        if (string.IsNullOrEmpty(family))
        {
            errors["familySituation"] = ["请填写家庭经济情况"];
        }
        else if (family.Length > 2000)
        {
            errors["familySituation"] = ["家庭经济情况不能超过 2000 字"];
        }

        var priority = (input.PriorityGroups ?? []).Aggregate(PriorityGroups.None, (acc, g) => acc | g);
        if ((input.PriorityGroups ?? []).Any(g => g == PriorityGroups.None || !Enum.IsDefined(g)))
        {
            errors["priorityGroups"] = ["重点保障群体选项无效"];
        }

        var watch = (input.WatchGroups ?? []).Aggregate(WatchGroups.None, (acc, g) => acc | g);
        if ((input.WatchGroups ?? []).Any(g => g == WatchGroups.None || !Enum.IsDefined(g)))
        {
            errors["watchGroups"] = ["关注群体选项无效"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        return new Values(year, semester, family!, priority, watch, signedOn);
    }

    private HardshipAssessment New(StudentStatusInfo s, Values v, int version, Guid? previousId) =>
        new(Guid.CreateVersion7(), s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.ClassName, v.SchoolYear, v.Semester, version, previousId,
            v.FamilySituation, v.Priority, v.Watch, v.CommitmentSignedOn, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);

    private async Task<AidPolicy> PolicyAsync(HardshipAssessment a, DateOnly date, CancellationToken ct)
    {
        var school = await schools.ForReadAsync(a.SchoolCode, ct);
        return (school.ProvinceCode is { } province ? await policies.PolicyFor(province, date, ct) : null)
            ?? throw AppException.Conflict($"{ChinaTime.Iso(date)} 所在学期没有资助政策，无法确定公示和异议答复的工作日数");
    }

    private async Task<HardshipAssessment> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<HardshipAssessment>().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw AppException.NotFound("家庭经济困难认定");

    private async Task<HardshipAssessment> LoadForStepAsync(Guid id, CancellationToken ct)
    {
        RequireStaff(db.Actor);
        var a = await LoadAsync(id, ct);
        RequireOwnSchool(a.ScopePath);
        if (!a.IsCurrent)
        {
            throw AppException.Conflict("这是已被替代的历史版本，不能再办理");
        }

        return a;
    }

    private static void RequireState(HardshipAssessment a, HardshipState expected, string step)
    {
        if (a.State != expected)
        {
            throw AppException.Conflict($"当前状态为“{a.State.ToChinese()}”，不能{step}（应为“{expected.ToChinese()}”）");
        }
    }

    private static void RequireActive(StudentStatusInfo s)
    {
        if (!s.RegistrationApproved || s.Status != EnrolmentStatus.Active)
        {
            throw AppException.Conflict($"学生{s.Name}当前学籍状态为“{s.Status.ToChinese()}”，不是在籍学生，不能办理家庭经济困难认定");
        }
    }

    public static bool IsStaffOf(Actor actor, string scopePath) =>
        actor.Can(Permission.ManageHardship) && actor.Level == OrgLevel.School && actor.ScopePath == scopePath;

    public static void RequireStaff(Actor actor)
    {
        if (!actor.Can(Permission.ManageHardship) || actor.Level != OrgLevel.School)
        {
            throw AppException.Forbidden("只有学校资助工作人员可以办理家庭经济困难认定");
        }
    }

    private void RequireOwnSchool(string scopePath)
    {
        if (db.Actor.ScopePath != scopePath)
        {
            throw AppException.Forbidden("只能为本校学生办理家庭经济困难认定");
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该认定已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException)
        {
            throw AppException.Conflict("该学生本学年已有家庭经济困难认定");
        }
    }
}
