using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.StatusChanges.Features.KindRules;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

/// <summary>What a clerk enters for a change. Everything optional so that the handler says in Chinese what is missing.</summary>
public sealed class StatusChangeInput
{
    public StatusChangeKind? Kind { get; set; }

    /// <summary>The day the change happened; for a suspension its 生效日期.</summary>
    public DateOnly? OccurredOn { get; set; }

    /// <summary>Suspension: the expected return (预计复学日期), after <see cref="OccurredOn"/>, within the kind rule's longest period.</summary>
    public DateOnly? ExpectedReturnOn { get; set; }

    public string? Reason { get; set; }

    /// <summary>Transfer: the receiving school's code (any province).</summary>
    public string? ToSchoolCode { get; set; }

    /// <summary>Change of major: the new major.</summary>
    public string? NewMajor { get; set; }

    public bool? NewMajorIsAgricultural { get; set; }

    /// <summary>Change of major: whether the new major is a performing-arts one (AID-4); none when omitted.</summary>
    public MajorArts? NewMajorArts { get; set; }

    /// <summary>Repeat (or change of major): the new class, if it changes.</summary>
    public string? NewClassName { get; set; }
}

/// <summary>An evidence file sent with a new change: its name as uploaded and its bytes (checked by <see cref="EvidenceUpload.Check"/>).</summary>
public sealed record NewEvidence(string FileName, byte[] Content);

