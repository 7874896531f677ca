using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Accounts.Features;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Web.Hosting;

/// <summary>On start: apply migrations, load reference data and the calendar, and in demo mode fill an empty database.</summary>
public static class DatabaseStartup
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorAccessor>().Actor = Actor.System("startup");
        var db = sp.GetRequiredService<TsaDbContext>();
        var config = sp.GetRequiredService<IConfiguration>();
        if (config.GetValue("Database:MigrateOnStart", true))
        {
            await db.Database.MigrateAsync(ct);

            // A one-time data step of the stronger mask: it scans every masked column, so it belongs with the
            // migrations (here and `tsa db migrate`), not with every node's start.
            await IdMaskUpgrade.RunAsync(db, ct);
        }

        await ReferenceData.EnsureAsync(db, ct);
        await sp.GetRequiredService<WorkingDays>().ReloadAsync(db, ct);
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled)
        {
            var perSchool = config.GetValue("Demo:StudentsPerSchool", 150);
            await DemoData.EnsureAsync(db, sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<TimeProvider>(), demo.Password, perSchool, ct);
            await GraduationDemoData.EnsureAsync(db, sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<TimeProvider>(), ct);
            if (config.GetValue("Demo:AidRounds", true))
            {
                await AidDemoData.EnsureAsync(sp, sp.GetRequiredService<TimeProvider>(), ct);

                // Last month's ministry file, loaded by the real loader against the approved lines above (CHK-1/2).
                if (config.GetValue("Demo:CrossCheck", true))
                {
                    await CrossCheckDemoData.EnsureAsync(sp, sp.GetRequiredService<TimeProvider>(), ct);
                }

                // The money of the approved lists above: budgets, batches, a return file with a failed line (FND-1..3).
                if (config.GetValue("Demo:Funds", true))
                {
                    await Modules.Funds.Seeding.FundsDemoData.EnsureAsync(sp, sp.GetRequiredService<TimeProvider>(), ct);
                }
            }

            // Last year's reports and an open data request, generated from everything above (RPT-1).
            await Modules.Reports.Seeding.ReportsDemoData.EnsureAsync(sp, sp.GetRequiredService<TimeProvider>(), ct);
        }
    }
}
