using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;

namespace TechSchoolAid.Cli;

/// <summary>
/// `tsa account create USER --org CODE --role ROLE [--name NAME]`: the first accounts of a database loaded without demo
/// data (the national set: a ministry administrator, then the accounts a newcomer needs to clear a case). The same
/// checks as the account page (CreateAccount), run as the system actor; the password is read from standard input, never
/// from the command line (it would stay in the shell history and the process list).
/// </summary>
public static class AccountCommands
{
    public static Command Create()
    {
        var user = new Argument<string>("USER") { Description = "登录用户名" };
        var org = new Option<string>("--org") { Description = "所在机构代码（部 000000、省、市或学校代码）", HelpName = "CODE" };
        var role = new Option<string>("--role")
        {
            Description = "角色：英文名或中文名，如 MinistryAdmin、SchoolAidOfficer、学校资助专管员",
            HelpName = "ROLE",
            Required = true,
        };
        role.Validators.Add(r =>
        {
            if (ParseRole(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError(RoleHint);
            }
        });
        role.CompletionSources.Add(_ => Roles().Select(r => r.ToString()));
        var name = new Option<string>("--name") { Description = "显示的姓名（默认同用户名）", HelpName = "NAME" };

        var create = new Command("create", "创建账号，检查与账号页面相同；密码从标准输入读取，不放在命令行上") { user, org, role, name };
        create.SetAction(async (parse, ct) =>
        {
            var userName = parse.GetRequiredValue(user);
            var password = ReadPassword();
            await using var cli = CliHost.Create();
            try
            {
                var account = await cli.Services.GetRequiredService<CreateAccount>().HandleAsync(new CreateAccountInput
                {
                    UserName = userName,
                    DisplayName = parse.GetValue(name) ?? userName,
                    Role = ParseRole(parse.GetValue(role))!.Value,
                    OrganizationCode = parse.GetValue(org),
                    Password = password,
                }, ct);
                Console.WriteLine($"已创建账号 {account.UserName}（{account.Role.ToChinese()}，{account.OrganizationName} {account.OrganizationCode}）。");
                return ExitCodes.Success;
            }
            catch (AppException ex) when (ex.Errors.Count > 0)
            {
                foreach (var message in ex.Errors.SelectMany(e => e.Value))
                {
                    Console.Error.WriteLine(message);
                }

                return ExitCodes.Failure;
            }
        });
        return new Command("account", "账号") { create };
    }

    private static string RoleHint => $"请用 --role 指定角色，可选：{string.Join("、", Roles().Select(r => $"{r}（{r.ToChinese()}）"))}";

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
