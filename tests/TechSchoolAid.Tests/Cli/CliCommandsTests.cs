using System.Globalization;

namespace TechSchoolAid.Tests.Cli;

/// <summary>
/// The commands do their work through the declared command line: the national set generated, loaded, loaded again,
/// cross-checked and exported by this build's tsa.dll on a fresh SQLite database, each option reaching its command, each
/// failure of the work ending with exit 1 and its reason.
/// </summary>
public sealed class CliCommandsTests : IDisposable
{
    private readonly TsaProcess _tsa = new();

    public void Dispose() => _tsa.Dispose();

    private async Task<(int Exit, string Out, string Error)> Ok(params string[] args)
    {
        var run = await _tsa.RunAsync(null, args);
        Assert.True(run.Exit == 0, $"tsa {string.Join(' ', args)} → {run.Exit}: {run.Error}");
        return run;
    }

    [Fact]
    public async Task NationalFlow_GenerateImportCrossCheckExport_OptionsReachTheirCommands()
    {
        var generated = await Ok("generate", "national", "--scale", "0.0005", "--students", "600", "--seed", "11", "--out", "set");
        Assert.Contains("（种子 11，规模 0.0005）", generated.Out, StringComparison.Ordinal);
        Assert.Contains("600 名学生", generated.Out, StringComparison.Ordinal);

        await Ok("db", "migrate");
        var schools = await Ok("import", "schools", Path.Combine("set", "schools.csv"));
        Assert.Contains("已导入", schools.Out, StringComparison.Ordinal);

        var majors = await Ok("import", "majors", "--demo");
        Assert.Contains("演示用专业目录已就绪", majors.Out, StringComparison.Ordinal);
        var students = await Ok("import", "students", Path.Combine("set", "students"), "--batch-size", "100", "--operator", "测试员");
        Assert.Contains("新导入 600 人", students.Out, StringComparison.Ordinal);
        var again = await Ok("import", "students", Path.Combine("set", "students"), "--batch-size", "100");
        Assert.Contains("新导入 0 人", again.Out, StringComparison.Ordinal);

        // The ministry's own file through the command line: checked as the page's upload is; a future edition waits for its date.
        await File.WriteAllTextAsync(Path.Combine(_tsa.Folder, "majors.csv"), "专业代码,专业名称,专业类,涉农,表演艺术类别\n0101,命令行测试专业,测试类,否,否\n");
        var edition = await Ok("import", "majors", "majors.csv", "--name", "命令行测试目录", "--effective", "2030-01-01", "--source", "测试文件");
        Assert.Contains("已导入专业目录“命令行测试目录”：1 个专业", edition.Out, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(_tsa.Folder, "bad.csv"), "a,b\n1,2\n");
        var refused = await _tsa.RunAsync(null, "import", "students", "bad.csv", "--school", "11011001", "--errors", "errors.csv");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("errors.csv", refused.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_tsa.Folder, "errors.csv")));

        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var moe = await Ok("generate", "ministry-file", "--month", month, "--scale", "0.0005", "--students", "600", "--seed", "11", "--rows", "2000", "--gbk", "--out", "moe.csv");
        Assert.Contains("2,000 行", moe.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_tsa.Folder, "moe.csv.expected.json")));
        var check = await Ok("crosscheck", "run", "moe.csv", "--month", month);
        Assert.Contains($"{month} 比对完成（GBK", check.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("共 2000 行", check.Out, StringComparison.Ordinal);
        await Ok("crosscheck", "internal", "--month", month);
        var export = await Ok("crosscheck", "export", "--term", "2026-autumn", "--out", "aid.csv");
        Assert.Contains("已导出", export.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_tsa.Folder, "aid.csv")));

        var verify = await Ok("audit", "verify");
        Assert.Contains("审计链完整", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarAndSeed_RefusalsOfTheWork_ExitOneOrTwoWithTheReason()
    {
        await Ok("db", "migrate");
        await File.WriteAllTextAsync(Path.Combine(_tsa.Folder, "holidays.csv"), "date,kind,name_zh,name_en\n2031-13-01,holiday,元旦,New Year's Day\n");
        var bad = await _tsa.RunAsync(null, "calendar", "import", "holidays.csv");
        Assert.Equal(1, bad.Exit);
        Assert.Contains("文件有错误，未导入任何日期", bad.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(_tsa.Folder, "holidays.csv"), "date,kind,name_zh,name_en\n2031-01-01,holiday,元旦,New Year's Day\n");
        var good = await Ok("calendar", "import", "holidays.csv");
        Assert.Contains("已导入 2031 年共 1 个日期", good.Out, StringComparison.Ordinal);

        // Demo data only in demo mode: a setting, not the work, is wrong.
        var demo = await _tsa.RunAsync(null, "seed", "demo");
        Assert.Equal(2, demo.Exit);
        Assert.Contains("演示模式", demo.Error, StringComparison.Ordinal);
    }
}
