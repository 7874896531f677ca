using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Policies.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Aid.Policies.Data;

internal sealed class DesignatedAreaConfiguration : IEntityTypeConfiguration<DesignatedArea>
{
    public void Configure(EntityTypeBuilder<DesignatedArea> b)
    {
        b.ToTable("aid_designated_areas");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.ProvinceCode).HasMaxLength(2);
        b.Property(a => a.ScopePath).HasMaxLength(100).IsRequired();
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.Property(a => a.CountyCodes).HasMaxLength(8000).IsRequired();
        b.Property(a => a.Source).HasMaxLength(500).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Counties);
        b.HasIndex(a => new { a.ProvinceCode, a.ValidFrom });
        b.HasData(DesignatedAreaSeed.Areas);
    }
}

/// <summary>
/// The national designated areas every installation starts with (issue 11, item 7), read from
/// ReferenceData/designated-areas.csv: each row names divisions by province (2 digits), prefecture (4) or county (6) code
/// and is expanded to the county codes of the shipped GB/T 2260 divisions. Only areas whose extent could be verified are
/// shipped; see docs/policy-sources.md, section "Designated areas", for the sources and for what is missing (the 11
/// contiguous poverty areas' county lists).
/// </summary>
internal static class DesignatedAreaSeed
{
    public static DesignatedArea[] Areas => [.. Divisions.ReadResourceLines("designated-areas.csv").Select(Parse)];

    private static DesignatedArea Parse(string line)
    {
        var f = line.Split(',');
        var counties = f[3].Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(Expand).ToList();
        return DesignatedArea.Seed(Guid.Parse(f[0]), new DesignatedAreaInput
        {
            Name = f[1],
            Kind = (DesignatedAreaKind)int.Parse(f[2], CultureInfo.InvariantCulture),
            CountyCodes = counties,
            ValidFrom = DateOnly.ParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo = f[5].Length == 0 ? null : DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Source = string.Join(',', f[6..]),
        });
    }

    /// <summary>A county code stands for itself; a province or prefecture code for all its counties.</summary>
    private static IEnumerable<string> Expand(string code) => code.Length == 6
        ? Divisions.IsCounty(code) ? [code] : throw new InvalidOperationException($"designated-areas.csv: county {code} is not a GB/T 2260 county")
        : Divisions.CountiesOfProvince(code[..2]).Select(c => c.Code).Where(c => c.StartsWith(code, StringComparison.Ordinal))
            .DefaultIfEmpty("").Select(c => c.Length == 6 ? c : throw new InvalidOperationException($"designated-areas.csv: division {code} has no counties"));
}
