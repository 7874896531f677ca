using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Calendar.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Seeding;

/// <summary>
/// Facts every installation needs, loaded on every start and idempotent: the ministry, the 32 provincial units and the
/// 342 cities (ReferenceData/, see README for sources), the official holiday calendar, and the default intake deadlines
/// of ENR-2. Runs as the system actor.
/// </summary>
public static class ReferenceData
{
    public static async Task EnsureAsync(TsaDbContext db, CancellationToken ct)
    {
        var orgs = db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country");
        var ministry = await orgs.FirstOrDefaultAsync(o => o.Level == OrgLevel.Ministry, ct);
        if (ministry is null)
        {
            ministry = Organization.Ministry();
            db.Add(ministry);
            await db.SaveChangesAsync(ct);
        }

        var existing = await orgs.Where(o => o.Level == OrgLevel.Province || o.Level == OrgLevel.City).ToDictionaryAsync(o => o.Code, ct);
        var provinces = new Dictionary<string, Organization>();
        foreach (var p in Divisions.Provinces)
        {
            if (!existing.TryGetValue(p.Code, out var province))
            {
                province = Organization.Province(ministry, p.Code, p.Name);
                db.Add(province);
            }

            provinces[p.Code] = province;
        }

        await db.SaveChangesAsync(ct);
        foreach (var c in Divisions.Cities)
        {
            if (existing.ContainsKey(c.Code) || c.ParentCode is null || !provinces.TryGetValue(c.ParentCode, out var province))
            {
                continue;
            }

            // The municipalities list their districts as "市辖区"/"县": name them after the municipality.
            var name = c.Name is "市辖区" or "县" ? $"{province.Name}{c.Name}" : c.Name;
            db.Add(Organization.City(province, c.Code, name));
        }

        await db.SaveChangesAsync(ct);

        if (!await db.Set<CalendarDay>().AnyAsync(ct))
        {
            var csv = string.Join('\n', ["date,kind,name_zh,name_en", .. Divisions.ReadResourceLines("cn-holidays.csv")]);
            var calendar = WorkingDayCalendar.ParseCsv(new StringReader(csv), out var errors);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Shipped holiday calendar is invalid: " + string.Join("; ", errors));
            }

            db.AddRange(calendar.Days);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Set<IntakeDeadline>().AnyAsync(ct))
        {
            const string source = "人社厅函〔2024〕53号：春季招生 4 月 30 日前、秋季招生 10 月 31 日前完成新生注册";
            db.Add(new IntakeDeadline(IntakeSeason.Spring, 4, 30, 2024, null, source));
            db.Add(new IntakeDeadline(IntakeSeason.Autumn, 10, 31, 2024, null, source));
            await db.SaveChangesAsync(ct);
        }

        await Modules.PublicSite.Seeding.ComplaintReferenceData.EnsureAsync(db, ct);
        await Modules.Students.Seeding.MajorCatalogueReferenceData.EnsureAsync(db, ct);
    }
}
