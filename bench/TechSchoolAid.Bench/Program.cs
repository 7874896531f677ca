using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding;

// Registration benchmarks (issue: foundation). Each prints its figure and a ratio against a baseline measured in the same
// run on the same database: raw prepared inserts of the same rows, and a hand-written SQL page query.
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- Sqlite
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- Postgres "Host=127.0.0.1;Port=…;Username=postgres"
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- status Postgres "…"   (issue 3's status lists; StatusBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- aid Postgres "…"      (issue 4's list build and approval; AidBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- crypto [--calls N]        (SEC-3: AES/HMAC-SHA256 against SM4/HMAC-SM3; CryptoBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- bulk Postgres "…"     (issue 5's bulk import; BulkBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- accounts Postgres "…" [--lines N]   (issue 10's national final accounts; FinalAccountsBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- payments Postgres "…" [--students N] [--runs R]   (issue 10's monthly batch and return file; PaymentsBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- yearly Postgres "…" [--students N] [--runs R]   (issue 12's yearly report; YearlyReportBench.cs)
//   dotnet run -c Release --project bench/TechSchoolAid.Bench -- crosscheck Postgres "…" [--scale S] [--rows N]   (issue 5's cross-check; CrossCheckBench.cs)
if (args.Length > 0 && args[0] == "aid")
{
    await AidBench.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "crosscheck")
{
    await TechSchoolAid.Bench.CrossCheckBench.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "public")
{
    await TechSchoolAid.Bench.PublicPagesBench.RunAsync(args[1..]); // PUB-1: the public policy page against a static file (PublicPagesBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "pages")
{
    await TechSchoolAid.Bench.PagesBench.RunAsync(args[1..]); // issue 5's staff pages under load, national data set (PagesBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "dashboard")
{
    await TechSchoolAid.Bench.PagesBench.RunDashboardAsync(args[1..]); // issue 12's dashboards under load, national data set (DashboardBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "status")
{
    await StatusBench.RunAsync(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "crypto")
{
    await TechSchoolAid.Bench.CryptoBench.RunAsync(args[1..]); // SEC-3: per-call cost of both suites (CryptoBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "accounts")
{
    await TechSchoolAid.Bench.FinalAccountsBench.RunAsync(args[1..]); // issue 10's national final accounts (FinalAccountsBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "payments")
{
    await TechSchoolAid.Bench.PaymentsBench.RunAsync(args[1..]); // issue 10's province's monthly batch and its return file (PaymentsBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "yearly")
{
    await TechSchoolAid.Bench.YearlyReportBench.RunAsync(args[1..]); // issue 12's yearly report of the whole country (YearlyReportBench.cs)
    return;
}

if (args.Length > 0 && args[0] == "bulk")
{
    await TechSchoolAid.Bench.BulkBench.RunAsync(args[1..]);
    return;
}

var provider = args.Length > 0 ? args[0] : "Sqlite";
var server = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("TSA_TEST_POSTGRES");
const int ImportRows = 10_000;
const int ListStudents = 5_000;
const string ImportSchool = "44010004";
const string ListSchool = "44010007";

string connection;
string? dropDatabase = null;
if (provider == "Postgres")
{
    if (server is null)
    {
        throw new InvalidOperationException("Give a PostgreSQL connection string (or set TSA_TEST_POSTGRES).");
    }

    var name = "tsa_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
    }

    connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    dropDatabase = name;
}
else
{
    connection = $"Data Source={Path.Combine(Path.GetTempPath(), $"tsa-bench-{Guid.NewGuid():N}.db")}";
}

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["ConnectionStrings:Default"] = connection,
    ["Security:DataKey"] = Convert.ToBase64String(new byte[32]),
    ["Security:IndexKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray()),
    ["Security:AuditKey"] = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray()),
    ["Audit:CheckpointFolder"] = Path.Combine(Path.GetTempPath(), "tsa-bench-checkpoints", Guid.NewGuid().ToString("N")),
}).Build();
var services = new ServiceCollection().AddLogging();
services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(config);
services.AddTechSchoolAid(config, Path.GetTempPath());
// Registration is open in mid-October; the benchmark runs as if on that day.
services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 10, 15, 2, 0, 0, TimeSpan.Zero)));
await using var sp = services.BuildServiceProvider();

async Task<T> As<T>(Actor actor, Func<IServiceProvider, Task<T>> run)
{
    await using var scope = sp.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<ActorAccessor>().Actor = actor;
    return await run(scope.ServiceProvider);
}

await As(Actor.System("bench"), async s =>
{
    await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
    return 0;
});
var schoolActor = new Actor("bench", "bench", Role.SchoolRecordsOfficer, ImportSchool, OrgLevel.School, $"/44/4401/{ImportSchool}/", null);
var listActor = schoolActor with { OrganizationCode = ListSchool, ScopePath = $"/44/4401/{ListSchool}/" };

Console.WriteLine($"provider: {provider}");

// 1. Import of a 10,000-row .xlsx with full validation, against raw prepared inserts of the same rows.
var rows = BenchData.Rows(ImportRows, seed: 1);
var xlsx = BenchData.Xlsx(rows);
var sw = Stopwatch.StartNew();
var report = await As(schoolActor, s => s.GetRequiredService<ImportStudents>().HandleAsync(ImportSchool, xlsx, "bench.xlsx", default));
var importMs = sw.Elapsed.TotalMilliseconds;
if (!report.Accepted || report.Imported != ImportRows)
{
    throw new InvalidOperationException($"Import refused: {report.FileErrors.FirstOrDefault() ?? report.Errors.FirstOrDefault()?.Message}");
}

var rawMs = await BenchData.RawInsertAsync(provider, connection, rows);
Console.WriteLine($"import {ImportRows} rows (.xlsx, validated, encrypted, audited): {importMs:0} ms ({ImportRows / (importMs / 1000):0} rows/s); raw prepared INSERT of the same rows: {rawMs:0} ms; ratio {importMs / rawMs:0.0}x; target < 10000 ms");

// 2. The school's student list (first page of 50, with total) for a school of 5,000, against hand-written SQL.
var listImport = await As(listActor, s => s.GetRequiredService<ImportStudents>().HandleAsync(ListSchool, BenchData.Xlsx(BenchData.Rows(ListStudents, seed: 2)), "list.xlsx", default));
if (!listImport.Accepted)
{
    throw new InvalidOperationException($"List data refused: {listImport.FileErrors.FirstOrDefault() ?? listImport.Errors.FirstOrDefault()?.Message}");
}

var appTimes = new List<double>();
for (var i = 0; i < 25; i++)
{
    sw.Restart();
    var page = await As(listActor, s => s.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { SchoolCode = ListSchool, Page = 1 + (i % 5), PageSize = 50 }, default));
    appTimes.Add(sw.Elapsed.TotalMilliseconds);
    if (page.Total != ListStudents)
    {
        throw new InvalidOperationException($"Expected {ListStudents} students, saw {page.Total}");
    }
}

var sqlTimes = await BenchData.RawListAsync(provider, connection, ListSchool, 25);
Console.WriteLine($"school list ({ListStudents} students, page of 50 + total): median {Median(appTimes):0.0} ms, p95 {P95(appTimes):0.0} ms; hand-written SQL median {Median(sqlTimes):0.0} ms; ratio {Median(appTimes) / Median(sqlTimes):0.0}x; target < 100 ms");

if (dropDatabase is not null)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await new NpgsqlCommand($"DROP DATABASE IF EXISTS {dropDatabase} WITH (FORCE)", admin).ExecuteNonQueryAsync();
}
else
{
    SqliteConnection.ClearAllPools();
    File.Delete(new SqliteConnectionStringBuilder(connection).DataSource);
}

static double Median(List<double> xs) => xs.Skip(3).Order().ElementAt((xs.Count - 3) / 2);

static double P95(List<double> xs) => xs.Skip(3).Order().ElementAt((int)Math.Ceiling((xs.Count - 3) * 0.95) - 1);

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class BenchData
{
    private static readonly string[] Headers = ImportStudents.Columns.Select(c => c.Header).ToArray();

    public static List<string[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var used = new HashSet<string>();
        var list = new List<string[]>(count);
        while (list.Count < count)
        {
            var birth = new DateOnly(2009, 1, 1).AddDays(random.Next(0, 1000));
            var male = random.Next(2) == 0;
            var order = random.Next(0, 500);
            var first17 = string.Create(CultureInfo.InvariantCulture, $"{(seed == 1 ? "4403" : "4401")}{random.Next(4, 7):D2}{birth:yyyyMMdd}{order / 5:D2}{(order % 5 * 2) + (male ? 1 : 0)}");
            if (!used.Add(first17))
            {
                continue;
            }

            var id = first17 + TechSchoolAid.Kernel.Identity.IdDocument.ComputeCheckChar(first17);
            list.Add([Name(random), "居民身份证", id, "", "", "汉族", "农村", first17[..6], "数控加工", "否", "中级工", "初中", "3", "是", "2026", "秋季", "2026-09-01", $"2026级数控{list.Count % 40 + 1}班", "13800138000", "", "", "否"]);
        }

        return list;
    }

    private static string Name(Random r)
    {
        const string surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
        const string given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚文华鑫宇浩婷欣晨";
        return string.Concat(surnames[r.Next(surnames.Length)], given[r.Next(given.Length)], given[r.Next(given.Length)]);
    }

    public static byte[] Xlsx(List<string[]> rows)
    {
        var sheet = rows.Select(r =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < Headers.Length; i++)
            {
                d[Headers[i]] = r[i];
            }

            return d;
        }).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(sheet);
        return ms.ToArray();
    }

    public static async Task<double> RawInsertAsync(string provider, string connection, List<string[]> rows)
    {
        await using DbConnection conn = provider == "Postgres" ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
        await conn.OpenAsync();
        var columns = string.Join(", ", Enumerable.Range(0, Headers.Length).Select(i => $"c{i} text"));
        await Exec(conn, $"CREATE TABLE bench_raw (id integer primary key, {columns})");
        var sw = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO bench_raw VALUES (@id, {string.Join(", ", Enumerable.Range(0, Headers.Length).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var id = cmd.CreateParameter();
        id.ParameterName = "@id";
        id.Value = 0;
        cmd.Parameters.Add(id);
        var ps = Enumerable.Range(0, Headers.Length).Select(i =>
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = "";
            cmd.Parameters.Add(p);
            return p;
        }).ToArray();
        cmd.Prepare();
        for (var r = 0; r < rows.Count; r++)
        {
            id.Value = r;
            for (var i = 0; i < ps.Length; i++)
            {
                ps[i].Value = rows[r][i];
            }

            await cmd.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
        var ms = sw.Elapsed.TotalMilliseconds;
        await Exec(conn, "DROP TABLE bench_raw");
        return ms;
    }

    public static async Task<List<double>> RawListAsync(string provider, string connection, string school, int runs)
    {
        await using DbConnection conn = provider == "Postgres" ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
        await conn.OpenAsync();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await using (var count = conn.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM student_records WHERE \"SchoolCode\" = @s";
                Add(count, "@s", school);
                await count.ExecuteScalarAsync();
            }

            await using (var page = conn.CreateCommand())
            {
                page.CommandText = "SELECT * FROM student_records WHERE \"SchoolCode\" = @s ORDER BY \"ClassName\", \"Name\" LIMIT 50 OFFSET @o";
                Add(page, "@s", school);
                Add(page, "@o", 50 * (i % 5));
                await using var reader = await page.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }

            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static async Task Exec(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
