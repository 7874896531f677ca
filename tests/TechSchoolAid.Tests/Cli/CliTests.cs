namespace TechSchoolAid.Tests.Cli;

/// <summary>
/// The `tsa` command as an operator runs it: this build's tsa.dll in its own process, on a fresh SQLite database. First
/// accounts of a database without demo data (the national set, production) come from `tsa account create`.
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly TsaProcess _tsa = new();

    public void Dispose() => _tsa.Dispose();

    private Task<(int Exit, string Out, string Error)> Tsa(string? input, params string[] args) => _tsa.RunAsync(input, args);

    [Fact]
    public async Task AccountCreate_PasswordFromStandardInput_WithTheAccountPagesChecks()
    {
        var migrate = await Tsa(null, "db", "migrate");
        Assert.True(migrate.Exit == 0, migrate.Error);

        var created = await Tsa("Moe@Admin2026x", "account", "create", "moe-admin", "--org", "000000", "--role", "MinistryAdmin", "--name", "部级管理员");
        Assert.True(created.Exit == 0, created.Error);
        Assert.Contains("已创建账号 moe-admin（部级管理员", created.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Moe@Admin2026x", created.Out + created.Error, StringComparison.Ordinal);

        // Refusals, each with its reason and nothing written: the same name again, a weak password, an unknown
        // organisation, a role that is not one, a role at the wrong level.
        var again = await Tsa("Moe@Admin2026x", "account", "create", "moe-admin", "--org", "000000", "--role", "部级管理员");
        Assert.Equal(1, again.Exit);
        Assert.Contains("用户名已被使用", again.Error, StringComparison.Ordinal);
        var weak = await Tsa("short", "account", "create", "moe-2", "--org", "000000", "--role", "MinistryAdmin");
        Assert.Equal(1, weak.Exit);
        Assert.Contains("密码至少 10 位", weak.Error, StringComparison.Ordinal);
        var noOrg = await Tsa("Moe@Admin2026x", "account", "create", "moe-3", "--org", "99999999", "--role", "MinistryAdmin");
        Assert.Equal(1, noOrg.Exit);
        Assert.Contains("机构代码不存在", noOrg.Error, StringComparison.Ordinal);
        var noRole = await Tsa("Moe@Admin2026x", "account", "create", "moe-4", "--org", "000000", "--role", "Superuser");
        Assert.Equal(2, noRole.Exit);
        Assert.Contains("请用 --role 指定角色", noRole.Error, StringComparison.Ordinal);
        var wrongLevel = await Tsa("Moe@Admin2026x", "account", "create", "moe-5", "--org", "000000", "--role", "SchoolAidOfficer");
        Assert.Equal(1, wrongLevel.Exit);
        Assert.Contains("不能设在", wrongLevel.Error, StringComparison.Ordinal);

        // The creation is an audit event, and the chain is intact.
        var verify = await Tsa(null, "audit", "verify");
        Assert.True(verify.Exit == 0, verify.Out + verify.Error);
        Assert.Contains("审计链完整", verify.Out, StringComparison.Ordinal);
    }
}
