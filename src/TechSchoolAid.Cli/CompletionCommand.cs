using System.CommandLine;

namespace TechSchoolAid.Cli;

/// <summary>
/// tsa completion bash: a bash completion script. It asks tsa itself through System.CommandLine's [suggest] directive, so
/// completions (commands, options, roles, --as values, terms) come from the same declarations as the parser.
/// </summary>
public static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "目前支持 bash" };
        shell.AcceptOnlyFromAmong("bash");
        var command = new Command("completion", "打印 Tab 补全脚本，例如：source <(tsa completion bash)") { shell };
        command.SetAction(_ =>
        {
            Console.Write(BashScript);
            return ExitCodes.Success;
        });
        return command;
    }

    // COMP_LINE includes the program name; the directive wants the line after it and the cursor position in that line.
    private const string BashScript = """
        _tsa_complete() {
            local line="${COMP_LINE#* }"
            local position=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${position}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _tsa_complete tsa

        """;
}
