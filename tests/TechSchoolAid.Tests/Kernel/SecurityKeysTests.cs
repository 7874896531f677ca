using System.Text.Json;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;

namespace TechSchoolAid.Tests.Kernel;

/// <summary>Keys and the checkpoint folder: configured in production (or the application stops), a key file elsewhere.</summary>
public sealed class SecurityKeysTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsa-keys-" + Guid.NewGuid().ToString("N"));

    private static string Key(byte b) => Convert.ToBase64String(Enumerable.Repeat(b, 32).ToArray());

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Load_ProductionWithoutAuditKey_Refuses()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SecurityKeys.Load(new PersonalDataOptions { DataKey = Key(1), IndexKey = Key(2) }, _dir));
        Assert.Contains("Security:AuditKey", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void CheckpointStore_ProductionWithoutFolder_Refuses()
    {
        var hasher = new AuditChainHasher(new byte[32], KeyedHash.HmacSha256);
        var ex = Assert.Throws<InvalidOperationException>(() => AuditCheckpointStore.Create(new AuditOptions(), new PersonalDataOptions(), _dir, hasher));
        Assert.Contains("Audit:CheckpointFolder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Configured_UsesConfiguredKeys()
    {
        var keys = SecurityKeys.Load(new PersonalDataOptions { DataKey = Key(1), IndexKey = Key(2), AuditKey = Key(3) }, _dir);
        Assert.Equal(Enumerable.Repeat((byte)3, 32), keys.AuditKey);
    }

    [Fact]
    public void Load_DevelopmentKeyFileWithoutAuditKey_AddsOneAndKeepsTheOthers()
    {
        // A key file from before the keyed chain: its data and index keys must survive, or stored ID numbers are lost.
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "keys.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { DataKey = Key(1), IndexKey = Key(2) }));
        var options = new PersonalDataOptions { AllowKeyFile = true, KeyFile = path };

        var first = SecurityKeys.Load(options, _dir);
        var second = SecurityKeys.Load(options, _dir);
        Assert.Equal(Enumerable.Repeat((byte)1, 32), first.DataKey);
        Assert.Equal(Enumerable.Repeat((byte)2, 32), first.IndexKey);
        Assert.Equal(first.AuditKey, second.AuditKey);
        Assert.Equal(Path.Combine(_dir, "audit-checkpoints"), AuditCheckpointStore.Create(new AuditOptions(), options, _dir, new AuditChainHasher(first.AuditKey, KeyedHash.HmacSha256)).Folder);
    }
}
