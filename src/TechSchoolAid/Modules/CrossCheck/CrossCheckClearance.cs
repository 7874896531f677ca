using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck;

public sealed record ClearanceInput(ClearanceAction? Action, string? Note, string? FileName, byte[]? Content);

/// <summary>
/// The school's aid staff clear their own case (CHK-1): keep (the other side is wrong), withdraw here (the approved line
/// here is withdrawn through the Aid rounds workflow), or transferred; always with a note and an evidence file. The case,
/// the evidence, the aid line and the audit events are saved in one transaction; a refusal writes nothing.
/// </summary>
public sealed class CrossCheckClearance(TsaDbContext db, AidRoundWorkflow aid, TimeProvider clock)
{
    public async Task<CrossCheckCase> ClearAsync(Guid caseId, ClearanceInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        if (actor.Level != OrgLevel.School || !actor.Can(Permission.ManageAidRounds))
        {
            throw AppException.Forbidden("只有学校资助工作人员可以清理比对结果");
        }

        var c = await db.Set<CrossCheckCase>().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw AppException.NotFound("比对结果");
        if (c.ScopePath != actor.ScopePath)
        {
            throw AppException.Forbidden("只能清理本校的比对结果");
        }

        var errors = new Dictionary<string, string[]>();
        if (input.Action is not { } action || !Enum.IsDefined(action))
        {
            errors["action"] = ["请选择清理方式（保留、本校撤销或已转学）"];
        }

        var note = input.Note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["note"] = ["请填写核实情况说明"];
        }
        else if (note.Length > 1000)
        {
            errors["note"] = ["核实情况说明不能超过 1000 字"];
        }

        if (input.Content is not { Length: > 0 })
        {
            errors["file"] = ["请上传证明材料（PDF、JPG 或 PNG）"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        if (c.State != CrossCheckCaseState.Open)
        {
            throw AppException.Conflict($"该比对结果已清理（{c.State.ToChinese()}），不能重复处理");
        }

        var file = EvidenceUpload.Check(input.Content!, input.FileName, "证明材料");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (input.Action == ClearanceAction.WithdrawHere)
        {
            await aid.RevokeApprovedAsync(c.EntryId, $"比对结果清理：{note}", ct);
        }

        var evidence = new CrossCheckEvidence(Guid.CreateVersion7(), c.Id, c.ScopePath, file.FileName, file.ContentType, input.Content!, file.Sha256, actor.UserName, now);
        db.Add(evidence);
        var late = c.IsOverdue(today);
        c.Clear(input.Action!.Value, note, evidence.Id, actor.UserName, now, today);
        db.Record("crosscheck.case_cleared", MonthlyCrossCheck.Subject, c.Id.ToString(), c.ScopePath, new { state = CrossCheckCaseState.Open },
            new { state = c.State, action = input.Action, note, file = file.FileName, sha256 = file.Sha256, late, due = ChinaTime.Iso(c.DueDate) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("该比对结果刚被他人处理，请刷新后查看");
        }

        await tx.CommitAsync(ct);
        return c;
    }

    public async Task<(string FileName, string ContentType, byte[] Content)> EvidenceAsync(Guid caseId, CancellationToken ct)
    {
        var f = await db.Set<CrossCheckEvidence>().AsNoTracking().Where(e => e.CaseId == caseId).OrderByDescending(e => e.UploadedAtUtc)
            .Select(e => new { e.FileName, e.ContentType, e.Content }).FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("证明材料");
        return (f.FileName, f.ContentType, f.Content);
    }
}
