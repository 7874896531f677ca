using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Rounds;

/// <summary>
/// AID-5 end to end for one school, item and term: the school builds the proposed list (eligible students preselected,
/// grant tier from the hardship level), edits it, publishes it inside the school for the policy's working days, answers
/// objections, submits; the direct supervisor approves or rejects per student or for the whole list, or returns it, before
/// the approval deadline unless the province reopened it. A person is approved once per item and term in the whole system
/// (checked before, and held by a unique index under concurrency). Each step records who and when (AID-6) and writes an
/// audit event in its transaction; a refusal writes nothing.
/// </summary>
public sealed class AidRoundWorkflow(
    TsaDbContext db,
    AidEligibilityRules rules,
    SchoolDirectory schools,
    WorkingDays workingDays,
    TimeProvider clock)
{
    public const string Subject = "AidRound";

    /// <summary>Names listed in a refusal before "等 N 人".</summary>
    private const int NamesShown = 10;

    // ------------------------------------------------------------------ school side

    /// <summary>Builds the proposed list: every student eligible today, the grant tier suggested by the hardship level.</summary>
    public async Task<AidRound> CreateAsync(AidRoundCreateInput input, CancellationToken ct)
    {
        RequireSchoolStaff();
        var errors = new Dictionary<string, string[]>();
        if (input.SchoolYear is not { } year || year < 2000 || year > 2100)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
        }

        if (input.Semester is not { } semester || !Enum.IsDefined(semester))
        {
            errors["semester"] = ["请选择学期（春季或秋季）"];
        }

        if (input.Item is not { } item || !Enum.IsDefined(item))
        {
            errors["item"] = ["请选择资助项目（国家助学金或免学费）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var term = new AidTerm(input.SchoolYear!.Value, input.Semester!.Value);
        var today = clock.Today();
        if (term.StartsOn > today.AddMonths(1))
        {
            throw AppException.Invalid("schoolYear", $"{term}尚未开始（{ChinaTime.Iso(term.StartsOn)} 开学），不能提前拟定名单");
        }

        if (term.EndsOn < today)
        {
            throw AppException.Invalid("schoolYear", $"{term}已于 {ChinaTime.Iso(term.EndsOn)} 结束，不能再拟定名单");
        }

        var school = await schools.ForWriteAsync(input.SchoolCode is { Length: > 0 } code ? code : db.Actor.OrganizationCode, ct);
        RequireOwnSchool(school.ScopePath);
        if (await db.Set<AidRound>().AnyAsync(r => r.SchoolId == school.Id && r.SchoolYear == term.SchoolYear && r.Semester == term.Semester && r.Item == input.Item, ct))
        {
            throw AppException.Conflict($"本校{term}{AidTerm.ItemText(input.Item!.Value)}名单已建立，请在原名单上修改");
        }

        var (policy, answers) = await rules.ForSchoolAsync(school.Id, term, term.Clamp(today), ct);
        if (policy is null)
        {
            throw AppException.Conflict($"{term}没有资助政策（本省与国家默认标准均未覆盖 {ChinaTime.Iso(term.StartsOn)}），不能拟定名单");
        }

        var itemValue = input.Item!.Value;
        var eligible = answers.Where(a => Of(a.Answer, itemValue).Eligible).ToList();
        var approvedElsewhere = await ApprovedElsewhereAsync(eligible.Select(a => a.Student.PersonKey).ToList(), itemValue, term, school.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var round = new AidRound(Guid.CreateVersion7(), school.Id, school.Code, await SchoolNameAsync(school, ct), school.ScopePath, term, itemValue, policy.PolicyId,
            policy.ApprovalDeadline(term.CalendarYear, term.Semester), eligible.Count, db.Actor.UserName, now);
        var entries = eligible.Where(a => !approvedElsewhere.ContainsKey(a.Student.PersonKey)).Select(a =>
        {
            var e = Of(a.Answer, itemValue);
            return new AidEntry(Guid.CreateVersion7(), round, a.Student.Id, a.Student.PersonKey, a.Student.Name, a.Student.ClassName, a.Student.IdNumberMasked,
                a.Answer.Grade, e.YearAmountFen!.Value, e.Basis, db.Actor.UserName, now);
        }).ToList();

        // The list, its lines and the audit event in one transaction; the lines go in as one batch (COPY on PostgreSQL).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(round);
        db.Record("aid.round.created", Subject, round.Id.ToString(), round.ScopePath, null, new
        {
            school = school.Code, term = term.ToString(), item = itemValue, students = entries.Count, eligible = eligible.Count,
            approvedAtOtherSchools = approvedElsewhere.Count, deadline = ChinaTime.Iso(round.ApprovalDeadline),
        }, clock);
        await SaveAsync(ct);
        await db.InsertManyAsync(entries, ct);
        await tx.CommitAsync(ct);
        return round;
    }

    /// <summary>Adds one student (or takes a withdrawn one back) after checking eligibility today.</summary>
    public async Task<AidEntry> AddAsync(Guid roundId, AidEntryAddInput input, CancellationToken ct)
    {
        var round = await LoadEditableAsync(roundId, ct);
        if (input.StudentId is not { } studentId)
        {
            throw AppException.Invalid("studentId", "请选择学生");
        }

        var student = await db.StudentAidFactsInScope().FirstOrDefaultAsync(s => s.Id == studentId, ct) ?? throw AppException.NotFound("学生");
        if (student.SchoolId != round.SchoolId)
        {
            throw AppException.Invalid("studentId", $"{student.Name} 不是本校学生，不能列入本校名单");
        }

        var existing = await db.Set<AidEntry>().FirstOrDefaultAsync(e => e.RoundId == round.Id && e.StudentId == studentId, ct);
        if (existing is { State: not AidEntryState.Withdrawn })
        {
            throw AppException.Conflict($"{student.Name} 已在名单中");
        }

        var answer = await rules.ExplainAsync(studentId, round.Term, round.Term.Clamp(clock.Today()), ct);
        var item = Of(answer, round.Item);
        if (!item.Eligible)
        {
            throw AppException.Invalid("studentId", $"{student.Name} 不符合{round.Term}{item.ItemText}条件：{string.Join("；", item.Reasons)}");
        }

        var elsewhere = await ApprovedElsewhereAsync([student.PersonKey], round.Item, round.Term, round.SchoolId, ct);
        if (elsewhere.TryGetValue(student.PersonKey, out var other))
        {
            throw AppException.Conflict($"{student.Name} 已在 {other} 审核通过{round.Term}{item.ItemText}，同一学生同一学期不能重复资助");
        }

        var amount = round.Item == AidItem.Grant ? await TierAsync(round, input.YearAmountFen ?? item.YearAmountFen!.Value, ct) : item.YearAmountFen!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        AidEntry entry;
        if (existing is not null)
        {
            existing.Repropose(amount, item.Basis, answer.Grade, db.Actor.UserName, now);
            entry = existing;
        }
        else
        {
            entry = new AidEntry(Guid.CreateVersion7(), round, student.Id, student.PersonKey, student.Name, student.ClassName, student.IdNumberMasked,
                answer.Grade, amount, item.Basis, db.Actor.UserName, now);
            db.Add(entry);
        }

        db.Record("aid.entry.added", Subject, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = student.Name, yearAmountFen = amount, basis = entry.Basis }, clock);
        await SaveAsync(ct);
        return entry;
    }

    /// <summary>Changes a grant line's tier (one of the policy's tiers).</summary>
    public async Task<AidEntry> SetTierAsync(Guid entryId, AidEntryTierInput input, CancellationToken ct)
    {
        var (round, entry) = await LoadEntryAsync(entryId, ct);
        RequireEditable(round);
        if (round.Item != AidItem.Grant)
        {
            throw AppException.Conflict("免学费金额按学校学费标准确定，不能调整档次");
        }

        if (entry.State != AidEntryState.Proposed)
        {
            throw AppException.Conflict($"{entry.StudentName} 当前为“{entry.State.ToChinese()}”，不能调整档次");
        }

        var amount = await TierAsync(round, input.YearAmountFen ?? 0, ct);
        var old = entry.YearAmountFen;
        entry.SetYearAmount(amount);
        db.Record("aid.entry.tier_changed", Subject, round.Id.ToString(), round.ScopePath, new { entry = entry.Id, yearAmountFen = old },
            new { entry = entry.Id, student = entry.StudentName, yearAmountFen = amount }, clock);
        await SaveAsync(ct);
        return entry;
    }

    /// <summary>Takes a student off the list with the reason (the line is kept as withdrawn).</summary>
    public async Task<AidEntry> WithdrawAsync(Guid entryId, AidEntryWithdrawInput input, CancellationToken ct)
    {
        var (round, entry) = await LoadEntryAsync(entryId, ct);
        RequireEditable(round);
        if (entry.State != AidEntryState.Proposed)
        {
            throw AppException.Conflict($"{entry.StudentName} 当前为“{entry.State.ToChinese()}”，不能撤出名单");
        }

        var reason = Required(input.Reason, "reason", "请填写撤出名单的原因", 500);
        entry.Withdraw(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("aid.entry.withdrawn", Subject, round.Id.ToString(), round.ScopePath, null, new { entry = entry.Id, student = entry.StudentName, reason }, clock);
        await SaveAsync(ct);
        return entry;
    }

    /// <summary>
    /// CHK-1/CHK-2 "withdraw here": the school takes an approved line back after a duplicate check (the person is aided
    /// elsewhere). The line becomes withdrawn with the reason, which frees the person for the other side. Not saved here:
    /// the caller saves it with its own change and audit event in one transaction.
    /// </summary>
    public async Task<AidEntry> RevokeApprovedAsync(Guid entryId, string reason, CancellationToken ct)
    {
        var (round, entry) = await LoadEntryAsync(entryId, ct);
        if (entry.State != AidEntryState.Approved)
        {
            throw AppException.Conflict($"{entry.StudentName} 当前为“{entry.State.ToChinese()}”，不是审核通过的资助，不能撤销");
        }

        entry.Withdraw(reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("aid.entry.revoked", Subject, round.Id.ToString(), round.ScopePath, new { entry = entry.Id, state = AidEntryState.Approved },
            new { entry = entry.Id, student = entry.StudentName, reason }, clock);
        return entry;
    }

    /// <summary>Publishes the list inside the school for at least the policy's working days.</summary>
    public async Task<AidRound> PublishAsync(Guid roundId, AidPublicationInput input, CancellationToken ct)
    {
        var round = await LoadEditableAsync(roundId, ct);
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

        if (!await db.Set<AidEntry>().AnyAsync(e => e.RoundId == round.Id && e.State == AidEntryState.Proposed, ct))
        {
            throw AppException.Conflict("名单中没有拟资助的学生，不能公示");
        }

        var policy = await PolicyAsync(round, ct);
        var days = workingDays.CountInclusive(from, to);
        if (days < policy.PublicationWorkingDays)
        {
            var earliest = workingDays.PeriodEnd(from, policy.PublicationWorkingDays);
            throw AppException.Invalid("to",
                $"公示期只有 {days} 个工作日，少于资助政策规定的 {policy.PublicationWorkingDays} 个工作日（最早可于 {ChinaTime.Iso(earliest)} 结束）");
        }

        round.Publish(from, to, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Record("aid.round.published", Subject, round.Id.ToString(), round.ScopePath, null,
            new { from = ChinaTime.Iso(from), to = ChinaTime.Iso(to), workingDays = days, required = policy.PublicationWorkingDays }, clock);
        await SaveAsync(ct);
        return round;
    }

    /// <summary>Records an objection received during publication; the answer is due within the policy's working days.</summary>
    public async Task<AidEntry> ObjectAsync(Guid entryId, AidObjectionInput input, CancellationToken ct)
    {
        var (round, entry) = await LoadEntryAsync(entryId, ct);
        RequireSchoolStaff();
        RequireOwnSchool(round.ScopePath);
        if (round.State != AidRoundState.Published)
        {
            throw AppException.Conflict("名单不在公示期，不能登记异议");
        }

        if (entry.State != AidEntryState.Proposed)
        {
            throw AppException.Conflict($"{entry.StudentName} 当前为“{entry.State.ToChinese()}”，不能登记异议");
        }

        var text = Required(input.Text, "text", "请填写异议内容", 1000);
        var on = input.RaisedOn ?? clock.Today();
        if (on < round.PublishedFrom || on > round.PublishedTo || on > clock.Today())
        {
            throw AppException.Invalid("raisedOn", $"异议须在公示期内（{ChinaTime.Iso(round.PublishedFrom!.Value)} 至 {ChinaTime.Iso(round.PublishedTo!.Value)}）提出，且不能晚于今天");
        }

        var policy = await PolicyAsync(round, ct);
        var due = workingDays.AddWorkingDays(on, policy.ObjectionAnswerWorkingDays);
        entry.Object(text, on, due, db.Actor.UserName);
        db.Record("aid.entry.objection", Subject, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = entry.StudentName, raisedOn = ChinaTime.Iso(on), due = ChinaTime.Iso(due) }, clock);
        await SaveAsync(ct);
        return entry;
    }

    /// <summary>Answers an objection; an upheld objection takes the student off the list.</summary>
    public async Task<AidEntry> AnswerAsync(Guid entryId, AidObjectionAnswerInput input, CancellationToken ct)
    {
        var (round, entry) = await LoadEntryAsync(entryId, ct);
        RequireSchoolStaff();
        RequireOwnSchool(round.ScopePath);
        if (!entry.HasOpenObjection)
        {
            throw AppException.Conflict($"{entry.StudentName} 没有待答复的异议");
        }

        var answer = Required(input.Answer, "answer", "请填写答复内容", 1000);
        var now = clock.GetUtcNow().UtcDateTime;
        entry.Answer(answer, db.Actor.UserName, now);
        if (input.Withdraw == true)
        {
            entry.Withdraw($"异议成立：{answer}"[..Math.Min(500, answer.Length + 5)], db.Actor.UserName, now);
        }

        db.Record("aid.entry.objection_answered", Subject, round.Id.ToString(), round.ScopePath, null,
            new { entry = entry.Id, student = entry.StudentName, withdrawn = input.Withdraw == true, late = clock.Today() > entry.ObjectionDueDate }, clock);
        await SaveAsync(ct);
        return entry;
    }

    /// <summary>Submits the list to the direct supervisor once publication has ended and every objection is answered.</summary>
    public async Task<AidRound> SubmitAsync(Guid roundId, AidSubmitInput input, CancellationToken ct)
    {
        var round = await LoadOwnAsync(roundId, ct);
        if (round.State != AidRoundState.Published)
        {
            throw AppException.Conflict(round.IsEditable ? "名单须先在校内公示，公示期满后才能报送" : $"名单当前为“{round.State.ToChinese()}”，不能报送");
        }

        var today = clock.Today();
        if (today <= round.PublishedTo)
        {
            throw AppException.Conflict($"公示期至 {ChinaTime.Iso(round.PublishedTo!.Value)} 结束，公示期满后才能报送");
        }

        var open = await db.Set<AidEntry>().Where(e => e.RoundId == round.Id && e.ObjectionText != null && e.ObjectionAnswer == null)
            .Select(e => e.StudentName).ToListAsync(ct);
        if (open.Count > 0)
        {
            throw AppException.Conflict($"以下学生的异议尚未答复，不能报送：{Names(open)}");
        }

        if (input.DeclaredEligibleCount is { } declared)
        {
            if (declared is < 0 or > 1_000_000)
            {
                throw AppException.Invalid("declaredEligibleCount", "申报的符合条件人数应为 0 至 1,000,000 之间的整数");
            }

            round.Declare(declared);
        }

        round.Submit(db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        var count = await db.Set<AidEntry>().CountAsync(e => e.RoundId == round.Id && e.State == AidEntryState.Proposed, ct);
        db.Record("aid.round.submitted", Subject, round.Id.ToString(), round.ScopePath, null,
            new { students = count, declaredEligible = round.DeclaredEligibleCount, late = today > round.ApprovalDeadline }, clock);
        await SaveAsync(ct);
        return round;
    }

    // ------------------------------------------------------------------ supervisor side

    /// <summary>
    /// The direct supervisor's decision: approve some lines or every undecided line, reject some lines (with the reason),
    /// or return the whole list to the school. One action, one transaction, one audit event with the counts; each line
    /// records who reviewed it and when.
    /// </summary>
    public async Task<AidReviewResult> ReviewAsync(Guid roundId, AidReviewInput input, CancellationToken ct)
    {
        if (!db.Actor.Can(Permission.ReviewAidRounds))
        {
            throw AppException.Forbidden("只有市级或省级审核人员可以审核资助名单");
        }

        var round = await db.Set<AidRound>().FirstOrDefaultAsync(r => r.Id == roundId, ct) ?? throw AppException.NotFound("资助名单");
        if (ScopePaths.ParentOf(round.ScopePath) != db.Actor.ScopePath)
        {
            throw AppException.Forbidden("只有学校的直接主管部门（市管学校为市级，省管学校为省级）可以审核该名单");
        }

        if (input.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            throw AppException.Invalid("decision", "请选择审核结果（通过、不通过或退回）");
        }

        if (round.State != AidRoundState.Submitted)
        {
            throw AppException.Conflict($"名单当前为“{round.State.ToChinese()}”，不在待审核状态");
        }

        var note = input.Note?.Trim();
        if (note is { Length: > 500 })
        {
            throw AppException.Invalid("note", "审核意见不能超过 500 字");
        }

        var today = clock.Today();
        var now = clock.GetUtcNow().UtcDateTime;
        if (decision == AidReviewDecision.Return)
        {
            if (string.IsNullOrEmpty(note))
            {
                throw AppException.Invalid("note", "退回时请填写退回原因");
            }

            round.Return(note, db.Actor.UserName, now);
            db.Record("aid.round.returned", Subject, round.Id.ToString(), round.ScopePath, null, new { note }, clock);
            await SaveAsync(ct);
            return new AidReviewResult(round.Id, 0, 0, await CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
        }

        // Approving or rejecting after the deadline needs the province's reopening.
        if (today > round.ApprovalDeadline)
        {
            if (await AidDeadlineReopening.ReopenedUntilAsync(db, round, ct) is not { } until || until < today)
            {
                throw AppException.Conflict(
                    $"{round.Term}的审批截止日期 {ChinaTime.Iso(round.ApprovalDeadline)} 已过，须由省级人力资源社会保障部门重新开放审批后才能审核");
            }
        }

        var ids = input.EntryIds is { Count: > 0 } list ? list.Distinct().ToList() : null;
        var lines = db.Set<AidEntry>().Where(e => e.RoundId == round.Id && e.State == AidEntryState.Proposed);
        if (ids is not null)
        {
            var found = await db.Set<AidEntry>().Where(e => e.RoundId == round.Id && ids.Contains(e.Id)).Select(e => new { e.Id, e.State, e.StudentName }).ToListAsync(ct);
            if (found.Count != ids.Count)
            {
                throw AppException.Invalid("entryIds", "所选学生中有不属于本名单的记录");
            }

            var decided = found.Where(f => f.State != AidEntryState.Proposed).Select(f => f.StudentName).ToList();
            if (decided.Count > 0)
            {
                throw AppException.Conflict($"以下学生已审核或已撤出，不能再次审核：{Names(decided)}");
            }

            lines = lines.Where(e => ids.Contains(e.Id));
        }

        int affected;
        if (decision == AidReviewDecision.Reject)
        {
            if (ids is null)
            {
                throw AppException.Invalid("entryIds", "请选择审核不通过的学生；整单不通过请使用“退回”");
            }

            if (string.IsNullOrEmpty(note))
            {
                throw AppException.Invalid("note", "审核不通过时请填写原因");
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            affected = await lines.ExecuteUpdateAsync(u => u
                .SetProperty(e => e.State, AidEntryState.Rejected)
                .SetProperty(e => e.ReviewedBy, db.Actor.UserName)
                .SetProperty(e => e.ReviewedAtUtc, now)
                .SetProperty(e => e.ReviewNote, note)
                .SetProperty(e => e.Version, e => e.Version + 1), ct);
            await FinishReviewAsync(round, "aid.round.rejected", affected, ids, note, now, ct);
            await tx.CommitAsync(ct);
            return new AidReviewResult(round.Id, 0, affected, await CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
        }

        // Approve: every line must still be eligible today, and no person may already be approved elsewhere.
        var gone = await (from e in lines
                          join s in db.StudentAidFactsInScope() on e.StudentId equals s.Id
                          where s.Status != EnrolmentStatus.Active || !s.IsFullTime || !s.RegistrationApproved
                          select e.StudentName + "（" + (s.IsFullTime ? "学籍状态已变更" : "非全日制") + "）").Take(NamesShown + 1).ToListAsync(ct);
        if (gone.Count > 0)
        {
            throw AppException.Conflict($"以下学生已不符合资助条件（已不在籍或非全日制），请先对其审核不通过：{Names(gone)}");
        }

        var twice = await (from e in lines
                           join o in db.Set<AidEntry>().IgnoreQueryFilters() on e.PersonKey equals o.PersonKey
                           where o.State == AidEntryState.Approved && o.Item == round.Item && o.SchoolYear == round.SchoolYear && o.Semester == round.Semester
                           join org in db.AllOrganizations() on o.SchoolId equals org.Id
                           select e.StudentName + "（已在" + org.Name + "审核通过）").Take(NamesShown + 1).ToListAsync(ct);
        if (twice.Count > 0)
        {
            throw AppException.Conflict($"同一学生同一学期不能重复资助，以下学生已在其他学校审核通过{AidTerm.ItemText(round.Item)}，请对其审核不通过：{Names(twice)}");
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                affected = await lines.ExecuteUpdateAsync(u => u
                    .SetProperty(e => e.State, AidEntryState.Approved)
                    .SetProperty(e => e.ReviewedBy, db.Actor.UserName)
                    .SetProperty(e => e.ReviewedAtUtc, now)
                    .SetProperty(e => e.ReviewNote, note)
                    .SetProperty(e => e.Version, e => e.Version + 1), ct);
            }
            catch (Exception ex) when (IsOncePerTermViolation(ex))
            {
                throw AppException.Conflict("名单中有学生刚刚在其他学校审核通过同一学期的同一资助项目，请刷新后重试");
            }

            await FinishReviewAsync(round, "aid.round.approved", affected, ids, note, now, ct);
            await tx.CommitAsync(ct);
        }

        return new AidReviewResult(round.Id, affected, 0, await CountAsync(round.Id, AidEntryState.Proposed, ct), round.State);
    }

    /// <summary>The province reopens the approval deadline of a term until a date, with the reason.</summary>
    public async Task<AidDeadlineReopening> ReopenAsync(AidReopenInput input, CancellationToken ct)
    {
        if (!db.Actor.Can(Permission.ReopenAidDeadline) || db.Actor.Level != OrgLevel.Province)
        {
            throw AppException.Forbidden("只有省级管理员可以重新开放资助审批");
        }

        var province = input.ProvinceCode is { Length: > 0 } p ? p : db.Actor.OrganizationCode;
        if (province != db.Actor.OrganizationCode)
        {
            throw AppException.Forbidden("只能重新开放本省的资助审批");
        }

        if (input.SchoolYear is not { } year || input.Semester is not { } semester || !new AidTerm(year, semester).IsValid)
        {
            throw AppException.Invalid("schoolYear", "请填写学年和学期");
        }

        var term = new AidTerm(year, semester);
        var today = clock.Today();
        if (input.Until is not { } until || until < today)
        {
            throw AppException.Invalid("until", "请填写重新开放的截止日期（不早于今天）");
        }

        if (until > term.EndsOn.AddMonths(6))
        {
            throw AppException.Invalid("until", $"重新开放不能晚于学期结束后六个月（{ChinaTime.Iso(term.EndsOn.AddMonths(6))}）");
        }

        var reason = Required(input.Reason, "reason", "请填写重新开放的原因", 500);
        var r = new AidDeadlineReopening(Guid.CreateVersion7(), province, db.Actor.ScopePath, term, until, reason, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(r);
        db.Record("aid.deadline.reopened", Subject, r.Id.ToString(), r.ScopePath, null, new { term = term.ToString(), until = ChinaTime.Iso(until), reason }, clock);
        await SaveAsync(ct);
        return r;
    }

    // ------------------------------------------------------------------ helpers

    private async Task FinishReviewAsync(AidRound round, string action, int affected, List<Guid>? ids, string? note, DateTime now, CancellationToken ct)
    {
        var left = await CountAsync(round.Id, AidEntryState.Proposed, ct);
        round.Reviewed(left == 0, db.Actor.UserName, now);
        db.Record(action, Subject, round.Id.ToString(), round.ScopePath, null, new
        {
            students = affected,
            wholeList = ids is null,
            entries = ids is { Count: <= 200 } ? ids : null,
            note,
            undecided = left,
        }, clock);
        await SaveAsync(ct);
    }

    private Task<int> CountAsync(Guid roundId, AidEntryState state, CancellationToken ct) =>
        db.Set<AidEntry>().CountAsync(e => e.RoundId == roundId && e.State == state, ct);

    /// <summary>Persons among <paramref name="keys"/> approved for the item and term at another school: key → school name.</summary>
    private async Task<Dictionary<string, string>> ApprovedElsewhereAsync(List<string> keys, AidItem item, AidTerm term, int schoolId, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var rows = await (from e in db.Set<AidEntry>().IgnoreQueryFilters()
                          where e.State == AidEntryState.Approved && e.Item == item && e.SchoolYear == term.SchoolYear && e.Semester == term.Semester
                                && e.SchoolId != schoolId && keys.Contains(e.PersonKey)
                          join o in db.AllOrganizations() on e.SchoolId equals o.Id
                          select new { e.PersonKey, o.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.PersonKey).ToDictionary(g => g.Key, g => g.First().Name);
    }

    private async Task<long> TierAsync(AidRound round, long fen, CancellationToken ct)
    {
        var policy = await PolicyAsync(round, ct);
        if (policy.Tiers.All(t => t.AmountFen != fen))
        {
            throw AppException.Invalid("yearAmountFen",
                $"档次应为本省政策的 {string.Join("、", policy.Tiers.Select(t => AidMoney.Yuan(t.AmountFen)))} 元/年之一");
        }

        return fen;
    }

    private async Task<AidPolicy> PolicyAsync(AidRound round, CancellationToken ct) =>
        await rules.PolicyForSchoolAsync(round.SchoolId, round.Term, ct)
        ?? throw AppException.Conflict($"{round.Term}没有资助政策");

    private async Task<string> SchoolNameAsync(SchoolRef school, CancellationToken ct) =>
        (await schools.NamesAsync([school.Id], ct)).GetValueOrDefault(school.Id, school.Code);

    private async Task<AidRound> LoadOwnAsync(Guid id, CancellationToken ct)
    {
        RequireSchoolStaff();
        var round = await db.Set<AidRound>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("资助名单");
        RequireOwnSchool(round.ScopePath);
        return round;
    }

    private async Task<AidRound> LoadEditableAsync(Guid id, CancellationToken ct)
    {
        var round = await LoadOwnAsync(id, ct);
        RequireEditable(round);
        return round;
    }

    private async Task<(AidRound Round, AidEntry Entry)> LoadEntryAsync(Guid entryId, CancellationToken ct)
    {
        RequireSchoolStaff();
        var entry = await db.Set<AidEntry>().FirstOrDefaultAsync(e => e.Id == entryId, ct) ?? throw AppException.NotFound("名单记录");
        var round = await db.Set<AidRound>().FirstAsync(r => r.Id == entry.RoundId, ct);
        RequireOwnSchool(round.ScopePath);
        return (round, entry);
    }

    private static void RequireEditable(AidRound round)
    {
        if (!round.IsEditable)
        {
            throw AppException.Conflict($"名单当前为“{round.State.ToChinese()}”，只有拟定中或被退回的名单可以修改");
        }
    }

    private void RequireSchoolStaff()
    {
        if (!db.Actor.Can(Permission.ManageAidRounds) || db.Actor.Level != OrgLevel.School)
        {
            throw AppException.Forbidden("只有学校资助工作人员可以拟定、公示和报送资助名单");
        }
    }

    private void RequireOwnSchool(string scopePath)
    {
        if (db.Actor.ScopePath != scopePath)
        {
            throw AppException.Forbidden("只能办理本校的资助名单");
        }
    }

    private static ItemEligibility Of(AidEligibilityExplanation a, AidItem item) => item == AidItem.Grant ? a.Grant : a.Waiver;


    private static string Required(string? value, string field, string message, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            throw AppException.Invalid(field, message);
        }

        return v.Length <= max ? v : throw AppException.Invalid(field, $"不能超过 {max} 字");
    }

    private static string Names(List<string> names) =>
        names.Count <= NamesShown ? string.Join("、", names) : $"{string.Join("、", names.Take(NamesShown))} 等";


    private static bool IsOncePerTermViolation(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("ux_aid_entries_once_per_term", StringComparison.Ordinal) || e.Message.Contains("aid_entries.PersonKey", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该名单已被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (IsOncePerTermViolation(ex))
        {
            throw AppException.Conflict("同一学生同一学期同一资助项目只能审核通过一次");
        }
        catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains("ux_aid_rounds_school_term_item", StringComparison.Ordinal) == true
                                           || ex.InnerException?.Message.Contains("aid_rounds.SchoolId", StringComparison.Ordinal) == true)
        {
            throw AppException.Conflict("本校该学期该资助项目的名单已建立，请在原名单上修改");
        }
    }
}

public sealed record AidReviewResult(Guid RoundId, int Approved, int Rejected, int Undecided, AidRoundState State);
