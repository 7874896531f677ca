using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Inspections.Features.Checklist;

public sealed class SelfInspectionItemInput
{
    public string? Key { get; set; }

    public Conclusion? Conclusion { get; set; }

    public string? Note { get; set; }
}

public sealed class SelfInspectionInput
{
    public int? Year { get; set; }

    /// <summary>One conclusion per checklist item (every item).</summary>
    public List<SelfInspectionItemInput>? Items { get; set; }
}

/// <summary>The school submits its self-inspection (自查) against the whole checklist for a year, before the visit (INS-1).</summary>
public sealed class SubmitSelfInspection(TsaDbContext db, SchoolDirectory schools, InspectionSupport support, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/self-inspections", (SelfInspectionInput input, SubmitSelfInspection submit, CancellationToken ct) => submit.HandleAsync(input, ct))
            .RequireAccess(InspectionAccess.Answer)
            .WithSummary("学校提交年度自查（逐项：符合/基本符合/不符合及说明；须在检查前提交）")
            .Produces<SelfInspectionView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        g.MapGet("/self-inspections", (string schoolCode, int year, SubmitSelfInspection get, CancellationToken ct) => get.GetAsync(schoolCode, year, ct))
            .RequireAccess(InspectionAccess.View)
            .WithSummary("查看学校某年度的自查（未提交时为空）")
            .Produces<SelfInspectionView>().Produces(204).ProducesProblem(403).ProducesProblem(404);
    }

    public async Task<SelfInspectionView> HandleAsync(SelfInspectionInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(InspectionAccess.Answer, actor.ScopePath);
        var today = support.Today;
        var items = await support.ChecklistAsync(ct);
        if (input.Year is not { } year || year < today.Year - 1 || year > today.Year + 1)
        {
            throw AppException.Invalid("year", $"自查年度应为 {today.Year - 1} 至 {today.Year + 1} 年之间");
        }

        var given = input.Items ?? [];
        var unknown = given.Where(i => i.Key is null || !items.ContainsKey(i.Key)).Select(i => i.Key ?? "（空）").ToList();
        if (unknown.Count > 0)
        {
            throw AppException.Invalid("items", $"检查清单中没有这些项目：{string.Join("、", unknown.Take(5))}");
        }

        var missing = items.Values.Where(i => given.All(g => g.Key != i.Key || g.Conclusion is null)).Select(i => i.Text).ToList();
        if (missing.Count > 0)
        {
            throw AppException.Invalid("items", $"请对每一项给出自查结论，尚缺：{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? $" 等{missing.Count}项" : "")}");
        }

        if (given.GroupBy(i => i.Key).Any(g => g.Count() > 1))
        {
            throw AppException.Invalid("items", "同一检查项只能填写一次");
        }

        if (given.FirstOrDefault(i => (i.Note ?? "").Trim().Length > SelfInspection.MaxNoteLength) is { } longNote)
        {
            throw AppException.Invalid("items", $"检查项“{items[longNote.Key!].Text}”的说明不能超过 {SelfInspection.MaxNoteLength} 个字符");
        }

        var school = await schools.ForWriteAsync(actor.OrganizationCode, ct);
        if (await db.Set<InspectionVisit>().AnyAsync(v => v.TargetId == school.Id && v.Year == year && v.Kind == VisitKind.Planned, ct))
        {
            throw AppException.Conflict($"{year}年的检查已经进行，自查须在检查前提交");
        }

        if (await db.Set<SelfInspection>().AnyAsync(s => s.SchoolId == school.Id && s.Year == year, ct))
        {
            throw AppException.Conflict($"本校{year}年自查已提交");
        }

        var self = new SelfInspection(Guid.CreateVersion7(), school.Id, school.Code, school.ScopePath, year, actor.UserName, support.NowUtc);
        foreach (var i in given)
        {
            self.Add(i.Key!, i.Conclusion!.Value, string.IsNullOrWhiteSpace(i.Note) ? null : i.Note.Trim());
        }

        db.Add(self);
        db.Record(InspectionAuditActions.SelfInspectionSubmitted, self.Id.ToString(), self.ScopePath, null,
            new { year, items = self.Items.Select(i => new { i.ItemKey, i.Conclusion }) }, clock);
        await support.SaveAsync($"本校{year}年自查已提交", ct);
        return ToView(self, items);
    }

    public async Task<IResult> GetAsync(string schoolCode, int year, CancellationToken ct) =>
        await FindAsync(schoolCode, year, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NoContent();

    /// <summary>The school's self-inspection of the year, or null when not submitted.</summary>
    public async Task<SelfInspectionView?> FindAsync(string schoolCode, int year, CancellationToken ct)
    {
        db.Actor.Demand(InspectionAccess.View);
        var school = await schools.ForReadAsync(schoolCode, ct);
        var self = await db.Set<SelfInspection>().AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.SchoolId == school.Id && s.Year == year, ct);
        return self is null ? null : ToView(self, await support.ChecklistAsync(ct));
    }

    public static SelfInspectionView ToView(SelfInspection s, IReadOnlyDictionary<string, ChecklistItem> items) =>
        new(s.Id, s.SchoolCode, s.Year, s.SubmittedBy, s.SubmittedAtUtc,
            s.Items.OrderBy(i => items.TryGetValue(i.ItemKey, out var c) ? c.Order : int.MaxValue)
                .Select(i => new SelfInspectionItemView(i.ItemKey, items.TryGetValue(i.ItemKey, out var c) ? c.Text : i.ItemKey, i.Conclusion, i.Conclusion.ToChinese(), i.Note))
                .ToList());
}
