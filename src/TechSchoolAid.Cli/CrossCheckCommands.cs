using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.CrossCheck;

namespace TechSchoolAid.Cli;

/// <summary>
/// tsa crosscheck run FILE --month YYYY-MM | crosscheck internal --month YYYY-MM | crosscheck export --term 2026-autumn --out FILE [--gbk].
/// Runs as the system actor (ministry level).
/// </summary>
internal static class CrossCheckCommands
{
    public const string Usage = """
          crosscheck run FILE --month YYYY-MM      load the ministry of education's list of a month and create cases (CHK-1, then CHK-2)
          crosscheck internal --month YYYY-MM      look for persons aided twice in one term inside this system (CHK-2)
          crosscheck export --term 2026-autumn --out FILE [--gbk]   our approved aid of a term in the exchange format
        """;

    public static async Task<int> RunAsync(IServiceProvider sp, string[] args, CancellationToken ct)
    {
        string? Option(string name) => CliArgs.Option(args, name);

        var verb = args.Length > 1 ? args[1] : "";
        switch (verb)
        {
            case "run" when args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal):
                var started = System.Diagnostics.Stopwatch.StartNew();
                var r = await sp.GetRequiredService<MonthlyCrossCheck>().RunFileAsync(args[2], Option("--month") ?? "", ct);
                foreach (var x in r.Rejected.Take(20))
                {
                    Console.Error.WriteLine($"第 {x.RowNumber} 行：{x.Reason}（{x.Value}）");
                }

                var i = await sp.GetRequiredService<InternalDuplicates>().RunAsync(r.Month, ct);
                Console.WriteLine($"{r.Month} 比对完成（{r.Encoding}）：共 {r.TotalRows} 行，有效 {r.ValidRows} 行，格式错误 {r.MalformedRows} 行（已列出并保存，不影响比对）；" +
                    $"命中 {r.Matches} 人次，新建比对结果 {r.NewCases} 条；系统内重复新建 {i.NewCases} 条；清理期限 {r.DueDate:yyyy-MM-dd}；用时 {started.Elapsed.TotalSeconds:F1} 秒。");
                return 0;
            case "internal":
                var d = await sp.GetRequiredService<InternalDuplicates>().RunAsync(Option("--month"), ct);
                Console.WriteLine($"{d.Month} 系统内重复资助检查完成：新建比对结果 {d.NewCases} 条，清理期限 {d.DueDate:yyyy-MM-dd}。");
                return 0;
            case "export":
                var term = ExchangeExport.ParseTerm(Option("--term"));
                var path = Option("--out") ?? throw AppException.Invalid("out", "请用 --out 指定输出文件");
                await using (var file = File.Create(path))
                {
                    var rows = await sp.GetRequiredService<ExchangeExport>().WriteAsync(term, args.Contains("--gbk"), file, ct);
                    Console.WriteLine($"已导出 {term} 审核通过的资助名单 {rows} 行到 {path}。");
                }

                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
