using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Students.Features.Majors;
using TechSchoolAid.Modules.Students.Seeding;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Cli;

/// <summary>tsa import schools FILE, tsa import majors FILE|--demo, tsa import students FILE|DIR (docs/national-data.md, docs/adr/0010-bulk-student-import.md, docs/adr/0025-major-catalogue.md).</summary>
public static class ImportCommands
{
    public static Command Create() => new("import", "导入全国数据：学校、专业目录、学生") { Schools(), Majors(), Students() };

    /// <summary>
    /// The major catalogue edition students are checked against (ADR 0025): the ministry's file, read and checked as the
    /// page's upload does (all or nothing, audited), or with --demo the demo's stand-in edition that the generated
    /// national data set uses (its codes are demo codes, never the ministry's).
    /// </summary>
    private static Command Majors()
    {
        var file = new Argument<FileInfo?>("FILE") { Description = "专业目录文件（.xlsx 或 CSV：专业代码、专业名称、专业类、涉农、表演艺术类别）", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string>("--name") { Description = "目录版本名称，如《技工院校专业目录》（2018年修订）", HelpName = "NAME" };
        var effective = new Option<string>("--effective") { Description = "施行日期（yyyy-MM-dd）", HelpName = "DATE" };
        var source = new Option<string>("--source") { Description = "发布文件：机关、文号和日期", HelpName = "TEXT" };
        var demo = new Option<bool>("--demo") { Description = "导入演示用专业目录（演示代码，非人社部目录；供 tsa generate national 生成的数据使用）" };
        var command = new Command("majors", "导入专业目录版本（学生的专业按施行中的版本核对）") { file, name, effective, source, demo };
        command.Validators.Add(r =>
        {
            var hasFile = r.GetValue(file) is not null;
            if (hasFile == r.GetValue(demo))
            {
                r.AddError("请给出专业目录文件，或使用 --demo（二者选一）。");
            }
            else if (r.GetValue(file) is { Exists: false } missing)
            {
                r.AddError($"找不到文件：{missing.FullName}");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            var clock = cli.Services.GetRequiredService<TimeProvider>();
            if (parse.GetValue(demo))
            {
                var view = await MajorCatalogueDemoData.EnsureAsync(cli.Db, clock, ct);
                Console.WriteLine($"演示用专业目录已就绪：{view.Count:N0} 个专业（演示代码，非人社部目录）。");
                return ExitCodes.Success;
            }

            var path = parse.GetValue(file)!;
            var input = new MajorEditionInput { Name = parse.GetValue(name), EffectiveFrom = parse.GetValue(effective), Source = parse.GetValue(source) };
            try
            {
                var row = await cli.Services.GetRequiredService<LoadMajorEdition>().HandleAsync(input, await File.ReadAllBytesAsync(path.FullName, ct), path.Name, ct);
                Console.WriteLine($"已导入专业目录“{row.Name}”：{row.EntryCount:N0} 个专业，自 {ChinaTime.Iso(row.EffectiveFrom)} 起施行。");
                return ExitCodes.Success;
            }
            catch (AppException e)
            {
                Console.Error.WriteLine(e.Message);
                foreach (var message in e.Errors.SelectMany(x => x.Value))
                {
                    Console.Error.WriteLine(message);
                }

                Console.Error.WriteLine("专业目录文件有错误，未导入。");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static Command Schools()
    {
        var file = CliOptions.ExistingFile("FILE", "schools.csv（tsa generate national 的输出）");
        var command = new Command("schools", "创建 schools.csv 中的学校（已存在的学校代码保持不变）") { file };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            var report = await SchoolFileLoader.LoadAsync(cli.Services.GetRequiredService<TsaDbContext>(), parse.GetRequiredValue(file).FullName,
                cli.Services.GetRequiredService<TimeProvider>(), ct);
            foreach (var e in report.Errors)
            {
                Console.Error.WriteLine(e);
            }

            if (report.Errors.Count > 0)
            {
                Console.Error.WriteLine("学校文件有错误，未导入任何学校。");
                return ExitCodes.Failure;
            }

            Console.WriteLine($"已导入 {report.Created:N0} 所学校（{report.AlreadyPresent:N0} 所已存在，未改动）。");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Students()
    {
        var path = new Argument<string>("FILE|DIR") { Description = "一个 CSV 文件，或一个目录（其中所有 CSV，schools.csv 除外）" };
        path.Validators.Add(r =>
        {
            if (BulkImportStudents.FilesOf(r.GetValueOrDefault<string>()).Count == 0)
            {
                r.AddError($"找不到要导入的 CSV 文件：{r.GetValueOrDefault<string>()}");
            }
        });
        var landing = new Option<string>("--as")
        {
            Description = "approved：全国数据导入，审核通过；collected：新生注册，已采集",
            DefaultValueFactory = _ => "approved",
        };
        landing.AcceptOnlyFromAmong("approved", "collected");
        var batchSize = CliOptions.Number("--batch-size", "每批行数（1 到 1,000,000）：一批一个事务，中断后重跑会跳过已提交的批次", "N",
            10_000, v => v is >= 1 and <= 1_000_000, "--batch-size 应在 1 到 1,000,000 之间。");
        var school = new Option<string>("--school") { Description = "只导入这所学校的行", HelpName = "CODE" };
        var operatorName = new Option<string>("--operator") { Description = "对这次导入负责的人（AID-6；默认运行命令的系统账号）", HelpName = "NAME" };
        var errors = new Option<FileInfo>("--errors")
        {
            Description = "有错误时写出完整错误清单的 CSV",
            HelpName = "FILE",
            DefaultValueFactory = _ => new FileInfo("import-errors.csv"),
        };
        var command = new Command("students", "批量导入学籍（页面导入的模板和检查）；中断后可再次运行") { path, landing, batchSize, school, operatorName, errors };
        command.SetAction(async (parse, ct) =>
        {
            var files = BulkImportStudents.FilesOf(parse.GetRequiredValue(path));
            var options = new BulkImportOptions
            {
                Landing = parse.GetValue(landing) == "collected" ? BulkLanding.Collected : BulkLanding.Approved,
                BatchSize = parse.GetValue(batchSize),
                SchoolCode = parse.GetValue(school),
            };
            await using var cli = CliHost.Create();
            // The operator answers for the load (AID-6): the name given, or the account that runs the command.
            cli.Services.GetRequiredService<ActorAccessor>().Actor = Actor.System("cli:" + (parse.GetValue(operatorName) ?? Environment.UserName));
            var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(cli.Services);
            var report = await CliProgress.RunAsync(bar => importer.ImportAsync(files, options, new SyncProgress<BulkProgress>(p =>
                bar.Report("导入学生", "行", p.BytesTotal == 0 ? 1 : (double)p.BytesDone / p.BytesTotal, p.Rows)), ct));

            if (Environment.GetEnvironmentVariable("TSA_BULK_TIMING") == "1")
            {
                Console.Error.WriteLine(string.Join(" ", report.PhaseMilliseconds.Select(p => $"{p.Key}={p.Value}ms")));
            }

            var problems = report.Files.Where(f => !f.Complete).ToList();
            if (problems.Count > 0)
            {
                var errorFile = parse.GetRequiredValue(errors).ToString();
                await File.WriteAllTextAsync(errorFile, ErrorReport(problems), new UTF8Encoding(true), ct);
                foreach (var line in problems.SelectMany(f => f.FileErrors.Select(e => $"{f.File}：{e}").Concat(f.Errors.Select(e => $"{f.File} 第 {e.Row} 行 [{e.Column}]：{e.Message}"))).Take(20))
                {
                    Console.Error.WriteLine(line);
                }

                Console.Error.WriteLine($"{problems.Count} 个文件有错误：有错误的批次未写入任何数据，完整错误清单见 {errorFile}。改正后重新运行即可（已导入的批次会被跳过）。");
            }

            Console.WriteLine($"共 {report.Files.Count:N0} 个文件 {report.Rows:N0} 行：新导入 {report.Imported:N0} 人，未变化 {report.Unchanged:N0} 人，" +
                $"跳过此前已提交的批次 {report.Files.Sum(f => f.BatchesSkipped):N0} 个，未导入的批次 {report.Files.Sum(f => f.BatchesRefused):N0} 个。");
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string ErrorReport(IEnumerable<BulkFileReport> problems)
    {
        var sb = new StringBuilder("文件,行号,姓名,列,问题\n");
        foreach (var f in problems)
        {
            foreach (var e in f.FileErrors)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{Csv(f.File)},,,整个文件,{Csv(e)}\n");
            }

            foreach (var e in f.Errors)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{Csv(f.File)},{e.Row},{Csv(SafeExcel.Neutralize(e.Name) ?? "")},{Csv(e.Column)},{Csv(e.Message)}\n");
            }
        }

        return sb.ToString();
    }

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
