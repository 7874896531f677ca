using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Students.Bulk;
using TechSchoolAid.Seeding.National;

namespace TechSchoolAid.Cli;

/// <summary>`tsa generate national`, `tsa import schools`, `tsa import students` (docs/national-data.md).</summary>
public static class NationalCommands
{
    public static async Task<int> GenerateAsync(string[] args, CancellationToken ct)
    {
        var options = new NationalDataOptions
        {
            Seed = int.Parse(CliArgs.Option(args, "--seed") ?? "20260901", CultureInfo.InvariantCulture),
            Scale = double.Parse(CliArgs.Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture),
            Students = CliArgs.Option(args, "--students") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null,
            Schools = CliArgs.Option(args, "--schools") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : null,
        };
        if (options.Scale is <= 0 or > 10)
        {
            Console.Error.WriteLine("--scale 应在 0 到 10 之间（1 = 全国规模，0.01 = 快速小样本）。");
            return 2;
        }

        var output = Path.GetFullPath(CliArgs.Option(args, "--out") ?? "national-data");
        var bar = new ConsoleProgress("生成学生");
        var progress = new SyncProgress<GenerationProgress>(p =>
        {
            if (p.Part == "students")
            {
                bar.Report(p.Total == 0 ? 1 : (double)p.Done / p.Total, p.Done, "人");
            }
        });
        var context = await NationalDataGenerator.GenerateAsync(options, output, progress, ct);
        Console.WriteLine($"已生成全国数据（种子 {options.Seed}，规模 {options.Scale.ToString(CultureInfo.InvariantCulture)}）：{context.Counts["schools"]:N0} 所学校，{context.Counts["students"]:N0} 名学生，输出目录 {output}");
        return 0;
    }

    /// <summary>`tsa generate aid --term 2026-autumn`: one semester of approved aid on the loaded database (PostgreSQL).</summary>
    public static async Task<int> GenerateAidAsync(IServiceProvider sp, string[] args, CancellationToken ct)
    {
        var term = TechSchoolAid.Modules.CrossCheck.ExchangeExport.ParseTerm(CliArgs.Option(args, "--term"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await NationalAidGenerator.GenerateAsync(sp.GetRequiredService<TsaDbContext>(),
            sp.GetRequiredService<TechSchoolAid.Modules.Aid.Contracts.IAidPolicies>(), term, sp.GetRequiredService<TimeProvider>(), ct);
        Console.WriteLine($"已生成 {report.Term} 审核通过的资助名单：{report.Rounds:N0} 份名单，国家助学金 {report.Grants:N0} 人，免学费 {report.Waivers:N0} 人" +
            $"（补登学费标准 {report.TuitionSet:N0} 所学校；用时 {started.Elapsed.TotalSeconds:F1} 秒）。");
        return 0;
    }

    /// <summary>`tsa generate ministry-file`: the other ministry's list with a known planted overlap (FILE.expected.json).</summary>
    public static async Task<int> GenerateMinistryFileAsync(string[] args, CancellationToken ct)
    {
        var month = CliArgs.Option(args, "--month");
        if (!TechSchoolAid.Modules.CrossCheck.CheckMonth.TryParse(month, out _))
        {
            Console.Error.WriteLine("请用 --month YYYY-MM 指定比对月份。");
            return 2;
        }

        var output = CliArgs.Option(args, "--out");
        if (output is null)
        {
            Console.Error.WriteLine("请用 --out FILE 指定输出文件。");
            return 2;
        }

        var options = new MinistryFileOptions
        {
            National = NationalOptions(args),
            Term = TechSchoolAid.Modules.CrossCheck.ExchangeExport.ParseTerm(CliArgs.Option(args, "--term") ?? "2026-autumn"),
            Month = month!,
            Rows = CliArgs.Option(args, "--rows") is { } r ? long.Parse(r, CultureInfo.InvariantCulture) : null,
            Overlap = CliArgs.Option(args, "--overlap") is { } k ? int.Parse(k, CultureInfo.InvariantCulture) : null,
            Malformed = CliArgs.Option(args, "--malformed") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : null,
            Gbk = args.Contains("--gbk"),
        };
        var bar = new ConsoleProgress("生成教育部名单");
        var progress = new SyncProgress<GenerationProgress>(p => bar.Report(p.Total == 0 ? 1 : (double)p.Done / p.Total, p.Done, p.Part == "ministry-rows" ? "行" : "人"));
        var e = await MinistryFileGenerator.WriteAsync(options, output, progress, ct);
        Console.WriteLine($"已生成教育部 {e.Month} 名单 {output}（{e.Encoding}）：{e.Rows:N0} 行，应命中 {e.ExpectedMatches:N0} 人次，格式错误 {e.Malformed:N0} 行；" +
            $"预期结果见 {output}.expected.json");
        return 0;
    }

    private static NationalDataOptions NationalOptions(string[] args) => new()
    {
        Seed = int.Parse(CliArgs.Option(args, "--seed") ?? "20260901", CultureInfo.InvariantCulture),
        Scale = double.Parse(CliArgs.Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture),
        Students = CliArgs.Option(args, "--students") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : null,
        Schools = CliArgs.Option(args, "--schools") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : null,
    };

    public static async Task<int> ImportSchoolsAsync(IServiceProvider sp, string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"文件不存在：{file}");
            return 2;
        }

        var report = await SchoolFileLoader.LoadAsync(sp.GetRequiredService<TsaDbContext>(), file, sp.GetRequiredService<TimeProvider>(), ct);
        foreach (var e in report.Errors)
        {
            Console.Error.WriteLine(e);
        }

        if (report.Errors.Count > 0)
        {
            Console.Error.WriteLine("学校文件有错误，未导入任何学校。");
            return 1;
        }

        Console.WriteLine($"已导入 {report.Created:N0} 所学校（{report.AlreadyPresent:N0} 所已存在，未改动）。");
        return 0;
    }

