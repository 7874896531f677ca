using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;

namespace TechSchoolAid.Cli;

/// <summary>
/// `tsa account create USER --org CODE --role ROLE [--name NAME]`: the first accounts of a database loaded without demo
/// data (the national set: a ministry administrator, then the accounts a newcomer needs to clear a case). The same
/// checks as the account page (AccountService), run as the system actor; the password is read from standard input, never
/// from the command line (it would stay in the shell history and the process list).
/// </summary>
internal static class AccountCommands
{
    public const string Usage = """
          account create USER --org CODE --role ROLE [--name NAME]
                                   create an account (password from standard input); ROLE e.g. MinistryAdmin, SchoolAidOfficer or 学校资助专管员
        """;

    public static async Task<int> CreateAsync(IServiceProvider sp, string[] args, string userName, CancellationToken ct)
    {
        var roleText = CliArgs.Option(args, "--role");
        if (ParseRole(roleText) is not { } role)
        {
            Console.Error.WriteLine($"请用 --role 指定角色，可选：{string.Join("、", Roles().Select(r => $"{r}（{r.ToChinese()}）"))}");
            return 2;
        }

        var password = ReadPassword();
        try
        {
            var account = await sp.GetRequiredService<AccountService>().CreateAsync(new CreateAccountInput
            {
                UserName = userName,
                DisplayName = CliArgs.Option(args, "--name") ?? userName,
                Role = role,
                OrganizationCode = CliArgs.Option(args, "--org"),
                Password = password,
            }, ct);
            Console.WriteLine($"已创建账号 {account.UserName}（{account.Role.ToChinese()}，{account.OrganizationName} {account.OrganizationCode}）。");
            return 0;
        }
        catch (AppException ex) when (ex.Errors.Count > 0)
        {
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                Console.Error.WriteLine(message);
            }

            return 1;
        }
    }

    private static IEnumerable<Role> Roles() =>
        Enum.GetValues<Role>().Where(r => r is not (Role.Anonymous or Role.SystemJob));

    /// <summary>The role by its name (MinistryAdmin) or its Chinese name (部级管理员).</summary>
    public static Role? ParseRole(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) ? null
            : Roles().Cast<Role?>().FirstOrDefault(r => string.Equals(r.ToString(), t, StringComparison.OrdinalIgnoreCase) || r!.Value.ToChinese() == t);
    }

    /// <summary>One line from standard input; typed without echo at a terminal.</summary>
    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? "";
        }

        Console.Error.Write("密码（至少 10 位，含大写、小写、数字、符号中的三类）：");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
