using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Contracts;
using TechSchoolAid.Modules.Audit.Contracts;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Audit.Features;

/// <summary>The audit log's filters (AUD-1; issue 13, item 9). Every one is applied in SQL, inside the caller's scope.</summary>
public sealed class AuditFilter
{
    /// <summary>One account, by its exact account name (a link from a row).</summary>
    public string? Actor { get; set; }

    /// <summary>A person: part of a name or of an account name ("王芳", "city-4401").</summary>
    public string? Person { get; set; }

    /// <summary>A school: part of its name, or its code; events on the school's records.</summary>
    public string? School { get; set; }

    /// <summary>A student: the beginning of the name, or the 学籍号; events whose subject is the student.</summary>
    public string? Student { get; set; }

    /// <summary>An action's code ("student.approved"), or a module's prefix ("student.").</summary>
    public string? Action { get; set; }

    public string? SubjectId { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }

    public int? PageSize { get; set; }
}

/// <summary>One audited event, readable: who (the person and the organisation), what (the action's Chinese name), on what, and the change as labelled fields.</summary>
public sealed record AuditEventDto(long Sequence, DateTime OccurredAt, string Actor, string ActorOrganization, string SubjectType, string SubjectId, string Action, string? OldValue, string? NewValue, string? ClientAddress)
{
    /// <summary>The action's Chinese name ("审核通过报送批次"); the code itself for events older than the catalogue.</summary>
    public string ActionName { get; init; } = "";

    /// <summary>The catalogue the action belongs to ("学籍与注册").</summary>
    public string? ModuleName { get; init; }

    /// <summary>The person who acted and the organisation, on one line ("王芳 · 广州市华信技师学院").</summary>
    public string ActorName { get; init; } = "";

    public string SubjectName { get; init; } = "";

    /// <summary>The student's name when the subject is a student the caller sees.</summary>
    public string? SubjectLabel { get; init; }

    /// <summary>The old and new values as labelled Chinese fields ("字段 · 原值 · 新值").</summary>
    public IReadOnlyList<AuditFieldRow> Fields { get; init; } = [];
}

/// <summary>The audit page and API for administrators: events in their scope, filtered and readable (AUD-1; issue 13, item 9).</summary>
public sealed class AuditQueries(TsaDbContext db, IPersonNames people)
{
    /// <summary>How many accounts, schools or students a text filter may stand for; more means the text is too vague.</summary>
    public const int MaxMatches = 200;

    private const int MaxFilterText = 50;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit-events", async ([AsParameters] AuditFilter f, AuditQueries q, CancellationToken ct) => TypedResults.Ok(await q.ListAsync(f, ct)))
            .RequireAccess(AuditAccess.View).WithTags("审计").WithSummary("审计日志（管理范围内）：按人员、学校、学生、操作和日期筛选，字段以中文显示")
            .Produces<PagedResult<AuditEventDto>>().ProducesProblem(400).ProducesProblem(403);

    public async Task<PagedResult<AuditEventDto>> ListAsync(AuditFilter f, CancellationToken ct)
    {
        db.Actor.Demand(AuditAccess.View);
        Validate(f);

        var q = db.Set<AuditEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            q = q.Where(e => e.ActorUserName == f.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.Person))
        {
            var accounts = await people.FindUserNamesAsync(f.Person, MaxMatches, ct);
            q = q.Where(e => accounts.Contains(e.ActorUserName));
        }

        if (!string.IsNullOrWhiteSpace(f.School))
        {
            var term = f.School.Trim();
            var paths = await db.Organizations()
                .Where(o => o.Level == OrgLevel.School && (o.Code == term || o.Name.Contains(term)))
                .OrderBy(o => o.Code).Select(o => o.ScopePath).Take(MaxMatches).ToListAsync(ct);
            q = q.Where(e => paths.Contains(e.ScopePath));
        }

