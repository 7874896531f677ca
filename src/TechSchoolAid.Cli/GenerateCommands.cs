using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Cli;

/// <summary>tsa generate national | aid | ministry-file (docs/national-data.md).</summary>
public static class GenerateCommands
{
    public static Command Create() => new("generate", "生成全国规模的模拟数据（docs/national-data.md）") { National(), Aid(), MinistryFile() };

    private static Command National()
    {
        var seed = CliOptions.Seed();
        var scale = CliOptions.Scale();
        var students = CliOptions.Students();
        var schools = CliOptions.Schools();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "输出目录（schools.csv、students/…/学校代码.csv、manifest.json）",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo("national-data"),
        };
        output.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<DirectoryInfo>() is { } d && File.Exists(d.FullName))
            {
                r.AddError($"--out 应是目录，不是文件：{d}");
            }
        });
        var command = new Command("national", "写出确定性的模拟全国数据集（约 2,600 所学校、500 万学生，采用页面导入的模板）")
        {
            seed, scale, students, schools, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new NationalDataOptions
            {
                Seed = parse.GetValue(seed),
                Scale = parse.GetValue(scale),
                Students = parse.GetValue(students),
                Schools = parse.GetValue(schools),
            };
            var directory = parse.GetRequiredValue(output).FullName;
            var context = await CliProgress.RunAsync(bar => NationalDataGenerator.GenerateAsync(options, directory, new SyncProgress<GenerationProgress>(p =>
            {
                if (p.Part == "students")
                {
                    bar.Report("生成学生", "人", p.Total == 0 ? 1 : (double)p.Done / p.Total, p.Done);
                }
            }), ct));
            Console.WriteLine($"已生成全国数据（种子 {options.Seed}，规模 {options.Scale.ToString(CultureInfo.InvariantCulture)}）：{context.Counts["schools"]:N0} 所学校，{context.Counts["students"]:N0} 名学生，输出目录 {directory}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Aid()
    {
        var term = CliOptions.Term();
        var command = new Command("aid", "为已导入的每所学校生成一个学期审核通过的资助（国家助学金、免学费；仅 PostgreSQL）") { term };
        command.SetAction(async (parse, ct) =>
        {
            var aidTerm = ExchangeExport.ParseTerm(parse.GetRequiredValue(term));
            await using var cli = CliHost.Create();
            var started = Stopwatch.StartNew();
            var report = await NationalAidGenerator.GenerateAsync(cli.Services.GetRequiredService<TsaDbContext>(),
                cli.Services.GetRequiredService<IAidPolicies>(), aidTerm, cli.Services.GetRequiredService<TimeProvider>(), ct);
            Console.WriteLine($"已生成 {report.Term} 审核通过的资助名单：{report.Rounds:N0} 份名单，国家助学金 {report.Grants:N0} 人，免学费 {report.Waivers:N0} 人" +
                $"（补登学费标准 {report.TuitionSet:N0} 所学校；用时 {started.Elapsed.TotalSeconds:F1} 秒）。");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command MinistryFile()
    {
        var month = CliOptions.Month("名单所属月份");
        var term = CliOptions.Term("2026-autumn");
        var rows = CliOptions.OptionalNumber<long>("--rows", "行数（默认 1,300 万 × 规模）", "N", v => v >= 1, "--rows 不能小于 1。");
        var overlap = CliOptions.OptionalNumber<int>("--overlap", "埋入的命中人数（默认学生数的 0.5%，至少 10）", "K", v => v >= 0, "--overlap 不能小于 0。");
        var malformed = CliOptions.OptionalNumber<int>("--malformed", "格式错误的行数（默认每百万行 3 行，至少 6）", "M", v => v >= 0, "--malformed 不能小于 0。");
        var gbk = new Option<bool>("--gbk") { Description = "用 GBK 编码（默认 UTF-8）" };
        var seed = CliOptions.Seed();
        var scale = CliOptions.Scale();
        var students = CliOptions.Students();
        var schools = CliOptions.Schools();
        var output = CliOptions.OutputFile("输出的 CSV 文件；预期结果写在 FILE.expected.json", folderMustExist: false);
        var command = new Command("ministry-file", "生成教育部名单（与全国数据有已知的重叠），供 crosscheck run 比对")
        {
            month, term, rows, overlap, malformed, gbk, seed, scale, students, schools, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new MinistryFileOptions
            {
                National = new NationalDataOptions
                {
                    Seed = parse.GetValue(seed),
                    Scale = parse.GetValue(scale),
                    Students = parse.GetValue(students),
                    Schools = parse.GetValue(schools),
                },
                Term = ExchangeExport.ParseTerm(parse.GetRequiredValue(term)),
                Month = parse.GetRequiredValue(month),
                Rows = parse.GetValue(rows),
                Overlap = parse.GetValue(overlap),
                Malformed = parse.GetValue(malformed),
                Gbk = parse.GetValue(gbk),
            };
            var path = parse.GetRequiredValue(output).ToString();
            var e = await CliProgress.RunAsync(bar => MinistryFileGenerator.WriteAsync(options, path, new SyncProgress<GenerationProgress>(p =>
                bar.Report(p.Part == "ministry-rows" ? "生成教育部名单" : "挑选学生", p.Part == "ministry-rows" ? "行" : "人",
                    p.Total == 0 ? 1 : (double)p.Done / p.Total, p.Done)), ct));
            Console.WriteLine($"已生成教育部 {e.Month} 名单 {path}（{e.Encoding}）：{e.Rows:N0} 行，应命中 {e.ExpectedMatches:N0} 人次，格式错误 {e.Malformed:N0} 行；" +
                $"预期结果见 {path}.expected.json");
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
