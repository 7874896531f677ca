using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Inspections.Domain;

namespace TechSchoolAid.Modules.Inspections.Features.Visits;

public sealed class FindingInput
{
    /// <summary>The checklist item's key.</summary>
    public string? ItemKey { get; set; }

    public Conclusion? Conclusion { get; set; }

    public string? Text { get; set; }

    /// <summary>Whether the school must put it right: a rectification task is created, due in the policy's working days.</summary>
    public bool NeedsRectification { get; set; }
}

/// <summary>Validates findings and records them on a visit, each needing rectification with its task due in official working days (policy data).</summary>
public sealed class FindingWriter(TsaDbContext db, InspectionSupport support, WorkingDays workingDays, TimeProvider clock)
{
    /// <summary>Checks every finding before anything is written; errors name the finding ("findings[1].text").</summary>
    public async Task ValidateAsync(IReadOnlyList<FindingInput> findings, string prefix, CancellationToken ct)
    {
        var items = await support.ChecklistAsync(ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            var at = prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            if (f.ItemKey is null || !items.ContainsKey(f.ItemKey))
            {
                errors[$"{at}itemKey"] = ["请选择检查清单中的检查项"];
            }

            if (f.Conclusion is not { } c || !Enum.IsDefined(c))
            {
                errors[$"{at}conclusion"] = ["请选择检查结论（符合/基本符合/不符合）"];
            }

            if (string.IsNullOrWhiteSpace(f.Text))
            {
                errors[$"{at}text"] = ["请填写检查发现的具体情况"];
            }
            else if (f.Text.Trim().Length > Finding.MaxTextLength)
            {
                errors[$"{at}text"] = [$"检查发现不能超过 {Finding.MaxTextLength} 个字符"];
            }
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }
    }

    /// <summary>Adds the (validated) findings to the visit, with their rectification tasks; audited.</summary>
    public async Task<List<Finding>> AddAsync(InspectionVisit visit, IReadOnlyList<FindingInput> findings, CancellationToken ct)
    {
        var added = new List<Finding>();
        if (findings.Count == 0)
        {
            return added;
        }

        var today = support.Today;
        var policy = await support.PolicyAsync(today, ct);
        var now = support.NowUtc;
        foreach (var f in findings)
        {
            var finding = visit.AddFinding(f.ItemKey!, f.Conclusion!.Value, f.Text!, f.NeedsRectification, db.Actor.UserName, now);
            db.Add(finding);
            db.Record(InspectionAuditActions.FindingRecorded, visit.Id.ToString(), visit.ScopePath, null,
                new { finding.Id, finding.ItemKey, finding.Conclusion, finding.Text, finding.NeedsRectification }, clock);
            if (finding.NeedsRectification)
            {
                // Due in the policy's working days (inspection_policies.RectificationWorkingDays, 20 by default) on the official calendar.
                var due = workingDays.AddWorkingDays(today, policy.RectificationWorkingDays);
                var task = new RectificationTask(Guid.CreateVersion7(), finding.Id, visit.Id, visit.Year, visit.TargetId, visit.TargetCode, visit.TargetName, visit.ScopePath,
                    finding.ItemKey, finding.Text, due);
                db.Add(task);
                db.Record(InspectionAuditActions.RectificationCreated, task.Id.ToString(), task.ScopePath, null,
                    new { task.FindingId, task.SchoolCode, task.ItemKey, dueOn = due, policy.RectificationWorkingDays }, clock);
            }

            added.Add(finding);
        }

        return added;
    }
}