        if (!string.IsNullOrWhiteSpace(f.Student))
        {
            var term = f.Student.Trim();
            var ids = await db.StudentRowsInScope()
                .Where(s => s.StatusNumber == term || s.Name.StartsWith(term))
                .OrderBy(s => s.Name).Select(s => s.Id).Take(MaxMatches).ToListAsync(ct);
            var subjects = ids.Select(i => i.ToString()).ToList();
            q = q.Where(e => subjects.Contains(e.SubjectId));
        }

        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            var code = f.Action.Trim();
            // A catalogued code is matched exactly (the index on the action answers it); anything else as a prefix.
            q = AuditCatalogue.Find(code) is not null ? q.Where(e => e.Action == code) : q.Where(e => e.Action.StartsWith(code));
        }

        if (!string.IsNullOrWhiteSpace(f.SubjectId))
        {
            q = q.Where(e => e.SubjectId == f.SubjectId.Trim());
        }

        if (f.From is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (f.To is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
            q = q.Where(e => e.OccurredAtUtc < toUtc);
        }

        var (page, size) = Paging.Clamp(f.Page, f.PageSize, 500);
        var total = await q.CountAsync(ct);
        var events = await q.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size)
            .Select(e => new AuditEventDto(e.Sequence, e.OccurredAtUtc, e.ActorUserName, e.ActorOrganizationCode, e.SubjectType, e.SubjectId, e.Action, e.OldValue, e.NewValue, e.ClientAddress))
            .ToListAsync(ct);
        return new PagedResult<AuditEventDto>(await ReadableAsync(events, ct), total, page, size);
    }

    /// <summary>One query for the people of the page and one for its students: never one per row.</summary>
    private async Task<List<AuditEventDto>> ReadableAsync(List<AuditEventDto> events, CancellationToken ct)
    {
        var names = await people.ResolveAsync(events.Select(e => e.Actor), ct);
        var studentIds = events.Where(e => e.SubjectType == "Student").Select(e => Guid.TryParse(e.SubjectId, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var students = studentIds.Count == 0
            ? []
            : await db.StudentRowsInScope().Where(s => studentIds.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.StatusNumber }).ToListAsync(ct);
        var studentNames = students.ToDictionary(s => s.Id.ToString(), s => s.StatusNumber is null ? s.Name : $"{s.Name}（{s.StatusNumber}）", StringComparer.Ordinal);
        return events.Select(e =>
        {
            var action = AuditCatalogue.Find(e.Action);
            return e with
            {
                ActionName = action?.Name ?? e.Action,
                ModuleName = action is null ? null : AuditCatalogue.ModuleOf(action),
                ActorName = names.TryGetValue(e.Actor, out var p) ? p.Line : e.Actor,
                SubjectName = AuditFieldLabels.Subjects.GetValueOrDefault(e.SubjectType, e.SubjectType),
                SubjectLabel = studentNames.GetValueOrDefault(e.SubjectId),
                Fields = AuditValueReader.Read(e.Action, e.OldValue, e.NewValue),
            };
        }).ToList();
    }

    private static void Validate(AuditFilter f)
    {
        // The page's date pickers reach here without the API's filter; 0001-01-01 minus eight hours was a 500.
        InputGuard.RequireDates(("from", f.From), ("to", f.To));
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (field, label, value) in new[] { ("person", "人员", f.Person), ("school", "学校", f.School), ("student", "学生", f.Student), ("actor", "账号", f.Actor), ("action", "操作", f.Action), ("subjectId", "对象", f.SubjectId) })
        {
            if (value is not null && InputGuard.TextProblem(value, MaxFilterText) is { } problem)
            {
                errors[field] = [$"{label}{problem}"];
            }
        }

        if (f.From is { } from && f.To is { } to && from > to)
        {
            errors["to"] = [$"结束日期（{ChinaTime.Iso(to)}）早于开始日期（{ChinaTime.Iso(from)}）"];
        }

        InputGuard.ThrowIfAny(errors);
    }
}
