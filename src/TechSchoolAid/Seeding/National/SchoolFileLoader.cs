using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Seeding.National;

public sealed record SchoolLoadReport(int Rows, int Created, int AlreadyPresent, IReadOnlyList<string> Errors);

/// <summary>
/// `tsa import schools schools.csv`: creates the schools of a national data set under their supervising province (省管)
/// or city (市管). Checked whole first; nothing is written when a row is wrong. A school whose code exists is left as it
/// is, so loading the same file again changes nothing.
/// </summary>
public static class SchoolFileLoader
{
    public static async Task<SchoolLoadReport> LoadAsync(TsaDbContext db, string path, TimeProvider clock, CancellationToken ct)
    {
        var text = TabularFile.Decode(await File.ReadAllBytesAsync(path, ct));
        var records = TabularFile.ParseCsv(text).ToList();
        if (records.Count == 0)
        {
            return new SchoolLoadReport(0, 0, 0, ["文件是空的"]);
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        var missing = SchoolsPart.Header[..11].Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            return new SchoolLoadReport(records.Count - 1, 0, 0, [$"缺少列：{string.Join("、", missing)}"]);
        }

        int Col(string name) => header.IndexOf(name);
        var orgs = db.Unscoped<Organization>("demo and reference data are seeded by the system for the whole country");
        var byCode = await orgs.Where(o => o.Level != OrgLevel.School).ToDictionaryAsync(o => o.Code, ct);
        var existing = (await orgs.Where(o => o.Level == OrgLevel.School).Select(o => o.Code).ToListAsync(ct)).ToHashSet();
        var errors = new List<string>();
        var created = new List<Organization>();
        var present = 0;
        for (var r = 1; r < records.Count; r++)
        {
            var f = records[r];
            string Get(string name) => Col(name) < f.Count ? f[Col(name)].Trim() : "";
            var code = Get("学校代码");
            var row = r + 1;
            if (existing.Contains(code))
            {
                present++;
                continue;
            }

            var managed = Get("管理层级");
            var supervisorCode = managed == "省管" ? Get("省级单位代码") : Get("所在地市代码");
            SchoolKind? kind = Get("办学类型") switch { "技师学院" => SchoolKind.TechnicianCollege, "高级技工学校" => SchoolKind.SeniorTechnicalSchool, "技工学校" => SchoolKind.TechnicalSchool, _ => null };
            Ownership? ownership = Get("举办性质") switch { "公办" => Ownership.Public, "民办" => Ownership.Private, _ => null };
            if (code.Length is < 6 or > 20 || !code.All(char.IsAsciiDigit))
            {
                errors.Add($"第 {row} 行：学校代码“{code}”无效");
            }
            else if (managed is not ("省管" or "市管") || !byCode.TryGetValue(supervisorCode, out var supervisor)
                || supervisor.Level is not (OrgLevel.Province or OrgLevel.City) || supervisor.ProvinceCode != Get("省级单位代码"))
            {
                errors.Add($"第 {row} 行：找不到主管部门（{managed} {supervisorCode}）");
            }
            else if (kind is null || ownership is null || Get("学校名称").Length is 0 or > 100)
            {
                errors.Add($"第 {row} 行：学校名称、办学类型或举办性质无效");
            }
            else if (!existing.Add(code))
            {
                errors.Add($"第 {row} 行：学校代码 {code} 在文件中重复");
            }
            else
            {
                created.Add(Organization.School(supervisor, Get("所在地市代码"), code, Get("学校名称"), kind.Value, ownership.Value,
                    Get("地址"), Get("校长"), Get("资助办联系人"), Get("资助办电话")));
            }
        }

        if (errors.Count > 0)
        {
            return new SchoolLoadReport(records.Count - 1, 0, present, errors);
        }

        if (created.Count > 0)
        {
            db.AddRange(created);
            db.Record(OrganizationAuditActions.SchoolsBulkLoaded, "schools", "/", null, new { file = Path.GetFileName(path), created = created.Count, alreadyPresent = present }, clock);
            await db.SaveChangesAsync(ct);
        }

        return new SchoolLoadReport(records.Count - 1, created.Count, present, []);
    }
}
