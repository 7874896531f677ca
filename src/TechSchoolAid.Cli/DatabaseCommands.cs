using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Cli;

/// <summary>tsa db migrate, tsa seed demo, tsa audit verify, tsa calendar import FILE.</summary>
public static class DatabaseCommands
{
    public static Command Db()
    {
        var migrate = new Command("migrate", "应用数据库迁移，再加载参考数据（行政区划、日历、截止日期）");
        migrate.SetAction(async (_, ct) =>
        {
            await using var cli = CliHost.Create();
            await cli.Db.Database.MigrateAsync(ct);
            await ReferenceData.EnsureAsync(cli.Db, ct);
            Console.WriteLine($"数据库已迁移到最新版本（{cli.Db.Database.ProviderName}），参考数据已加载。");
            return ExitCodes.Success;
        });
        return new Command("db", "数据库") { migrate };
    }

    public static Command Seed()
    {
        var demo = new Command("demo", "向空数据库加载演示数据（仅演示模式：Demo__Enabled=true；每校人数 Demo__StudentsPerSchool，默认 150）");
        demo.SetAction(async (_, ct) =>
        {
            await using var cli = CliHost.Create();
            var options = cli.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
            if (!options.Enabled)
            {
                Console.Error.WriteLine("演示数据只能在演示模式下加载（设置 Demo__Enabled=true）。");
                return ExitCodes.Usage;
            }

            var db = cli.Db;
            var protector = cli.Services.GetRequiredService<PersonalDataProtector>();
            await db.Database.MigrateAsync(ct);
            await ReferenceData.EnsureAsync(db, ct);
            var seeded = await DemoData.EnsureAsync(db, protector, TimeProvider.System, options.Password,
                cli.Configuration.GetValue("Demo:StudentsPerSchool", 150), ct);
            await GraduationDemoData.EnsureAsync(db, protector, TimeProvider.System, ct);
            await AidDemoData.EnsureAsync(cli.Services, TimeProvider.System, ct);
            Console.WriteLine(seeded ? "演示数据已加载。" : "数据库中已有学校，未加载演示数据。");
            return ExitCodes.Success;
        });
        return new Command("seed", "演示数据") { demo };
    }

    public static Command Audit()
    {
        var verify = new Command("verify", "逐条校验审计哈希链；有事件被修改、删除或调换顺序时列出序号并以退出码 1 结束");
        verify.SetAction(async (_, ct) =>
        {
            await using var cli = CliHost.Create();
            var (count, problems) = await AuditVerifier.VerifyAsync(cli.Db, ct);
            foreach (var p in problems)
            {
                Console.WriteLine($"#{p.Sequence}: {p.Problem}");
            }

            Console.WriteLine(problems.Count == 0 ? $"审计链完整：已校验 {count} 条事件。" : $"审计链被破坏：{problems.Count} 处问题（共 {count} 条事件）。");
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return new Command("audit", "审计") { verify };
    }

    public static Command Calendar()
    {
        var file = CliOptions.ExistingFile("FILE", "节假日 CSV：date,kind,name_zh,name_en（格式同 src/TechSchoolAid/ReferenceData/cn-holidays.csv）");
        var import = new Command("import", "导入一年或几年的节假日，替换文件中这些年份的记录") { file };
        import.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            await cli.Services.GetRequiredService<WorkingDays>().ReloadAsync(cli.Db, ct);
            await using var stream = parse.GetRequiredValue(file).OpenRead();
            var result = await cli.Services.GetRequiredService<ImportCalendar>().HandleAsync(stream, ct);
            foreach (var e in result.Errors)
            {
                Console.Error.WriteLine(e);
            }

            if (result.Errors.Count > 0)
            {
                Console.Error.WriteLine("文件有错误，未导入任何日期。");
                return ExitCodes.Failure;
            }

            Console.WriteLine($"已导入 {string.Join("、", result.Years)} 年共 {result.Days} 个日期。");
            return ExitCodes.Success;
        });
        return new Command("calendar", "工作日历") { import };
    }
}
