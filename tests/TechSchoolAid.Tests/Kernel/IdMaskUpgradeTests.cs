using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Kernel;

public sealed class IdMaskUpgradeTests
{
    [Theory]
    [BothDatabases]
    public async Task Run_RowsWithTheOldMask_GetTheNewMaskAndASecondRunChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.AsSystemAsync(async (ctx, _) =>
        {
            // The demo data is written with today's mask; put the old one back on every row, as a database from before has it.
            var students = await ctx.Set<StudentRecord>().IgnoreQueryFilters().CountAsync(s => s.IdNumberMasked.Length == 18);
            await ctx.Database.ExecuteSqlRawAsync(
                "UPDATE student_records SET \"IdNumberMasked\" = '440524' || '********' || '5368' WHERE length(\"IdNumberMasked\") = 18");

            var changed = await IdMaskUpgrade.RunAsync(ctx, default);

            Assert.True(changed >= students, $"{changed} rows changed, {students} students");
            var masks = await ctx.Set<StudentRecord>().IgnoreQueryFilters().Where(s => s.IdNumberMasked.Length == 18).Select(s => s.IdNumberMasked).Distinct().ToListAsync();
            Assert.Equal(["440**************8"], masks);
            Assert.Equal(IdDocument.Mask("440524200901015368"), masks[0]);
            Assert.Equal(0, await IdMaskUpgrade.RunAsync(ctx, default));
        });
    }
}
