using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Features.Schools;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features.Lookups;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>The pickers' lookups on a real database, once per provider (issue 13 item 3, docs/adr/0026-pickers.md).</summary>
public sealed class StudentLookupDataTests
{
    private const string School = "44010004";

    private static Task<StudentLookupResult> Find(TestDatabase db, Actor actor, string? q, string? school = null, string? className = null) =>
        db.As(actor, sp => sp.GetRequiredService<LookupStudents>().HandleAsync(new StudentLookupInput(q, school, className), default));

    [Theory]
    [BothDatabases]
    public async Task StudentLookup_NameStartFirst_IdTail_ClassAndScope(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var city = await db.ActorOf("city-4401");

        // One of the school's students, with its clear number (read here only to type its last four characters).
        var (student, idNumber) = await db.As(Actor.System("test"), async sp =>
        {
            var s = await sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().AsNoTracking().Where(x => x.SchoolCode == School).OrderBy(x => x.Name).FirstAsync();
            return (s, sp.GetRequiredService<PersonalDataProtector>().Decrypt(s.IdNumberCipher));
        });

        // By name: the student is found, and every pick whose name starts with the text comes before those that merely contain it.
        var byName = await Find(db, clerk, student.Name[..1]);
        Assert.Contains(byName.Items, p => p.Id == student.Id);
        var starts = byName.Items.Select(p => p.Name.StartsWith(student.Name[..1], StringComparison.Ordinal)).ToList();
        Assert.Equal(starts.OrderByDescending(x => x), starts);

        // By the ID number's last four characters; the pick carries the mask, never the number.
        var byTail = await Find(db, clerk, idNumber[^4..]);
        var pick = Assert.Single(byTail.Items, p => p.Id == student.Id);
        Assert.Equal(student.IdNumberMasked, pick.IdNumberMasked);
        Assert.DoesNotContain(idNumber[3..17], pick.IdNumberMasked, StringComparison.Ordinal);

        // By class: only that class.
        var byClass = await Find(db, clerk, null, className: student.ClassName);
        Assert.NotEmpty(byClass.Items);
        Assert.All(byClass.Items, p => Assert.Equal(student.ClassName, p.ClassName));

        // Scope: the school sees only itself even when it names another; the city sees its schools; the tail needs a school above one.
        Assert.All((await Find(db, clerk, "级", "44010007")).Items, p => Assert.Equal(School, p.SchoolCode));
        Assert.All((await Find(db, city, "级")).Items, p => Assert.StartsWith("4401", p.SchoolCode, StringComparison.Ordinal));
        Assert.Empty((await Find(db, city, idNumber[^4..])).Items);
        Assert.Contains((await Find(db, city, idNumber[^4..], School)).Items, p => p.Id == student.Id);

        // Bad text: 400 naming the field, in Chinese.
        var bidi = await Assert.ThrowsAsync<AppException>(() => Find(db, clerk, "王\u202E明"));
        Assert.Equal(ErrorKind.Validation, bidi.Kind);
        Assert.True(bidi.Errors.ContainsKey("q"));
        var whole = await Assert.ThrowsAsync<AppException>(() => Find(db, clerk, idNumber));
        Assert.Contains("后四位", whole.Message, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task ClassAndSchoolLookups_CountAndStayInScope(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clerk = await db.ActorOf($"school-{School}-records");
        var city = await db.ActorOf("city-4401");

        var classes = await db.As(clerk, sp => sp.GetRequiredService<ListSchoolClasses>().HandleAsync(School, null, default));
        var counted = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().CountAsync(s => s.SchoolCode == School));
        Assert.Equal(counted, classes.Items.Sum(c => c.Students));
        Assert.Empty((await db.As(clerk, sp => sp.GetRequiredService<ListSchoolClasses>().HandleAsync("44010007", null, default))).Items);

        var schools = await db.As(city, sp => sp.GetRequiredService<LookupSchools>().HandleAsync(null, default));
        Assert.NotEmpty(schools.Items);
        Assert.All(schools.Items, s => Assert.StartsWith("4401", s.Code, StringComparison.Ordinal));
        Assert.Equal(School, Assert.Single((await db.As(clerk, sp => sp.GetRequiredService<LookupSchools>().HandleAsync(null, default))).Items).Code);
    }
}
