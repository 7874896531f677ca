using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features;

/// <summary>
/// The reads of the school and fee features that must cross the data scope, each with its reason. Fee standards are
/// published prices, and the rules need them outside the recorder's scope: a 市管 school's waiver is priced at the
/// province's comparable figure, which the province recorded under its own path, and a city lists the province's figures
/// beside its own. School codes are unique in the country and names within a province, across supervisors.
/// </summary>
internal static class OrganizationReads
{
    private const string FeesArePublic = "tuition standards are published prices: a school's waiver is priced at its province's comparable figure";

    public static IQueryable<ComparableTuition> ComparableTuitions(TsaDbContext db) => db.Unscoped<ComparableTuition>(FeesArePublic).AsNoTracking();

    public static IQueryable<SchoolTuition> SchoolTuitions(TsaDbContext db) => db.Unscoped<SchoolTuition>(FeesArePublic).AsNoTracking();

    /// <summary>Every organisation: a school's kind, ownership and city decide which published standard prices its waiver.</summary>
    public static IQueryable<Organization> AllOrganizations(TsaDbContext db) =>
        db.Unscoped<Organization>("school codes are unique in the country and names within a province, whoever supervises them; fees are priced by kind and city").AsNoTracking();
}
