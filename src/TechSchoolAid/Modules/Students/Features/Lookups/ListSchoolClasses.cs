using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Lookups;

/// <summary>One class of a school as the class picker lists it: its name and how many students it has (of every status).</summary>
public sealed record ClassPick(string Name, int Students);

/// <summary>The class picker's answer: at most <see cref="LookupText.Cap"/> classes and whether there are more.</summary>
public sealed record ClassLookupResult(IReadOnlyList<ClassPick> Items, bool More);

/// <summary>
/// A school's distinct class names with their counts (issue 13 item 3, docs/adr/0026-pickers.md), optionally those
/// containing a text, within the caller's scope: a school outside it has no classes (an empty answer, like the lists).
/// Read from the (SchoolCode, ClassName, Name) index alone.
/// </summary>
public sealed class ListSchoolClasses(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder schools) =>
        schools.MapGet("/classes", (string schoolCode, [Microsoft.AspNetCore.Mvc.FromQuery] string? q, ListSchoolClasses list, CancellationToken ct) =>
                list.HandleAsync(schoolCode, q, ct))
            .RequireAccess(StudentAccess.View)
            .WithSummary("选择班级：本校的班级名称及人数（可按名称查找，最多 20 个）")
            .Produces<ClassLookupResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public async Task<ClassLookupResult> HandleAsync(string schoolCode, string? text, CancellationToken ct)
    {
        db.Actor.Demand(StudentAccess.View);
        var school = LookupText.Checked(schoolCode, "schoolCode");
        var term = LookupText.Checked(text);
        if (school is null)
        {
            return new ClassLookupResult([], false);
        }

        var q = db.Set<StudentRecord>().AsNoTracking().Where(s => s.SchoolCode == school);
        if (term is not null)
        {
            q = q.Where(s => s.ClassName.Contains(term));
        }

        var classes = await q.GroupBy(s => s.ClassName)
            .Select(g => new { Name = g.Key, Students = g.Count() })
            .OrderBy(c => c.Name).Take(LookupText.Cap + 1).ToListAsync(ct);
        return new ClassLookupResult(classes.Take(LookupText.Cap).Select(c => new ClassPick(c.Name, c.Students)).ToList(), classes.Count > LookupText.Cap);
    }
}
