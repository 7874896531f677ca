using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Audit.Features;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Calendar.Features;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Cli;

/// <summary>tsa db migrate, tsa seed demo, tsa audit verify, tsa keys rotate, tsa calendar import FILE.</summary>
public static class DatabaseCommands
{
    public static Command Db()
    {
        var migrate = new Command("migrate", "应用数据库迁移，再加载参考数据（行政区划、日历、截止日期）");
        migrate.SetAction(async (_, ct) =>
        {
            await using var cli = CliHost.Create();
            await cli.Db.Database.MigrateAsync(ct);
            await IdMaskUpgrade.RunAsync(cli.Db, ct);
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
        var verify = new Command("verify", "按签名检查点校验带密钥的审计链；有事件被修改、删除、调换、伪造或截断时列出序号并以退出码 1 结束；完整时写入一个检查点");
        verify.SetAction(async (_, ct) =>
        {
            await using var cli = CliHost.Create();
            var verification = await cli.Services.GetRequiredService<VerifyAuditChain>().HandleAsync(ct);
            foreach (var p in verification.Problems)
            {
                Console.WriteLine($"#{p.Sequence}: {p.Problem}");
            }

            Console.WriteLine(verification.Summary);
            return verification.Intact ? ExitCodes.Success : ExitCodes.Failure;
        });
        return new Command("audit", "审计") { verify };
    }

    public static Command Keys()
    {
        var batch = CliOptions.Number("--batch-size", "每批重新加密的记录数（每批提交一次进度，中断后从上次进度继续）", "N",
            1000, v => v is >= 1 and <= 10_000, "--batch-size：每批条数应在 1 到 10000 之间。");
        var rotate = new Command("rotate", "按当前 Crypto:Suite 与 Security:DataKey/IndexKey 重新加密个人信息并重算盲索引（轮换期间旧密钥仍须配置）；中断后可继续") { batch };
        rotate.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            var rotation = await cli.Services.GetRequiredService<RotatePersonalDataKeys>().HandleAsync(
                parse.GetValue(batch), null, new RowsProgress("已检查（条）"), ct);
            Console.Error.WriteLine();
            Console.WriteLine($"{(rotation.Resumed ? "接续上次进度，" : "")}已轮换到 {rotation.Target}：检查 {rotation.RowsChecked} 条，重新加密 {rotation.RowsRewritten} 条{(rotation.Completed ? "，已完成。可以移除旧密钥。" : "。")}");
            if (rotation.Completed)
            {
                // The hardship details (SEC-1) are under the same keys: brought to the current key in the same run.
                var (hardshipRows, hardshipRewritten) = await cli.Services.GetRequiredService<TechSchoolAid.Modules.Aid.Hardship.Features.RotateHardshipKeys>()
                    .HandleAsync(parse.GetValue(batch), ct);
                Console.WriteLine($"家庭经济困难认定敏感信息：检查 {hardshipRows} 条，重新加密 {hardshipRewritten} 条。");
            }

            return rotation.Completed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return new Command("keys", "个人信息密钥") { rotate };
    }

    /// <summary>A running count on stderr, written synchronously (Progress&lt;T&gt; posts to the thread pool and can print after the result).</summary>
    private sealed class RowsProgress(string label) : IProgress<long>
    {
        public void Report(long value) => Console.Error.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\r{label} {value:N0}"));
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
