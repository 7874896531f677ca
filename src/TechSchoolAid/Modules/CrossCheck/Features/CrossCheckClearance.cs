using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// The school's aid staff clear their own case (CHK-1): keep (the other side is wrong), withdraw here (the approved line
/// here is revoked through Aid's contract), or transferred; always with a note and an evidence file. The case, the
/// evidence, the aid line and the audit events are saved in one transaction; a refusal writes nothing.
/// </summary>
public sealed class CrossCheckClearance(TsaDbContext db, IApprovedAidLines aidLines, TimeProvider clock)
{
    /// <summary>POST /crosscheck/cases/{id}/clearance and GET /crosscheck/cases/{id}/evidence.</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/cases/{id:guid}/clearance", async (Guid id, IFormFile? file, [FromForm] ClearanceAction? action, [FromForm] string? note,
            CrossCheckClearance clearance, CrossCheckQueries q, CancellationToken ct) =>
        {
            var content = file is null ? null : await EvidenceUpload.ReadAsync(file, "证明材料", ct);

            await clearance.ClearAsync(id, new ClearanceInput(action, note, file?.FileName, content), ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary("学校资助工作人员清理比对结果：保留（对方有误）、本校撤销、已转学；须填写说明并上传证明材料")
            .RequireAccess(CrossCheckAccess.Clear)
            .DisableAntiforgery().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413)
            .ProducesProblem(428).Versioned<CrossCheckCase>();
        g.MapGet("/cases/{id:guid}/evidence", async (Guid id, CrossCheckQueries q, CrossCheckClearance clearance, CancellationToken ct) =>
        {
            await q.DetailAsync(id, ct);
            var (name, type, content) = await clearance.EvidenceAsync(id, ct);
            return new EvidenceFile(name, type, content).ToResult();
        }).WithSummary("下载清理证明材料").RequirePermission(Permission.ViewStudents).ProducesFile(FileResponses.Evidence).ProducesProblem(404);
    }

    public async Task<CrossCheckCase> ClearAsync(Guid caseId, ClearanceInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(CrossCheckAccess.Clear);
        var c = await db.Set<CrossCheckCase>().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw AppException.NotFound("比对结果");
        actor.Demand(CrossCheckAccess.ClearOwnCase, c.ScopePath);
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

        // The case refuses a second clearance itself (409) before the file is looked at or the aid line touched.
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var late = c.IsOverdue(today);
        var evidenceId = Guid.CreateVersion7();
        c.Clear(input.Action!.Value, note, evidenceId, actor.UserName, now, today);
        var file = EvidenceUpload.Check(input.Content!, input.FileName, "证明材料");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (input.Action == ClearanceAction.WithdrawHere)
        {
            await aidLines.RevokeAsync(c.EntryId, $"比对结果清理：{note}", ct);
        }

        db.Add(new CrossCheckEvidence(evidenceId, c.Id, c.ScopePath, file.FileName, file.ContentType, input.Content!, file.Sha256, actor.UserName, now));
        db.Record(CrossCheckAuditActions.CaseCleared, c.Id.ToString(), c.ScopePath, new { state = CrossCheckCaseState.Open },
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
