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

    [Fact]
    public async Task AuditVerify_EventsCutAfterACheckpoint_ExitsNonZeroInChinese()
    {
        Assert.Equal(0, (await Tsa(null, "db", "migrate")).Exit);
        Assert.Equal(0, (await Tsa("Moe@Admin2026x", "account", "create", "moe-admin", "--org", "000000", "--role", "MinistryAdmin")).Exit);
        var intact = await Tsa(null, "audit", "verify");
        Assert.True(intact.Exit == 0, intact.Out + intact.Error);
        Assert.Single(Directory.GetFiles(Path.Combine(_tsa.Folder, "checkpoints"), "audit-checkpoint-*.json"));

        // Someone with database rights removes the last event (the account's creation, here the only one): what is left
        // agrees with itself, only the checkpoint outside the database knows better.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_tsa.Folder, "tsa.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM audit_events WHERE \"Sequence\" = (SELECT MAX(\"Sequence\") FROM audit_events)";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var cut = await Tsa(null, "audit", "verify");
        Assert.Equal(1, cut.Exit);
        Assert.Contains("审计日志被整体删除", cut.Out, StringComparison.Ordinal);
        Assert.Contains("审计链被破坏", cut.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRotate_AsAnOperatorRunsIt_CompletesThenHasNothingLeft()
    {
        Assert.Equal(0, (await Tsa(null, "db", "migrate")).Exit);
        var refused = await Tsa(null, "keys", "rotate", "--batch-size", "0");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("每批条数应在 1 到 10000 之间", refused.Error, StringComparison.Ordinal);

        var rotated = await Tsa(null, "keys", "rotate", "--batch-size", "100");
        Assert.True(rotated.Exit == 0, rotated.Out + rotated.Error);
        Assert.Contains("已轮换到 AES-256-GCM/1+HMAC-SHA256", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("已完成", rotated.Out, StringComparison.Ordinal);
        var again = await Tsa(null, "keys", "rotate");
        Assert.Contains("接续上次进度", again.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
    }
}
