using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Majors;

public sealed record MajorEntryRow(string Code, string Name, string Category, bool IsAgricultural, MajorArts Arts, string ArtsText);

public sealed record MajorSearchResult(string? EditionName, Guid? EditionId, PagedResult<MajorEntryRow> Entries);

/// <summary>
/// Reads the national major catalogue: the editions loaded, and a search of one edition's entries by code or name (the
/// entry forms' autocomplete asks the server, never a list on the page). Reference data every signed-in user may read.
/// </summary>
public sealed class MajorCatalogueQueries(TsaDbContext db, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/editions", async (MajorCatalogueQueries q, CancellationToken ct) => TypedResults.Ok(await q.EditionsAsync(ct)))
            .RequireSignedIn().WithSummary("专业目录的各版本（名称、施行日期、发文依据、专业数、是否现行）")
            .Produces<IReadOnlyList<MajorEditionRow>>();
        g.MapGet("/majors", async (string? q, Guid? edition, int? page, int? pageSize, MajorCatalogueQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.SearchAsync(q, edition, page, pageSize, ct)))
            .RequireSignedIn().WithSummary("按专业代码或名称查找专业（默认现行版本）")
            .Produces<MajorSearchResult>().ProducesProblem(400).ProducesProblem(404);
    }

    public async Task<IReadOnlyList<MajorEditionRow>> EditionsAsync(CancellationToken ct)
    {
        var inForce = await MajorCatalogues.EditionInForceAsync(db, clock.Today(), ct);
        var rows = await db.Set<MajorCatalogueEdition>().AsNoTracking().OrderByDescending(e => e.EffectiveFrom).ThenByDescending(e => e.LoadedAtUtc).ToListAsync(ct);
        return [.. rows.Select(e => new MajorEditionRow(e.Id, e.Name, e.EffectiveFrom, e.Source, e.IsDemo, e.EntryCount, e.LoadedBy, e.LoadedAtUtc, e.Id == inForce?.Id))];
    }

    public async Task<MajorSearchResult> SearchAsync(string? q, Guid? editionId, int? page, int? pageSize, CancellationToken ct)
    {
        var text = q?.Trim();
        if (text is not null && (text.Length > 60 || InputGuard.TextProblem(text, 60) is not null))
        {
            throw AppException.Invalid("q", "查找的专业代码或名称过长或含有不可见字符");
        }

        MajorCatalogueEdition? edition = editionId is { } id
            ? await db.Set<MajorCatalogueEdition>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw AppException.NotFound("专业目录版本")
            : await MajorCatalogues.EditionInForceAsync(db, clock.Today(), ct);
        var (p, size) = Paging.Clamp(page, pageSize, MaxPageSize);
        if (edition is null)
        {
            return new MajorSearchResult(null, null, new PagedResult<MajorEntryRow>([], 0, p, size));
        }

        var query = db.Set<MajorCatalogueEntry>().AsNoTracking().Where(e => e.EditionId == edition.Id);
        if (!string.IsNullOrEmpty(text))
        {
            query = query.Where(e => e.Code.StartsWith(text) || e.Name.Contains(text) || e.Category.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(e => e.Code).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new MajorSearchResult(edition.Name, edition.Id, new PagedResult<MajorEntryRow>(
            [.. items.Select(e => new MajorEntryRow(e.Code, e.Name, e.Category, e.IsAgricultural, e.Arts, e.Arts.ToChinese()))], total, p, size));
    }
}
