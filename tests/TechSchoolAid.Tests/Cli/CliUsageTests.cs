extern alias cli;

using cli::TechSchoolAid.Cli;
using Microsoft.Extensions.Time.Testing;

namespace TechSchoolAid.Tests.Cli;

/// <summary>
/// Issue 15, item 7: every tsa command answers --help with its usage and exit 0, and a wrong command line with a clear
/// message and exit 2, without opening the database or writing a file (once, `generate national --help` wrote a 1 GB
/// data set into the current folder). The commands come from the declared tree, so a new command is covered here too.
/// </summary>
public sealed class CliUsageTests : IDisposable
{
    private readonly TsaProcess _tsa = new();

    public void Dispose() => _tsa.Dispose();

    /// <summary>Every command of the tree by its words ("" is tsa itself).</summary>
    public static TheoryData<string> Commands() => [.. CommandLines()];

    private static IEnumerable<string> CommandLines() =>
        TsaCommandLine.AllCommands(TsaCommandLine.Build()).Select(c => string.Join(' ', c.Path)).Prepend("");

    [Fact]
    public void Tree_HoldsEveryCommandTheOldCommandLineHad()
    {
        var commands = CommandLines().ToHashSet();
        string[] expected =
        [
            "db migrate", "seed demo", "audit verify", "calendar import", "import schools", "import students",
            "generate national", "generate aid", "generate ministry-file", "crosscheck run", "crosscheck internal",
            "crosscheck export", "account create",
        ];
        Assert.All(expected, c => Assert.Contains(c, commands));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_AnyCommand_PrintsItsUsageExitsZeroAndDoesNothing(string command)
    {
        string[] words = command.Length == 0 ? [] : command.Split(' ');

        var help = await _tsa.RunAsync(null, [.. words, "--help"]);

        Assert.True(help.Exit == 0, help.Error);
        Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
        Assert.Contains(("tsa " + command).TrimEnd() + " ", help.Out, StringComparison.Ordinal);
        Assert.Equal("", help.Error);
        Assert.Empty(_tsa.Written());
    }

    [Theory]
    [InlineData("generate national --bogus", "--bogus")]
    [InlineData("generate national --scale 0", "--scale 应在 0 到 10 之间")]
    [InlineData("generate national --scale abc", "--scale 应是数字，“abc”不是")]
    [InlineData("generate national --seed 1.5", "--seed 应是整数")]
    [InlineData("generate national --students 0", "--students 不能小于 1")]
    [InlineData("generate ministry-file --month 2026-13 --out moe.csv", "--month 应为比对月份 YYYY-MM")]
    [InlineData("generate ministry-file --month 2026-10 --out moe.csv --overlap -1", "--overlap 不能小于 0")]
    [InlineData("generate aid --term 2026-summer", "学期格式应为")]
    [InlineData("crosscheck run missing.csv --month 2026-10", "文件不存在：missing.csv")]
    [InlineData("crosscheck export --term 2026-autumn --out no-such-folder/aid.csv", "--out 所在的目录不存在")]
    [InlineData("import schools missing.csv", "文件不存在：missing.csv")]
    [InlineData("import students nowhere", "找不到要导入的 CSV 文件：nowhere")]
    [InlineData("import students nowhere --as approved --batch-size 0", "--batch-size 应在 1 到 1,000,000 之间")]
    [InlineData("import students nowhere --as rejected", "'rejected'")]
    [InlineData("account create moe-admin --org 000000 --role Superuser", "请用 --role 指定角色")]
    [InlineData("completion fish", "'fish'")]
    [InlineData("seed demo now", "'now'")]
    [InlineData("nonsense", "'nonsense'")]
    public async Task UsageError_UnknownOptionOrBadValue_ExitsTwoWithTheReasonAndDoesNothing(string commandLine, string reason)
    {
        var run = await _tsa.RunAsync(null, commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Empty(_tsa.Written());
    }

    [Theory]
    [InlineData("generate aid", "--term")]
    [InlineData("generate ministry-file --out moe.csv", "--month")]
    [InlineData("generate ministry-file --month 2026-10", "--out")]
    [InlineData("crosscheck run --month 2026-10", "'run'")]
    [InlineData("crosscheck internal", "--month")]
    [InlineData("crosscheck export --term 2026-autumn", "--out")]
    [InlineData("calendar import", "'import'")]
    [InlineData("account create moe-admin --org 000000", "--role")]
    public async Task UsageError_MissingRequiredOptionOrArgument_ExitsTwoAndNamesIt(string commandLine, string missing)
    {
        var run = await _tsa.RunAsync(null, commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.Contains("required", run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.Empty(_tsa.Written());
    }

    [Theory]
    [InlineData("")]
    [InlineData("generate")]
    [InlineData("crosscheck")]
    public async Task UsageError_GroupWithoutItsCommand_ExitsTwoAndShowsTheGroupsCommands(string command)
    {
        var run = await _tsa.RunAsync(null, command.Length == 0 ? [] : [command]);

        Assert.Equal(2, run.Exit);
        Assert.Contains("Commands:", run.Error, StringComparison.Ordinal);
        Assert.Empty(_tsa.Written());
    }

    [Fact]
    public async Task Completion_SuggestsTheDeclaredValues()
    {
        var subcommands = await _tsa.RunAsync(null, "[suggest:9]", "generate ");
        var landings = await _tsa.RunAsync(null, "[suggest:23]", "import students x --as ");
        var script = await _tsa.RunAsync(null, "completion", "bash");

        Assert.Equal(0, subcommands.Exit);
        Assert.Equal(["aid", "ministry-file", "national"], subcommands.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.StartsWith('-') && !s.StartsWith('/')));
        Assert.Equal(["approved", "collected"], landings.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, script.Exit);
        Assert.Contains("complete -o default -F _tsa_complete tsa", script.Out, StringComparison.Ordinal);
        Assert.Empty(_tsa.Written());
    }

    [Fact]
    public async Task GenerateNational_OutputRedirected_ProgressAsPlainLinesAndTheResultOnStdout()
    {
        var run = await _tsa.RunAsync(null, "generate", "national", "--scale", "0.0005", "--students", "1500", "--out", "set");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("已生成全国数据（种子 20260901，规模 0.0005）", run.Out, StringComparison.Ordinal);
        Assert.Contains("生成学生 100%  1,500 人", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', run.Error);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Contains("set/schools.csv", _tsa.Written());
    }

    [Fact]
    public async Task DbMigrate_DatabaseCannotBeOpened_ExitsOneWithTheReasonNotAStackTrace()
    {
        _tsa.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_tsa.Folder, "no-such-folder", "tsa.db")}";

        var run = await _tsa.RunAsync(null, "db", "migrate");

        Assert.Equal(1, run.Exit);
        Assert.Contains("命令失败：", run.Error, StringComparison.Ordinal);
        Assert.Contains("unable to open database file", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Empty(_tsa.Written());
    }

    [Fact]
    public void PlainProgress_OneLinePerTenthOfEachPart_NeverRedrawn()
    {
        var clock = new FakeTimeProvider();
        var output = new StringWriter { NewLine = "\n" };
        var progress = new PlainProgress(output, clock);

        foreach (var (fraction, count) in new[] { (0.0, 0L), (0.05, 50), (0.1, 100), (0.15, 150), (0.35, 350), (1.0, 1000) })
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Report("导入学生", "行", fraction, count);
        }

        progress.Report("导入学生", "行", 0.2, 200);
        progress.Report("生成教育部名单", "行", 0.5, 5);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["导入学生  10%  100 行", "导入学生  30%  350 行", "导入学生 100%  1,000 行", "生成教育部名单  50%  5 行"],
            lines.Select(l => l[..l.IndexOf(" 行", StringComparison.Ordinal)] + " 行"));
        Assert.Contains("导入学生 100%  1,000 行  200 行/秒  已用 0:05", lines[2], StringComparison.Ordinal);
    }
}
