using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Audit;

/// <summary>AUD-1: the chain detects a changed, a deleted and a reordered event, on both providers.</summary>
public sealed class AuditChainTests
{
    private static Task<(long Checked, IReadOnlyList<ChainProblem> Problems)> Verify(TestDatabase db) =>
        db.As(Actor.System("test"), sp => AuditVerifier.VerifyAsync(sp.GetRequiredService<TsaDbContext>(), default));

    private static async Task AppendEvents(TestDatabase db, int count)
    {
        await db.AsSystemAsync(async (ctx, _) =>
        {
            for (var i = 0; i < count; i++)
            {
                ctx.Record("test.event", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "/", new { before = i }, new { after = i + 1 });
            }

            await ctx.SaveChangesAsync();
        });
    }

    private static Task Sql(TestDatabase db, string sql) =>
        db.AsSystemAsync(async (ctx, _) => await ctx.Database.ExecuteSqlRawAsync(sql));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_UntouchedChain_NoProblems(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        var (count, problems) = await Verify(db);
        Assert.Empty(problems);
        Assert.True(count >= 6);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_ChangedEvent_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "UPDATE audit_events SET \"NewValue\" = '{{\"after\":99}}' WHERE \"Sequence\" = 3");
        var (_, problems) = await Verify(db);
        Assert.Contains(problems, p => p.Sequence == 3 && p.Problem.Contains("篡改"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_DeletedEvent_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "DELETE FROM audit_events WHERE \"Sequence\" = 4");
        var (_, problems) = await Verify(db);
        Assert.Contains(problems, p => p.Sequence == 5 && p.Problem.Contains("删除"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Verify_SwappedEvents_Reported(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        await AppendEvents(db, 5);
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = -1 WHERE \"Sequence\" = 2");
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = 2 WHERE \"Sequence\" = 3");
        await Sql(db, "UPDATE audit_events SET \"Sequence\" = 3 WHERE \"Sequence\" = -1");
        var (_, problems) = await Verify(db);
        Assert.NotEmpty(problems);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Update_ThroughTheApplication_Refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 1);
        var ex = await Assert.ThrowsAsync<AppException>(() => db.AsSystemAsync(async (ctx, _) =>
        {
            var e = await ctx.Set<AuditEvent>().FirstAsync();
            ctx.Remove(e);
            await ctx.SaveChangesAsync();
        }));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
    }
}
