using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Modules.Students.Features.Majors;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>The major catalogue's editions on a real database, once per provider (ADR 0025).</summary>
public sealed class MajorCatalogueDataTests
{
    private const string School = "44010004";
    private const string Header = "专业代码,专业名称,专业类,涉农,表演艺术类别";

    private static Task<MajorEditionRow> LoadAsync(TestDatabase db, Actor ministry, string name, DateOnly effective, string rows) =>
        db.As(ministry, sp => sp.GetRequiredService<LoadMajorEdition>().HandleAsync(
            new MajorEditionInput { Name = name, EffectiveFrom = effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Source = "测试发文" },
            Encoding.UTF8.GetBytes(Header + "\n" + rows), "目录.csv", default));

    private static StudentInput Student(string code, string className = "2026级园林1班")
    {
        var input = TestIds.Student(TestIds.Make(birth: "20100909"));
        input.Major = null;
        input.MajorIsAgricultural = null;
        input.MajorCode = code;
        input.ClassName = className;
        return input;
    }

    [Theory]
    [BothDatabases]
    public async Task Editions_NewestInForceOnTheDateIsUsed_FutureOnesWait_AndStudentsKeepTheCodeTheyWereEnteredWith(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ministry = await db.ActorOf("ministry");
        var school = await db.ActorOf($"school-{School}");
        var today = db.Clock.Today();

        var a = await LoadAsync(db, ministry, "测试目录甲", today.AddDays(-60), "P1,精密数控,机械类,否,否\nP2,园林甲,农业类,,否");
        Assert.True(a.InForce);
        var input = Student("P2");
        var idNumber = input.IdNumber;
        var student = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, input, default));
        Assert.Equal(("P2", "园林甲", true), (student.MajorCode, student.Major, student.MajorIsAgricultural));

        // B replaces A from ten days ago and drops P2; C waits for next month.
        var b = await LoadAsync(db, ministry, "测试目录乙", today.AddDays(-10), "P1,精密数控,机械类,否,否\nP3,新专业,信息类,否,否");
        var c = await LoadAsync(db, ministry, "测试目录丙", today.AddDays(30), "P9,未来专业,信息类,否,否");
        Assert.True(b.InForce);
        Assert.False(c.InForce);
        await db.As(ministry, async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            Assert.Equal("测试目录甲", (await MajorCatalogues.EditionInForceAsync(ctx, today.AddDays(-30), default))!.Name);
            Assert.Equal("测试目录乙", (await MajorCatalogues.EditionInForceAsync(ctx, today, default))!.Name);
            Assert.Equal("测试目录丙", (await MajorCatalogues.EditionInForceAsync(ctx, today.AddDays(31), default))!.Name);
            Assert.Equal(3, await ctx.Set<AuditEvent>().CountAsync(e => e.Action == MajorCatalogueAuditActions.EditionLoaded.Code));
            return 0;
        });

        // A new student cannot be entered with P2 any more; with B's P3 it can.
        var refused = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, Student("P2"), default)));
        Assert.Contains("不在现行专业目录（测试目录乙）", refused.Errors["majorCode"][0], StringComparison.Ordinal);
        var newer = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(School, Student("P3", "2026级信息1班"), default));
        Assert.Equal("新专业", newer.Major);

        // The first student keeps P2 when another field is corrected.
        var correction = Student("P2", "2026级园林2班");
        correction.IdNumber = idNumber;
        var corrected = await db.As(school, sp => sp.GetRequiredService<UpdateStudent>().HandleAsync(student.Id, correction, default));
        Assert.Equal(("P2", "园林甲", true, "2026级园林2班"), (corrected.MajorCode, corrected.Major, corrected.MajorIsAgricultural, corrected.ClassName));

        // Of two editions effective the same day, the one loaded later is in force.
        var d = await LoadAsync(db, ministry, "测试目录丁", today.AddDays(-10), "P1,精密数控,机械类,否,否\nP4,更正专业,信息类,否,否");
        Assert.True(d.InForce);
        var view = await db.As(school, sp => MajorCatalogues.InForceAsync(sp.GetRequiredService<TsaDbContext>(), today, default));
        Assert.NotNull(view.Find("P4 更正专业"));
        Assert.Null(view.Find("P3"));
    }

    [Theory]
    [BothDatabases]
    public async Task BadFile_WritesNoEditionAndNoAudit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ministry = await db.ActorOf("ministry");
        var error = await Assert.ThrowsAsync<AppException>(() => LoadAsync(db, ministry, "坏目录", db.Clock.Today(), "P1,好专业,机械类,否,否\nP1,重复,机械类,否,否"));
        Assert.Contains("第 3 行 专业代码：P1 与第 2 行重复", error.Errors["file"][0], StringComparison.Ordinal);
        await db.As(ministry, async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            Assert.False(await ctx.Set<TechSchoolAid.Modules.Students.Domain.MajorCatalogueEdition>().AnyAsync(e => e.Name == "坏目录"));
            Assert.Equal(0, await ctx.Set<AuditEvent>().CountAsync(e => e.Action == MajorCatalogueAuditActions.EditionLoaded.Code));
            return 0;
        });
    }
}
