using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace TechSchoolAid.Web.Tests;

/// <summary>
/// Production stops at start, before touching the database, when the audit key or the checkpoint folder is missing:
/// an unkeyed or unanchored audit chain would look trustworthy and not be.
/// </summary>
public sealed class ProductionStartupTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsa-prod-start-" + Guid.NewGuid().ToString("N"));

    public ProductionStartupTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("Security:AuditKey")]
    [InlineData("Audit:CheckpointFolder")]
    public void Production_WithoutAuditKeyOrCheckpointFolder_RefusesToStart(string missing)
    {
        var settings = new Dictionary<string, string>
        {
            ["Security:DataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Security:IndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Security:AuditKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Audit:CheckpointFolder"] = Path.Combine(_dir, "checkpoints"),
        };
        settings.Remove(missing);
        var database = Path.Combine(_dir, "tsa.db");
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Default", $"Data Source={database}");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains(missing, ex.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }
}
