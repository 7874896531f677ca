using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.PublicSite.Contracts;
using TechSchoolAid.Modules.PublicSite.Domain;

namespace TechSchoolAid.Modules.PublicSite.Features.Complaints;

public sealed record ComplaintDeadlineView(Guid Id, ComplaintKind Kind, string KindText, int AnswerWorkingDays, DateOnly ValidFrom, string Source, string RecordedBy);

/// <summary>The answer deadlines, every dated row with its source (the row in force on a filing day applies).</summary>
public sealed class ListComplaintDeadlines(TsaDbContext db)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/", async (ListComplaintDeadlines q, CancellationToken ct) => TypedResults.Ok(await q.HandleAsync(ct)))
            .WithSummary("咨询投诉答复时限（按类别、生效日期和依据）").RequirePermission(Permission.HandleComplaints)
            .Produces<IReadOnlyList<ComplaintDeadlineView>>().ProducesProblem(403);

    public async Task<IReadOnlyList<ComplaintDeadlineView>> HandleAsync(CancellationToken ct)
    {
        var rows = await db.Set<ComplaintDeadline>().AsNoTracking().OrderBy(d => d.Kind).ThenByDescending(d => d.ValidFrom).ToListAsync(ct);
        return rows.Select(d => new ComplaintDeadlineView(d.Id, d.Kind, d.Kind.ToChinese(), d.AnswerWorkingDays, d.ValidFrom, d.Source, d.RecordedBy)).ToList();
    }
}
