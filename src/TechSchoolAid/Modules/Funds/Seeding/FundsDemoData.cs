using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>
/// The demo's money, after the aid lists (the approved lines are what is paid): a budget for every level, a payment batch
/// per paying school with a return file holding a failed line, and a year to close. Demo mode only, once (the first
/// allocation marks it done).
/// </summary>
public static class FundsDemoData
{
    public static async Task<bool> EnsureAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        if (await db.Unscoped<Allocation>("demo and reference data are seeded by the system for the whole country").AnyAsync(ct))
        {
            return false;
        }

        await BudgetDemoData.SeedAsync(sp, clock, ct);
        await PaymentDemoData.SeedAsync(sp, clock, ct);
        await ClosingDemoData.SeedAsync(sp, clock, ct);
        return true;
    }
}
