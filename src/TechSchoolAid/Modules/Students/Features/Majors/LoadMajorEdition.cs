using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Features.Majors;

/// <summary>What the ministry gives with an edition file; everything optional so the handler says in Chinese what is missing.</summary>
public sealed class MajorEditionInput
{
    /// <summary>The edition's name, e.g. 《技工院校专业目录》（2018年修订）.</summary>
    public string? Name { get; set; }

    /// <summary>The first day the edition is in force (yyyy-MM-dd).</summary>
    public string? EffectiveFrom { get; set; }

    /// <summary>The document it comes from: issuer, number and date.</summary>
    public string? Source { get; set; }
}

public sealed record MajorEditionRow(Guid Id, string Name, DateOnly EffectiveFrom, string Source, bool IsDemo, int EntryCount, string LoadedBy, DateTime LoadedAtUtc, bool InForce);

/// <summary>
/// The ministry loads a new edition of the major catalogue (ADR 0025): all or nothing — one bad row refuses the whole
/// file with every row's problem in Chinese, and nothing is written. The edition takes over on its effective date; the
/// students already entered keep the code they were entered with.
/// </summary>
public sealed class LoadMajorEdition(TsaDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/editions", async (IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? name, [Microsoft.AspNetCore.Mvc.FromForm] string? effectiveFrom,
                [Microsoft.AspNetCore.Mvc.FromForm] string? source, LoadMajorEdition f, CancellationToken ct) =>
            {
                var content = await ReadAsync(file, ct);
                var row = await f.HandleAsync(new MajorEditionInput { Name = name, EffectiveFrom = effectiveFrom, Source = source }, content, file.FileName, ct);
                return TypedResults.Created($"/api/v1/major-catalogue/editions/{row.Id}", row);
            }).RequireAccess(MajorCatalogueAccess.Manage).DisableAntiforgery()
            .WithSummary("导入新版专业目录（Excel 或 CSV：专业代码、专业名称、专业类、涉农、表演艺术类别；任一行有误则整份不导入）")
            .Produces<MajorEditionRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413);

    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > TabularFile.MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"文件不能超过 {TabularFile.MaxBytes / 1024 / 1024} MB");
        }

        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    public async Task<MajorEditionRow> HandleAsync(MajorEditionInput input, byte[] content, string fileName, CancellationToken ct)
    {
        db.Actor.Demand(MajorCatalogueAccess.Manage, db.Actor.ScopePath);
        var today = clock.Today();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            Add("name", "请填写目录版本名称，如《技工院校专业目录》（2018年修订）");
        }
        else if (InputGuard.TextProblem(name, MajorCatalogueEdition.MaxNameLength) is { } np)
        {
            Add("name", "目录版本名称" + np);
        }

        var source = input.Source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            Add("source", "请填写目录的发文依据（发文机关、文号、日期）");
        }
        else if (InputGuard.TextProblem(source, MajorCatalogueEdition.MaxSourceLength) is { } sp)
        {
            Add("source", "发文依据" + sp);
        }

        DateOnly effective = default;
        if (string.IsNullOrWhiteSpace(input.EffectiveFrom))
        {
            Add("effectiveFrom", "请填写目录的施行日期");
        }
        else if (!DateOnly.TryParseExact(input.EffectiveFrom.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out effective))
        {
            Add("effectiveFrom", "施行日期应为 yyyy-MM-dd 格式的日期");
        }
        else if (effective < new DateOnly(2000, 1, 1) || effective > today.AddYears(5))
        {
            Add("effectiveFrom", $"施行日期应在 2000-01-01 至 {today.AddYears(5):yyyy-MM-dd} 之间");
        }

        InputGuard.ThrowIfAny(errors);

        var sheet = TabularFile.Read(content, fileName);
        var problems = new List<MajorRowProblem>();
        var entries = MajorCatalogueFile.Parse(sheet, problems);
        if (problems.Count > 0)
        {
            throw AppException.Invalid(new Dictionary<string, string[]> { ["file"] = [.. problems.Take(200).Select(p => p.ToString())] });
        }

        if (await db.Set<MajorCatalogueEdition>().AnyAsync(e => e.Name == name, ct))
        {
            throw AppException.Conflict($"已有名为“{name}”的目录版本；版本导入后不能修改，更正请以新的版本名称导入");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var edition = new MajorCatalogueEdition(Guid.CreateVersion7(), name!, effective, source!, false, db.Actor.UserName, now);
        db.Add(edition);
        foreach (var e in entries)
        {
            db.Add(edition.Add(e));
        }

        db.Record(MajorCatalogueAuditActions.EditionLoaded, edition.Id.ToString(), "/", null,
            new { edition.Name, effectiveFrom = edition.EffectiveFrom, edition.Source, entries = edition.EntryCount, agricultural = entries.Count(e => e.IsAgricultural), performingArts = entries.Count(e => e.Arts != MajorArts.None) }, clock);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueIndex.IsViolation(ex, Data.MajorCatalogueEditionConfiguration.NameIndex, "major_catalogue_editions.Name"))
        {
            throw AppException.Conflict($"已有名为“{name}”的目录版本（刚被其他用户导入）");
        }

        var inForce = await MajorCatalogues.EditionInForceAsync(db, today, ct);
        return new MajorEditionRow(edition.Id, edition.Name, edition.EffectiveFrom, edition.Source, edition.IsDemo, edition.EntryCount, edition.LoadedBy, edition.LoadedAtUtc, inForce?.Id == edition.Id);
    }
}
