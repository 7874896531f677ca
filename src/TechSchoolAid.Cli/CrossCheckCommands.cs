using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.CrossCheck.Features;

namespace TechSchoolAid.Cli;

/// <summary>
/// tsa crosscheck run FILE --month YYYY-MM | internal --month YYYY-MM | export --term 2026-autumn --out FILE [--gbk]
/// (docs/crosscheck-exchange-format.md). Runs as the system actor (ministry level).
/// </summary>
public static class CrossCheckCommands
{
    public static Command Create() => new("crosscheck", "与教育部名单比对，系统内重复资助检查，导出交换文件") { Run(), Internal(), Export() };

    private static Command Run()
    {
        var file = CliOptions.ExistingFile("FILE", "教育部的月度名单（交换格式 CSV，UTF-8 或 GBK）");
        var month = CliOptions.Month("比对月份");
        var run = new Command("run", "导入教育部一个月的名单并生成比对结果（CHK-1），再做系统内重复检查（CHK-2）") { file, month };
        run.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            var started = Stopwatch.StartNew();
            var r = await cli.Services.GetRequiredService<MonthlyCrossCheck>().RunFileAsync(parse.GetRequiredValue(file).FullName, parse.GetRequiredValue(month), ct);
            foreach (var x in r.Rejected.Take(20))
            {
                Console.Error.WriteLine($"第 {x.RowNumber} 行：{x.Reason}（{x.Value}）");
            }

            var i = await cli.Services.GetRequiredService<InternalDuplicates>().RunAsync(r.Month, ct);
            Console.WriteLine($"{r.Month} 比对完成（{r.Encoding}）：共 {r.TotalRows} 行，有效 {r.ValidRows} 行，格式错误 {r.MalformedRows} 行（已列出并保存，不影响比对）；" +
                $"命中 {r.Matches} 人次，新建比对结果 {r.NewCases} 条；系统内重复新建 {i.NewCases} 条；清理期限 {r.DueDate:yyyy-MM-dd}；用时 {started.Elapsed.TotalSeconds:F1} 秒。");
            return ExitCodes.Success;
        });
        return run;
    }

    private static Command Internal()
    {
        var month = CliOptions.Month("检查月份（记入比对记录）");
        var command = new Command("internal", "查找同一学期在本系统内被资助两次的人（CHK-2）") { month };
        command.SetAction(async (parse, ct) =>
        {
            await using var cli = CliHost.Create();
            var d = await cli.Services.GetRequiredService<InternalDuplicates>().RunAsync(parse.GetRequiredValue(month), ct);
            Console.WriteLine($"{d.Month} 系统内重复资助检查完成：新建比对结果 {d.NewCases} 条，清理期限 {d.DueDate:yyyy-MM-dd}。");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var term = CliOptions.Term();
        var output = CliOptions.OutputFile("输出的 CSV 文件", folderMustExist: true);
        var gbk = new Option<bool>("--gbk") { Description = "用 GBK 编码（默认 UTF-8）" };
        var export = new Command("export", "以交换格式导出一个学期审核通过的资助名单") { term, output, gbk };
        export.SetAction(async (parse, ct) =>
        {
            var aidTerm = ExchangeExport.ParseTerm(parse.GetRequiredValue(term));
            var path = parse.GetRequiredValue(output);
            await using var cli = CliHost.Create();
            await using var file = File.Create(path.FullName);
            var rows = await cli.Services.GetRequiredService<ExchangeExport>().WriteAsync(aidTerm, parse.GetValue(gbk), file, ct);
            Console.WriteLine($"已导出 {aidTerm} 审核通过的资助名单 {rows} 行到 {path}。");
            return ExitCodes.Success;
        });
        return export;
    }
}
