using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;

namespace TechSchoolAid.Modules.CrossCheck.Features;

/// <summary>
/// The ministry sets a new clearance deadline from a date on (today or later, after the latest row): the row before it
/// ends the day before. Cases already found keep their due dates; audited.
/// </summary>
public sealed class SetClearanceDeadline(TsaDbContext db, TimeProvider clock)
{
    public const int MaxWorkingDays = 60;

    public async Task<ClearanceDeadlineView> HandleAsync(ClearanceDeadlineInput input, CancellationToken ct)
    {
        db.Actor.Demand(CrossCheckAccess.ManageDeadlines);
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        var latest = await db.Set<ClearanceDeadline>().OrderByDescending(d => d.ValidFrom).FirstOrDefaultAsync(ct);
        if (input.ValidFrom is not { } from)
        {
            errors["validFrom"] = ["请填写生效日期"];
            from = today;
        }
        else if (from < today)
        {
            errors["validFrom"] = [$"生效日期 {ChinaTime.Iso(from)} 早于今天：已发现的比对结果按当时在用的期限计算，不能追溯修改"];
        }
        else if (latest is not null && from <= latest.ValidFrom)
        {
            errors["validFrom"] = [$"生效日期须晚于现行期限的生效日期 {ChinaTime.Iso(latest.ValidFrom)}"];
        }

        if (input.WorkingDays is not { } days || days < 1 || days > MaxWorkingDays)
        {
            errors["workingDays"] = [$"清理期限应为 1 到 {MaxWorkingDays} 个工作日"];
            days = 0;
        }

        var source = input.Source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            errors["source"] = ["请填写政策依据（文件名称、文号和条款）"];
        }
        else if (source.Length > 300)
        {
            errors["source"] = ["政策依据不能超过 300 字"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        object? old = null;
        if (latest is not null && (latest.ValidTo is null || latest.ValidTo >= from))
        {
            old = new { latest.Id, validTo = latest.ValidTo };
            latest.EndOn(from.AddDays(-1));
        }

        var row = new ClearanceDeadline(Guid.CreateVersion7(), from, null, days, source!);
        db.Add(row);
        db.Record(CrossCheckAuditActions.ClearanceDeadlineSet, row.Id.ToString(), "/", old,
            new { validFrom = ChinaTime.Iso(from), workingDays = days, source, previousEndsOn = latest?.ValidTo is { } e ? ChinaTime.Iso(e) : null }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("清理期限刚被他人修改，请刷新后重试");
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, "ux_crosscheck_clearance_deadline_from", "crosscheck_clearance_deadlines.ValidFrom"))
        {
            throw AppException.Conflict($"自 {ChinaTime.Iso(from)} 起的清理期限已经存在");
        }

        return ClearanceDeadlines.ToView(row, today);
    }

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/clearance-deadlines", async (ClearanceDeadlineInput input, SetClearanceDeadline handler, CancellationToken ct) =>
        {
            var created = await handler.HandleAsync(input, ct);
            return TypedResults.Created("/api/v1/crosscheck/clearance-deadlines", created);
        }).WithSummary("设置新的比对结果清理期限（仅部级管理员；自生效日起发现的比对结果适用，现行期限于前一日终止）")
            .Produces<ClearanceDeadlineView>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409)
            .RequireAccess(CrossCheckAccess.ManageDeadlines);
}