    public static async Task<int> ImportStudentsAsync(IServiceProvider sp, string[] args, string path, CancellationToken ct)
    {
        var files = BulkImportStudents.FilesOf(path);
        if (files.Count == 0)
        {
            Console.Error.WriteLine($"找不到要导入的 CSV 文件：{path}");
            return 2;
        }

        var landing = CliArgs.Option(args, "--as") switch
        {
            null or "approved" => BulkLanding.Approved,
            "collected" => (BulkLanding?)BulkLanding.Collected,
            _ => null,
        };
        if (landing is null)
        {
            Console.Error.WriteLine("--as 只能是 approved（全国数据导入，审核通过）或 collected（新生注册，已采集）。");
            return 2;
        }

        // The operator answers for the load (AID-6): the name given, or the account that runs the command.
        var operatorName = CliArgs.Option(args, "--operator") ?? Environment.UserName;
        sp.GetRequiredService<ActorAccessor>().Actor = Actor.System("cli:" + operatorName);
        var options = new BulkImportOptions
        {
            Landing = landing.Value,
            BatchSize = int.Parse(CliArgs.Option(args, "--batch-size") ?? "10000", CultureInfo.InvariantCulture),
            SchoolCode = CliArgs.Option(args, "--school"),
        };
        var bar = new ConsoleProgress("导入学生");
        var progress = new SyncProgress<BulkProgress>(p => bar.Report(p.BytesTotal == 0 ? 1 : (double)p.BytesDone / p.BytesTotal, p.Rows, "行"));
        var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(sp);
        var report = await importer.ImportAsync(files, options, progress, ct);

        if (Environment.GetEnvironmentVariable("TSA_BULK_TIMING") == "1")
        {
            Console.Error.WriteLine(string.Join(" ", report.PhaseMilliseconds.Select(p => $"{p.Key}={p.Value}ms")));
        }

        var problems = report.Files.Where(f => !f.Complete).ToList();
        if (problems.Count > 0)
        {
            var errorFile = CliArgs.Option(args, "--errors") ?? "import-errors.csv";
            var sb = new StringBuilder("文件,行号,列,问题\n");
            foreach (var f in problems)
            {
                foreach (var e in f.FileErrors)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{Csv(f.File)},,整个文件,{Csv(e)}\n");
                }

                foreach (var e in f.Errors)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{Csv(f.File)},{e.Row},{Csv(e.Column)},{Csv(e.Message)}\n");
                }
            }

            await File.WriteAllTextAsync(errorFile, sb.ToString(), new UTF8Encoding(true), ct);
            foreach (var line in problems.SelectMany(f => f.FileErrors.Select(e => $"{f.File}：{e}").Concat(f.Errors.Select(e => $"{f.File} 第 {e.Row} 行 [{e.Column}]：{e.Message}"))).Take(20))
            {
                Console.Error.WriteLine(line);
            }

            Console.Error.WriteLine($"{problems.Count} 个文件有错误：有错误的批次未写入任何数据，完整错误清单见 {errorFile}。改正后重新运行即可（已导入的批次会被跳过）。");
        }

        Console.WriteLine($"共 {report.Files.Count:N0} 个文件 {report.Rows:N0} 行：新导入 {report.Imported:N0} 人，未变化 {report.Unchanged:N0} 人，" +
            $"跳过此前已提交的批次 {report.Files.Sum(f => f.BatchesSkipped):N0} 个，未导入的批次 {report.Files.Sum(f => f.BatchesRefused):N0} 个。");
        return problems.Count == 0 ? 0 : 1;
    }

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    /// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
