using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.StatusChanges.Contracts;
using TechSchoolAid.Modules.StatusChanges.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.StatusChanges.Features;

public sealed record ReasonRequest(string? Reason);

/// <summary>
/// What the steps of STA-1 share: loading a change in the caller's scope, reaching a transfer's other row (in the other
/// school's scope, by name), the history line, the save that maps the one-pending index, and the record rules.
/// </summary>
public sealed class StatusChangeSteps(TsaDbContext db, TimeProvider clock)
{
    /// <summary>Why a transfer may read and write the other school's row: the caller's rights on its own row were checked first.</summary>
    public const string TransferReason = "a transfer's other side: the receiving or sending school's row, after the caller's rights on this row were checked";

    public async Task<StatusChange> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<StatusChange>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw AppException.NotFound("学籍异动");

    /// <summary>A transfer's other row: in the other school's scope, reached only after this row's rights were checked.</summary>
    public async Task<StatusChange> CounterpartAsync(StatusChange change, CancellationToken ct) =>
        await db.Unscoped<StatusChange>(TransferReason).FirstOrDefaultAsync(c => c.Id == change.CounterpartId, ct)
        ?? throw AppException.Conflict("转学的另一方记录不存在");

    /// <summary>
    /// Lets the human actor write the other school's side of a transfer (its row, its history, its audit event, the
    /// continued record) until disposed; the actor stays the human, so every event carries who acted.
    /// </summary>
    public IDisposable AcrossSchools(string otherScopePath) => db.WritesUnscoped(otherScopePath, TransferReason);

    public void History(StatusChange change, string action, string? note) =>
        db.Add(new StatusChangeEvent(change.Id, change.ScopePath, action, db.Actor.UserName, clock.GetUtcNow().UtcDateTime, note));

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException?.Message.Contains("UNIQUE constraint failed: status_changes.", StringComparison.Ordinal) == true
                                           || ex.InnerException?.Message.Contains("ux_status_changes_one_pending", StringComparison.Ordinal) == true)
        {
            throw AppException.Conflict("该学生已有一条同类的未办结异动（刚被其他用户登记）");
        }
    }

    public static string RequireReason(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Invalid("reason", $"{what}必须填写原因");
        }

        if (reason.Trim().Length > 500)
        {
            throw AppException.Invalid("reason", $"{what}原因不能超过 500 字");
        }

        return reason.Trim();
    }

    /// <summary>The record must be in a status from which this kind of change can happen (the "not active" rule).</summary>
    public static void RequireStatusAllows(StatusChangeKind kind, StudentStatusInfo s)
    {
        if (!s.RegistrationApproved || s.Status == EnrolmentStatus.Pending)
        {
            throw AppException.Conflict($"{s.Name} 的学籍注册尚未审核通过，不能办理学籍异动");
        }

        var allowed = kind switch
        {
            StatusChangeKind.Resumption => s.Status is EnrolmentStatus.Suspended or EnrolmentStatus.Reserved,
            StatusChangeKind.Withdrawal or StatusChangeKind.Expulsion or StatusChangeKind.Death =>
                s.Status is EnrolmentStatus.Active or EnrolmentStatus.Suspended or EnrolmentStatus.Reserved,
            _ => s.Status == EnrolmentStatus.Active,
        };
        if (allowed)
        {
            return;
        }

        throw AppException.Conflict(kind == StatusChangeKind.Resumption
            ? $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，没有休学或保留学籍，不能办理复学"
            : $"{s.Name} 当前学籍状态为「{s.Status.ToChinese()}」，不是在籍学生，不能办理{kind.ToChinese()}");
    }

    public static EnrolmentStatus TargetStatus(StatusChangeKind kind) => kind switch
    {
        StatusChangeKind.Suspension => EnrolmentStatus.Suspended,
        StatusChangeKind.Reservation => EnrolmentStatus.Reserved,
        StatusChangeKind.Resumption => EnrolmentStatus.Active,
        StatusChangeKind.Withdrawal => EnrolmentStatus.Withdrawn,
        StatusChangeKind.Expulsion => EnrolmentStatus.Expelled,
        StatusChangeKind.Death => EnrolmentStatus.Deceased,
        StatusChangeKind.Completion => EnrolmentStatus.Completed,
        StatusChangeKind.Transfer => EnrolmentStatus.TransferredOut,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind does not change the status."),
    };
}
