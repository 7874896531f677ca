using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>
/// What the class batches of AID-1 share (issue 13 item 12): the selected students of one class of the actor's own school,
/// loaded at the versions the clerk saw, and the all-or-nothing rule — every student is checked by the assessment's own
/// guard first, and one refusal refuses the batch with every refused student named; nothing is written.
/// </summary>
public sealed class HardshipClassBatch(TsaDbContext db, HardshipSteps steps)
{
    /// <summary>The most students one batch acts on (a class is smaller; a whole grade by mistake is refused).</summary>
    public const int MaxStudents = 200;

    /// <summary>The selected current assessments of the class, tracked, in the class's order; every bad input is a 400 naming its field.</summary>
    public async Task<List<HardshipAssessment>> LoadAsync(HardshipClassBatchInput input, CancellationToken ct)
    {
        steps.DemandStaff();
        if (input.SchoolYear is not { } year || year is < 2000 or > 2100)
        {
            throw AppException.Invalid("schoolYear", "请填写正确的学年（如 2026 表示 2026-2027 学年）");
        }

        var className = input.ClassName?.Trim();
        if (string.IsNullOrEmpty(className) || className.Length > 50)
        {
            throw AppException.Invalid("className", "请选择班级");
        }

        var selected = input.Students ?? [];
        if (selected.Count == 0)
        {
            throw AppException.Invalid("students", "请至少选择一名学生");
        }

        if (selected.Count > MaxStudents)
        {
            throw AppException.Invalid("students", $"一次最多办理 {MaxStudents} 名学生");
        }

        if (selected.Any(s => s.Id is null || s.Version is null))
        {
            throw AppException.Invalid("students", "每名学生须带认定编号和列表中的版本号");
        }

        var ids = selected.Select(s => s.Id!.Value).ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            throw AppException.Invalid("students", "同一名学生被选择了两次");
        }

        var path = db.Actor.ScopePath;
        var mine = db.Set<HardshipAssessment>().Where(a => a.ScopePath == path && a.SchoolYear == year && a.SupersededAtUtc == null);
        if (!await mine.AnyAsync(a => a.ClassName == className, ct))
        {
            throw AppException.Invalid("className", $"本校{HardshipTexts.SchoolYearText(year)}没有班级“{className}”的家庭经济困难认定申请");
        }

        var found = await mine.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var outside = found.Where(a => a.ClassName != className).Select(a => a.StudentName).ToList();
        if (found.Count != ids.Count || outside.Count > 0)
        {
            var missing = ids.Count - found.Count;
            var parts = new List<string>();
            if (outside.Count > 0)
            {
                parts.Add($"{string.Join("、", outside)} 不在班级“{className}”");
            }

            if (missing > 0)
            {
                parts.Add($"{missing} 份认定不存在、已被重新认定替代或不是本校本学年的");
            }

            throw AppException.Invalid("students", $"所选学生有误：{string.Join("；", parts)}");
        }

        foreach (var a in found)
        {
            db.Actor.Demand(HardshipAccess.ManageOwnSchool, a.ScopePath);
        }

        var versions = selected.ToDictionary(s => s.Id!.Value, s => s.Version!.Value);
        var changed = found.Where(a => a.RowVersion != versions[a.Id]).Select(a => a.StudentName).ToList();
        if (changed.Count > 0)
        {
            throw AppException.Conflict($"以下学生的认定已被他人修改，请刷新后重试（本次未作任何更改）：{string.Join("、", changed)}");
        }

        return found.OrderBy(a => a.StudentName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Asks each assessment's guard; one refusal refuses the batch, naming every refused student and why.</summary>
    public static void RequireAll(IReadOnlyList<HardshipAssessment> batch, Action<HardshipAssessment> guard, string step)
    {
        var refused = new List<string>();
        foreach (var a in batch)
        {
            try
            {
                guard(a);
            }
            catch (AppException ex) when (ex.Kind == ErrorKind.Conflict)
            {
                refused.Add($"{a.StudentName}（{ex.Message}）");
            }
        }

        if (refused.Count > 0)
        {
            throw AppException.Conflict($"以下 {refused.Count} 名学生不能{step}，本次未作任何更改：{string.Join("；", refused)}");
        }
    }

    public static HardshipBatchResult Result(string className, string step, IReadOnlyList<HardshipAssessment> batch) =>
        new(className, step, batch.Count, batch.Select(a => a.StudentName).ToList());
}
