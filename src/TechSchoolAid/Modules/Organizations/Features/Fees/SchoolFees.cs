using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;

namespace TechSchoolAid.Modules.Organizations.Features.Fees;

/// <summary>
/// <see cref="ISchoolFees"/> over the two tables: a few queries for any number of schools, then each student's basis in
/// memory. Periods of one school and major (or one authority, kind and major) never overlap, so at most one standard of
/// each applies on a date.
/// </summary>
internal sealed class SchoolFees(TsaDbContext db) : ISchoolFees
{
    public async Task<ISchoolFeeSchedule> ScheduleAsync(int schoolId, DateOnly date, CancellationToken ct) =>
        (await SchedulesAsync([schoolId], date, ct)).GetValueOrDefault(schoolId) ?? Schedule.Unknown;

    public async Task<IReadOnlyDictionary<int, ISchoolFeeSchedule>> SchedulesAsync(IReadOnlyCollection<int> schoolIds, DateOnly date, CancellationToken ct)
    {
        var ids = schoolIds.Distinct().ToList();
        var schools = await OrganizationReads.AllOrganizations(db).Where(o => ids.Contains(o.Id) && o.Level == OrgLevel.School)
            .Select(o => new { o.Id, o.Ownership, o.Kind, o.ProvinceCode, o.CityCode }).ToListAsync(ct);
        var own = (await OrganizationReads.SchoolTuitions(db)
                .Where(t => ids.Contains(t.SchoolId) && t.ValidFrom <= date && (t.ValidTo == null || t.ValidTo >= date)).ToListAsync(ct))
            .ToLookup(t => t.SchoolId);
        var provinces = schools.Where(s => s.Ownership == Ownership.Private && s.ProvinceCode != null).Select(s => s.ProvinceCode!).Distinct().ToList();
        var comparable = provinces.Count == 0
            ? []
            : await OrganizationReads.ComparableTuitions(db)
                .Where(t => provinces.Contains(t.ProvinceCode) && t.ValidFrom <= date && (t.ValidTo == null || t.ValidTo >= date)).ToListAsync(ct);
        return schools.ToDictionary(s => s.Id, ISchoolFeeSchedule (s) => new Schedule(
            s.Ownership == Ownership.Private,
            [.. own[s.Id]],
            s.Ownership == Ownership.Private
                ? [.. comparable.Where(c => c.ProvinceCode == s.ProvinceCode && c.Kind == (s.Kind ?? SchoolKind.TechnicalSchool) && (c.CityCode == null || c.CityCode == s.CityCode))]
                : []));
    }

    private sealed class Schedule(bool isPrivate, List<SchoolTuition> own, List<ComparableTuition> comparable) : ISchoolFeeSchedule
    {
        public static readonly Schedule Unknown = new(false, [], []);

        public WaiverBasis WaiverFor(string? major)
        {
            var key = string.IsNullOrWhiteSpace(major) ? null : major.Trim();
            var fee = (key is null ? null : own.Find(t => t.Major == key)) ?? own.Find(t => t.Major == null);
            if (!isPrivate)
            {
                return fee is null
                    ? WaiverBasis.None(ISchoolFees.PublicTuitionMissing)
                    : WaiverBasis.Of(fee.AmountFen, $"核定学费标准 {Yuan(fee.AmountFen)} 元/生·年（{fee.DocumentNumber}{(fee.Major is null ? "" : "，" + fee.Major + "专业")}）");
            }

            // The city's figure for its area before the province's; within each, the major's before the kind's general figure.
            var c = Pick(comparable.Where(x => x.CityCode != null), key) ?? Pick(comparable.Where(x => x.CityCode == null), key);
            if (c is null)
            {
                return WaiverBasis.None(ISchoolFees.ComparableTuitionMissing);
            }

            var text = $"同类型{(c.Major is null ? "" : "同专业")}公办学校学费标准 {Yuan(c.AmountFen)} 元/生·年（{c.DocumentNumber}）";
            return fee is not null && fee.AmountFen < c.AmountFen
                ? WaiverBasis.Of(fee.AmountFen, $"本校核定学费 {Yuan(fee.AmountFen)} 元/生·年低于{text}，按本校收费")
                : WaiverBasis.Of(c.AmountFen, text);
        }

        private static ComparableTuition? Pick(IEnumerable<ComparableTuition> rows, string? major)
        {
            var list = rows.ToList();
            return (major is null ? null : list.Find(x => x.Major == major)) ?? list.Find(x => x.Major == null);
        }

        private static string Yuan(long fen) => (fen / 100m).ToString("0.##", CultureInfo.InvariantCulture);
    }
}