/// <summary>
/// STA-1: the school's records staff enter a change for a student of their own school (a draft, with its due date), with
/// its evidence files if they have them: the change and its files are saved in one transaction, all or nothing.
/// </summary>
public sealed class EnterStatusChange(
    TsaDbContext db, StudentLifecycle students, StatusChangeDeadlines deadlines, StatusChangeSteps steps, StatusChangeKindRules rules, TimeProvider clock)
{
    private static readonly StatusChangeState[] Pending = [StatusChangeState.Draft, StatusChangeState.Submitted, StatusChangeState.Accepted, StatusChangeState.Returned];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/students/{id:guid}/status-changes", async (Guid id, StatusChangeInput input, EnterStatusChange enter, GetStatusChangeDetail detail, CancellationToken ct) =>
        {
            var change = await enter.HandleAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/status-changes/{change.Id}", await detail.GetAsync(change.Id, ct));
        }).WithTags("学籍异动").WithSummary("登记一条学籍异动（返回含 dueDate 的异动）").RequireAccess(StatusChangeAccess.Enter)
            .Produces<StatusChangeDto>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    /// <summary>
    /// The same entry as a multipart form: the change's fields as form fields and any number (at most
    /// <see cref="AddStatusChangeEvidence.MaxFilesPerChange"/>) of <c>files</c>. One call, one transaction: a bad file
    /// refuses the whole entry with 400 and nothing is written.
    /// </summary>
    public static void MapWithEvidence(IEndpointRouteBuilder api) =>
        api.MapPost("/students/{id:guid}/status-changes/with-evidence", async (
            Guid id, [FromForm] StatusChangeKind? kind, [FromForm] DateOnly? occurredOn, [FromForm] DateOnly? expectedReturnOn, [FromForm] string? reason,
            [FromForm] string? toSchoolCode, [FromForm] string? newMajor, [FromForm] bool? newMajorIsAgricultural, [FromForm] MajorArts? newMajorArts,
            [FromForm] string? newClassName, IFormFileCollection files, EnterStatusChange enter, GetStatusChangeDetail detail, CancellationToken ct) =>
        {
            var input = new StatusChangeInput
            {
                Kind = kind, OccurredOn = occurredOn, ExpectedReturnOn = expectedReturnOn, Reason = reason, ToSchoolCode = toSchoolCode, NewMajor = newMajor,
                NewMajorIsAgricultural = newMajorIsAgricultural, NewMajorArts = newMajorArts, NewClassName = newClassName,
            };
            var read = new List<NewEvidence>(files.Count);
            foreach (var file in files)
            {
                read.Add(new NewEvidence(file.FileName, await EvidenceUpload.ReadAsync(file, "证明材料", ct)));
            }

            var change = await enter.HandleAsync(id, input, read, ct);
            return TypedResults.Created($"/api/v1/status-changes/{change.Id}", await detail.HandleAsync(change.Id, ct));
        }).WithTags("学籍异动").WithSummary("登记学籍异动并同时上传证明材料（multipart/form-data：异动字段 + files，PDF/JPG/PNG 各 ≤5 MB；一并保存或一并拒绝）")
            .RequireAccess(StatusChangeAccess.Enter).DisableAntiforgery()
            .Produces<StatusChangeDetail>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public Task<StatusChange> HandleAsync(Guid studentId, StatusChangeInput input, CancellationToken ct) => HandleAsync(studentId, input, [], ct);

    public async Task<StatusChange> HandleAsync(Guid studentId, StatusChangeInput input, IReadOnlyList<NewEvidence> files, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(StatusChangeAccess.Clerk);
        var student = await students.GetAsync(studentId, ct);
        actor.Demand(StatusChangeAccess.Enter, student.ScopePath);

        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        var reason = input.Reason?.Trim();
        var kind = input.Kind is { } k && Enum.IsDefined(k) ? k : (StatusChangeKind?)null;
        if (kind is null)
        {
            Error("kind", "请选择异动类型");
        }

        if (input.OccurredOn is not { } occurredOn)
        {
            Error("occurredOn", "请填写异动发生日期");
            occurredOn = today;
        }
        else if (occurredOn > today)
        {
            Error("occurredOn", $"异动发生日期 {ChinaTime.Iso(occurredOn)} 晚于今天，不能预先办理");
        }
        else if (occurredOn < (student.ContinuedOn ?? student.EnrolmentDate))
        {
            Error("occurredOn", student.ContinuedOn is { } joined
                ? $"异动发生日期不能早于转入本校的日期 {ChinaTime.Iso(joined)}"
                : $"异动发生日期不能早于入学日期 {ChinaTime.Iso(student.EnrolmentDate)}");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            Error("reason", "请填写异动原因");
        }
        else if (reason.Length > 500)
        {
            Error("reason", "异动原因不能超过 500 字");
        }

        OrgRow? target = null;
        if (kind == StatusChangeKind.Transfer)
        {
            var code = input.ToSchoolCode?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                Error("toSchoolCode", "请填写转入学校代码");
            }
            else if (code == student.SchoolCode)
            {
                Error("toSchoolCode", "转入学校不能是本校");
            }
            else
            {
                // The receiving school may be anywhere in the country: looked up outside the clerk's scope, only its name leaves.
                target = await db.AllOrganizations().Where(o => o.Code == code && o.Level == OrgLevel.School).FirstOrDefaultAsync(ct);
                if (target is null)
                {
                    Error("toSchoolCode", $"转入学校代码 {(code.Length > 20 ? code[..20] : code)} 不存在，请核对");
                }
            }
        }

        var newMajor = input.NewMajor?.Trim();
        if (kind == StatusChangeKind.MajorChange)
        {
            if (string.IsNullOrEmpty(newMajor))
            {
                Error("newMajor", "请填写转入的专业");
            }
            else if (newMajor.Length > 60)
            {
                Error("newMajor", "专业名称不能超过 60 字");
            }
            else if (newMajor == student.Major)
            {
                Error("newMajor", "新专业与现专业相同");
            }
        }

        var newClass = input.NewClassName?.Trim();
        if (newClass is { Length: > 50 })
        {
            Error("newClassName", "班级名称不能超过 50 字");
        }

        var rule = kind is { } kr ? await rules.ApplyingAsync(kr, student.ScopePath, occurredOn, ct) : null;
        if (kind == StatusChangeKind.Suspension)
        {
            if (input.ExpectedReturnOn is not { } back)
            {
                Error("expectedReturnOn", "请填写预计复学日期");
            }
            else if (back <= occurredOn)
            {
                Error("expectedReturnOn", $"预计复学日期应晚于休学生效日期 {ChinaTime.Iso(occurredOn)}");
            }
            else if (rule?.MaxMonths is { } months && back > occurredOn.AddMonths(months))
            {
                Error("expectedReturnOn", $"休学期限不能超过 {months} 个月：预计复学日期最晚为 {ChinaTime.Iso(occurredOn.AddMonths(months))}");
            }
        }
        else if (input.ExpectedReturnOn is not null && kind is not null)
        {
            Error("expectedReturnOn", "只有休学需要填写预计复学日期");
        }

        var checkedFiles = CheckFiles(files, Error);
        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        StatusChangeSteps.RequireStatusAllows(kind!.Value, student);
        await RequireNoPendingAsync(student, kind.Value, ct);

        var schoolName = await db.AllOrganizations().Where(o => o.Id == student.SchoolId).Select(o => o.Name).FirstAsync(ct);
        var due = await deadlines.DueDateAsync(occurredOn, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var change = new StatusChange(Guid.CreateVersion7(), kind.Value, kind == StatusChangeKind.Transfer ? TransferSide.Out : TransferSide.None, student, schoolName, occurredOn, due, reason!, actor.UserName, now);
        if (target is not null)
        {
            change.SetTransferTarget(target.Code, target.Name);
        }

        if (kind == StatusChangeKind.MajorChange)
        {
            if (input.NewMajorArts is { } arts && !Enum.IsDefined(arts))
            {
                throw AppException.Invalid("newMajorArts", "表演艺术类专业应为：否、艺术类表演专业或戏曲表演专业");
            }

            change.SetMajor(newMajor!, input.NewMajorIsAgricultural ?? false, input.NewMajorArts ?? MajorArts.None);
        }

        if (kind == StatusChangeKind.Suspension)
        {
            change.SetSuspensionPeriod(input.ExpectedReturnOn!.Value, rule?.MaxMonths);
        }

        change.SetClass(string.IsNullOrEmpty(newClass) ? null : newClass);
        db.Add(change);
        steps.History(change, "entered", null);
        db.Record(StatusChangeAuditActions.Entered, change.Id.ToString(), change.ScopePath, null,
            new
            {
                kind, student = student.Name, occurredOn = ChinaTime.Iso(occurredOn), dueDate = ChinaTime.Iso(due), to = target?.Code,
                expectedReturnOn = change.ExpectedReturnOn is { } r ? ChinaTime.Iso(r) : null, evidence = checkedFiles.Count,
            }, clock);
        foreach (var (file, upload) in checkedFiles)
        {
            // Saved with the change, in the same SaveChanges: a change is never stored without the files it was entered with.
            db.Add(new StatusChangeEvidence(Guid.CreateVersion7(), change.Id, change.ScopePath, upload.FileName, upload.ContentType, file.Content, upload.Sha256, actor.UserName, now));
            db.Add(new StatusChangeEvent(change.Id, change.ScopePath, "evidence", actor.UserName, now, upload.FileName));
            db.Record(StatusChangeAuditActions.EvidenceAdded, change.Id.ToString(), change.ScopePath, null,
                new { file = upload.FileName, size = file.Content.Length, sha256 = upload.Sha256 }, clock);
        }

        await steps.SaveAsync(ct);
        return change;
    }

    /// <summary>Every file is checked before anything is written (type by content, size, count); each bad one is named.</summary>
    private static List<(NewEvidence File, CheckedUpload Upload)> CheckFiles(IReadOnlyList<NewEvidence> files, Action<string, string> error)
    {
        var accepted = new List<(NewEvidence, CheckedUpload)>(files.Count);
        if (files.Count > AddStatusChangeEvidence.MaxFilesPerChange)
        {
            error("files", $"每条异动最多上传 {AddStatusChangeEvidence.MaxFilesPerChange} 个证明材料（本次 {files.Count} 个）");
            return accepted;
        }

        var problems = new List<string>();
        foreach (var (file, index) in files.Select((f, i) => (f, i + 1)))
        {
            var shown = EvidenceUpload.SafeName(file.FileName, "", "证明材料");
            shown = shown[..shown.LastIndexOf('.')];
            if (file.Content.Length == 0)
            {
                problems.Add($"第 {index} 个文件「{shown}」是空文件");
            }
            else if (file.Content.Length > EvidenceUpload.MaxBytes)
            {
                problems.Add($"第 {index} 个文件「{shown}」超过 5 MB");
            }
            else if (EvidenceUpload.Sniff(file.Content) is null)
            {
                problems.Add($"第 {index} 个文件「{shown}」不是 PDF、JPG 或 PNG（按文件内容判断）");
            }
            else
            {
                accepted.Add((file, EvidenceUpload.Check(file.Content, file.FileName, "证明材料")));
            }
        }

        if (problems.Count > 0)
        {
            error("files", "证明材料有误：" + string.Join("；", problems));
        }

        return accepted;
    }

    private async Task RequireNoPendingAsync(StudentStatusInfo s, StatusChangeKind kind, CancellationToken ct)
    {
        var pending = await db.Set<StatusChange>().AsNoTracking()
            .Where(c => c.StudentId == s.Id && c.Kind == kind && c.Side != TransferSide.In && Pending.Contains(c.State))
            .Select(c => new { c.State, c.OccurredOn }).FirstOrDefaultAsync(ct);
        if (pending is not null)
        {
            throw AppException.Conflict($"{s.Name} 已有一条未办结的「{kind.ToChinese()}」异动（{ChinaTime.Iso(pending.OccurredOn)}，{pending.State.ToChinese()}），请先办结或修改该条");
        }
    }
}
