using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding.National;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.CrossCheck;

/// <summary>
/// Issue 5 at small scale: the ministry's file of the national data set (tsa generate ministry-file) is deterministic and
/// has exactly the stated planted, malformed and near-miss rows; `generate aid` on the loaded set and the monthly
/// cross-check then find exactly the planted matches (the SQL and C# statements of NationalAidRules agree).
/// </summary>
public sealed class NationalCrossCheckTests : IDisposable
{
    private static readonly AidTerm Term = new(2026, Semester.Autumn);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsa-moe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static NationalDataOptions Small(int seed = 7) => new() { Seed = seed, Scale = 0.0005, Students = 1_500 };

    private static MinistryFileOptions File(NationalDataOptions national, bool gbk = false) =>
        new() { National = national, Term = Term, Month = "2026-10", Rows = 3_000, Overlap = 40, Malformed = 9, Gbk = gbk };

    [Fact]
    public async Task MinistryFile_SameOptions_SameBytes_AndExactlyTheStatedRows()
    {
        Directory.CreateDirectory(_dir);
        var a = Path.Combine(_dir, "a.csv");
        var b = Path.Combine(_dir, "b.csv");
        var g = Path.Combine(_dir, "g.csv");
        var e = await MinistryFileGenerator.WriteAsync(File(Small()), a, null, default);
        await MinistryFileGenerator.WriteAsync(File(Small()), b, null, default);
        await MinistryFileGenerator.WriteAsync(File(Small(), gbk: true), g, null, default);
        Assert.Equal(SHA256.HashData(await System.IO.File.ReadAllBytesAsync(a)), SHA256.HashData(await System.IO.File.ReadAllBytesAsync(b)));
        Assert.Equal(await System.IO.File.ReadAllTextAsync(a + ".expected.json"), await System.IO.File.ReadAllTextAsync(b + ".expected.json"));
        Assert.Equal((3_000L, 40L, 9L, 4L), (e.Rows, e.ExpectedMatches, e.Malformed, e.NearMisses));

        // Read back with the cross-check's own reader and normaliser: the stated counts, and the planted persons are
        // national students (born 2002 or later) while every other valid row is born before 2002.
        var students = NationalStudents.Groups(SchoolsPart.Plan(Small()))
            .SelectMany(grp => NationalStudents.Generate(Small(), grp)).SelectMany(s => s.Students).Select(s => s.IdNumber).ToHashSet();
        foreach (var (path, encoding) in new[] { (a, "UTF-8"), (g, "GB18030") })
        {
            await using var stream = System.IO.File.OpenRead(path);
            var reader = new ExchangeReader();
            var counts = await reader.ReadAsync(stream, Path.GetFileName(path), () => new ReadBack(students), static (in ExchangeFields row, ReadBack back) => back.Add(row), default);
            var (rows, bad, national) = (counts.Sum(c => c.Rows), counts.Sum(c => c.Bad), counts.Sum(c => c.National));
            Assert.Equal(encoding == "UTF-8" ? "UTF-8" : "GBK", reader.EncodingName);
            Assert.Equal((3_000L, 9L, 44L), (rows, bad, national)); // 40 planted + 4 near misses under the term before
        }

        Assert.True(e.LowerX + e.Spaced + e.FullWidth + e.Legacy15 > 0);
    }

    [Fact]
    public async Task GenerateAid_ThenCrossCheck_FindsExactlyThePlantedMatches_AndRunningAgainChangesNothing()
    {
        // generate aid is set-based PostgreSQL SQL (SQLite is refused with a clear answer); scripts/test starts a PostgreSQL.
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Postgres, studentsPerSchool: 0);
        var national = Small(seed: 23);
        await NationalDataGenerator.GenerateAsync(national, _dir, null, default);
        await db.AsSystemAsync(async (ctx, sp) =>
        {
            await SchoolFileLoader.LoadAsync(ctx, Path.Combine(_dir, "schools.csv"), db.Clock, default);
            var report = await ActivatorUtilities.CreateInstance<BulkImportStudents>(sp)
                .ImportAsync(BulkImportStudents.FilesOf(Path.Combine(_dir, "students")), new BulkImportOptions(), null, default);
            Assert.Equal(1_500, report.Imported);
        });

        var aid = await db.As(Actor.System("test"), sp => NationalAidGenerator.GenerateAsync(
            sp.GetRequiredService<TsaDbContext>(), sp.GetRequiredService<IAidPolicies>(), Term, db.Clock, default));
        var file = Path.Combine(_dir, "moe.csv");
        var expected = await MinistryFileGenerator.WriteAsync(File(national), file, null, default);
        Assert.Equal((expected.ApprovedGrants, expected.ApprovedWaivers), (aid.Grants, aid.Waivers));
        Assert.InRange(aid.Grants, 1_500 * 0.15, 1_500 * 0.35);  // the issue: ~1.3 M grants of 5 M students
        Assert.InRange(aid.Waivers, 1_500 * 0.7, 1_500 * 0.95);  // ~4.3 M waivers of 5 M: 农村（含县镇）, grades 1–3

        var again = await db.As(Actor.System("test"), sp => NationalAidGenerator.GenerateAsync(
            sp.GetRequiredService<TsaDbContext>(), sp.GetRequiredService<IAidPolicies>(), Term, db.Clock, default));
        Assert.Equal((0, 0L, 0L), (again.Rounds, again.Grants, again.Waivers));

        var result = await db.As(Actor.System("test"), sp => sp.GetRequiredService<MonthlyCrossCheck>().RunFileAsync(file, "2026-10", default));
        Assert.Equal((expected.ExpectedMatches, expected.Malformed, expected.Rows), (result.Matches, result.MalformedRows, result.TotalRows));
        Assert.Equal(expected.ExpectedMatches, result.NewCases);
        await db.AsSystemAsync(async (ctx, _) =>
        {
            Assert.Equal(expected.ExpectedMatches, await ctx.Set<CrossCheckCase>().CountAsync());
            Assert.Equal(aid.Rounds, await ctx.Set<AidRound>().CountAsync(r => r.State == AidRoundState.Reviewed && r.CreatedBy == NationalAidGenerator.Operator));
            Assert.Equal(2, await ctx.Set<AuditEvent>().CountAsync(a => a.Action == "aid.national_generated"));
        });
    }

    private sealed class ReadBack(HashSet<string> students)
    {
        public long Rows { get; private set; }

        public long Bad { get; private set; }

        public long National { get; private set; }

        public void Add(in ExchangeFields row)
        {
            Rows++;
            var id = ExchangeFormat.NormalizeId(row.IdNumber.ToString(), out _);
            if (id is null || ExchangeFormat.ParseItem(row.Item) is null)
            {
                Bad++;
            }
            else if (students.Contains(id))
            {
                National++;
                Assert.True(int.Parse(id.AsSpan(6, 4), System.Globalization.CultureInfo.InvariantCulture) >= 2002);
            }
        }
    }
}
