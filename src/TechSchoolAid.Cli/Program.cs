using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Cli;
using TechSchoolAid.Modules.Students.Bulk;
using TechSchoolAid.Seeding;
using TechSchoolAid.Seeding.National;

// tsa: the batch commands of TechSchoolAid. Configuration comes from the same keys as the web host
// (Database__Provider, ConnectionStrings__Default, Security__DataKey, Security__IndexKey, Security__AuditKey,
// Audit__CheckpointFolder, Demo__Enabled …).
const string Usage = """
    用法 / usage: tsa <command>
      db migrate               apply database migrations, then load reference data (divisions, calendar, deadlines)
      seed demo                load the demo data set into an empty database (demo mode only)
      audit verify             walk the keyed audit chain against the signed checkpoints; exit 1 when an event was
                               changed, deleted, reordered, forged or cut off; writes a checkpoint when intact
      keys rotate [--batch-size N]
                               re-encrypt personal fields and recompute blind indexes under the current Crypto:Suite
                               and Security:DataKey/IndexKey (old keys configured meanwhile); resumes after a crash
      calendar import FILE     load a year's holidays (CSV: date,kind,name_zh,name_en) replacing those years
      generate national [--seed N] [--scale S] [--students N] [--schools N] [--out DIR]
                               write the synthetic national data set (schools.csv, students/…/CODE.csv); docs/national-data.md
      generate aid --term 2026-autumn
                               one semester of approved aid (grants, waivers) for every loaded school (PostgreSQL)
      generate ministry-file --month YYYY-MM [--term 2026-autumn] [--rows N] [--overlap K] [--malformed M] [--gbk]
                             [--seed N] [--scale S] --out FILE
                               the ministry of education's list with a planted overlap; counts in FILE.expected.json
      import schools FILE      create the schools of schools.csv (existing codes are left as they are)
      import students FILE|DIR [--as approved|collected] [--batch-size N] [--school CODE] [--operator NAME] [--errors FILE]
                               bulk import in the screen import's template; safe to run again after an interruption
    """ + TechSchoolAid.Cli.CrossCheckCommands.Usage + TechSchoolAid.Cli.AccountCommands.Usage;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
// EF logs the probe of a not yet created migrations table as a failed command on a new database; a real failure still
// ends the command with its exception.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Microsoft.Extensions.Logging.LogLevel.None);
builder.Services.AddTechSchoolAid(builder.Configuration, builder.Environment.ContentRootPath);
using var host = builder.Build();
await using var scope = host.Services.CreateAsyncScope();
var sp = scope.ServiceProvider;
sp.GetRequiredService<ActorAccessor>().Actor = Actor.System("cli");
var db = sp.GetRequiredService<TsaDbContext>();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
var ct = cts.Token;
var words = CliArgs.Words(args);

try
{
    switch (words)
    {
        case ["db", "migrate"]:
            await db.Database.MigrateAsync(ct);
            await ReferenceData.EnsureAsync(db, ct);
            Console.WriteLine($"数据库已迁移到最新版本（{db.Database.ProviderName}），参考数据已加载。");
            return 0;
        case ["seed", "demo"]:
            var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
            if (!demo.Enabled)
            {
                Console.Error.WriteLine("演示数据只能在演示模式下加载（设置 Demo__Enabled=true）。");
                return 2;
            }

            await db.Database.MigrateAsync(ct);
            await ReferenceData.EnsureAsync(db, ct);
            var seeded = await DemoData.EnsureAsync(db, sp.GetRequiredService<PersonalDataProtector>(), TimeProvider.System, demo.Password, builder.Configuration.GetValue("Demo:StudentsPerSchool", 150), ct);
            await GraduationDemoData.EnsureAsync(db, sp.GetRequiredService<PersonalDataProtector>(), TimeProvider.System, ct);
            await AidDemoData.EnsureAsync(sp, TimeProvider.System, ct);
            Console.WriteLine(seeded ? "演示数据已加载。" : "数据库中已有学校，未加载演示数据。");
            return 0;
        case ["audit", "verify"]:
            var verification = await sp.GetRequiredService<TechSchoolAid.Modules.Audit.Features.VerifyAuditChain>().HandleAsync(ct);
            foreach (var p in verification.Problems)
            {
                Console.WriteLine($"#{p.Sequence}: {p.Problem}");
            }

            Console.WriteLine(verification.Summary);
            return verification.Intact ? 0 : 1;
        case ["keys", "rotate"]:
            var rotation = await sp.GetRequiredService<TechSchoolAid.Modules.Students.Features.RotatePersonalDataKeys>().HandleAsync(
                int.TryParse(CliArgs.Option(args, "--batch-size"), out var rotateBatch) ? rotateBatch : 1000, null, new RowsProgress("已检查（条）"), ct);
            Console.Error.WriteLine();
            Console.WriteLine($"{(rotation.Resumed ? "接续上次进度，" : "")}已轮换到 {rotation.Target}：检查 {rotation.RowsChecked} 条，重新加密 {rotation.RowsRewritten} 条{(rotation.Completed ? "，已完成。可以移除旧密钥。" : "。")}");
            return rotation.Completed ? 0 : 1;
        case ["calendar", "import", var file]:
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"文件不存在：{file}");
                return 2;
            }

            await sp.GetRequiredService<WorkingDays>().ReloadAsync(db, ct);
            await using (var stream = File.OpenRead(file))
            {
                var result = await sp.GetRequiredService<ImportCalendar>().HandleAsync(stream, ct);
                foreach (var e in result.Errors)
                {
                    Console.Error.WriteLine(e);
                }

                if (result.Errors.Count > 0)
                {
                    Console.Error.WriteLine("文件有错误，未导入任何日期。");
                    return 1;
                }

                Console.WriteLine($"已导入 {string.Join("、", result.Years)} 年共 {result.Days} 个日期。");
                return 0;
            }

        case ["account", "create", var accountName]:
            return await TechSchoolAid.Cli.AccountCommands.CreateAsync(sp, args, accountName, ct);
        case ["crosscheck", ..]:
            return await TechSchoolAid.Cli.CrossCheckCommands.RunAsync(sp, args, ct);
        case ["generate", "national"]:
            return await NationalCommands.GenerateAsync(args, ct);
        case ["generate", "aid"]:
            return await NationalCommands.GenerateAidAsync(sp, args, ct);
        case ["generate", "ministry-file"]:
            return await NationalCommands.GenerateMinistryFileAsync(args, ct);
        case ["import", "schools", var schoolsFile]:
            return await NationalCommands.ImportSchoolsAsync(sp, schoolsFile, ct);
        case ["import", "students", var studentsPath]:
            return await NationalCommands.ImportStudentsAsync(sp, args, studentsPath, ct);
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (AppException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
