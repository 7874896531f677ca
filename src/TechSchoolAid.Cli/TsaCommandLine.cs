using System.CommandLine;
using System.CommandLine.Invocation;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Cli;

/// <summary>
/// The tsa command tree, declared once: each command's options carry their help, default and validation, so --help, a
/// usage error (exit 2) and tab completion come from the same declaration, before any database is opened or file written.
/// </summary>
public static class TsaCommandLine
{
    public static RootCommand Build() => new("TechSchoolAid 批处理命令（tsa）：数据库迁移、导入、比对、全国数据生成、账号、审计。配置来自环境变量或当前目录的 appsettings.json，与网站相同（Database__Provider、ConnectionStrings__Default、Security__DataKey …）。")
    {
        DatabaseCommands.Db(),
        DatabaseCommands.Seed(),
        DatabaseCommands.Audit(),
        DatabaseCommands.Keys(),
        DatabaseCommands.Calendar(),
        ImportCommands.Create(),
        GenerateCommands.Create(),
        CrossCheckCommands.Create(),
        AccountCommands.Create(),
        CompletionCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return ReportUsageError(root, parse);
        }

        try
        {
            // System.CommandLine's own handler would print a stack trace and exit 1 for any exception; a failure of
            // the work is not a crash, so the cases below answer with its reason. Ctrl+C cancels the actions' token.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (AppException ex)
        {
            Console.Error.WriteLine(ex.Message);
            foreach (var message in ex.Errors.SelectMany(e => e.Value).Where(m => m != ex.Message))
            {
                Console.Error.WriteLine(message);
            }

            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("已取消。");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"读写文件失败：{ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // A database that cannot be reached, a configuration that does not hold: the operator needs the reasons,
            // outermost first, not an abort with a stack trace.
            Console.Error.WriteLine("命令失败：" + string.Join(" → ", Chain(ex).Select(e => $"{e.Message}（{e.GetType().Name}）")));
            return ExitCodes.Failure;
        }
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>
    /// Every parse error on stderr, then how to get help; a command group called without its subcommand (tsa generate)
    /// shows its help, since that is what the operator was looking for.
    /// </summary>
    private static int ReportUsageError(RootCommand root, ParseResult parse)
    {
        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine(error.Message);
        }

        var path = CommandPath(parse.CommandResult.Command);
        if (parse.CommandResult.Command.Action is null && parse.UnmatchedTokens.Count == 0)
        {
            root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
        }
        else
        {
            Console.Error.WriteLine($"用法见 tsa {string.Join(' ', [.. path, "--help"])}");
        }

        return ExitCodes.Usage;
    }

    /// <summary>The words from the root to <paramref name="command"/>, without the root's own name.</summary>
    public static IReadOnlyList<string> CommandPath(Command command)
    {
        var words = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            words.Insert(0, c.Name);
        }

        return words;
    }

    /// <summary>Every command of the tree, depth first, with its path; tests walk it so that no command escapes them.</summary>
    public static IEnumerable<(IReadOnlyList<string> Path, Command Command)> AllCommands(Command root)
    {
        foreach (var sub in root.Subcommands)
        {
            yield return (CommandPath(sub), sub);
            foreach (var inner in AllCommands(sub))
            {
                yield return inner;
            }
        }
    }
}
