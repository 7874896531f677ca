using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>
/// SEC-3: every personal-data path on both algorithm sets (register, search by ID number, reveal, the audit chain), and
/// the resumable rotation from one set and key to the other while both stay readable.
/// </summary>
public sealed class PersonalDataSuiteTests
{
    private const string CitySchool = "44010004";

    public static TheoryData<string, CryptoSuite> SuitesAndProviders => new()
    {
        { TestDatabase.Sqlite, CryptoSuite.Standard },
        { TestDatabase.Sqlite, CryptoSuite.GuoMi },
        { TestDatabase.Postgres, CryptoSuite.Standard },
        { TestDatabase.Postgres, CryptoSuite.GuoMi },
    };

    private static Dictionary<string, string?> Suite(CryptoSuite suite) => new() { ["Crypto:Suite"] = suite.ToString() };

    private static Task<PagedResult<StudentDto>> Search(TestDatabase db, Actor actor, string text) =>
        db.As(actor, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter { Search = text, PageSize = 50 }, default));

    [Theory]
    [MemberData(nameof(SuitesAndProviders))]
    public async Task PersonalDataPaths_UnderEachSuite_WorkAndAreWrittenWithIt(string provider, CryptoSuite suite)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 2, Suite(suite));
        var school = await db.ActorOf($"school-{CitySchool}");
        var id = TestIds.Make();
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id), default));

        var found = await Search(db, school, id);
        Assert.Equal(record.Id, Assert.Single(found.Items).Id);
        Assert.Equal(id, await db.As(school, sp => sp.GetRequiredService<StudentQueries>().RevealIdNumberAsync(record.Id, default)));

        // ENR-4 through the blind index of this suite: the same person cannot be registered twice.
        var duplicate = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id, "李重复"), default)));
        Assert.Equal(ErrorKind.Conflict, duplicate.Kind);

        var (alg, auditAlgorithms) = await db.As(Actor.System("test"), async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            var stored = await ctx.Set<StudentRecord>().IgnoreQueryFilters().SingleAsync(s => s.Id == record.Id);
            var algorithms = await ctx.Set<AuditEvent>().IgnoreQueryFilters().Select(e => e.HashAlgorithm).Distinct().ToListAsync();
            return (stored.IdNumberCipher[1], algorithms);
        });
        Assert.Equal(suite == CryptoSuite.GuoMi ? PersonalDataProtector.Sm4Gcm : PersonalDataProtector.Aes256Gcm, alg);
        Assert.Equal([KeyedHash.For(suite)], auditAlgorithms);

        var verification = await db.VerifyAuditAsync();
        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
    }

    [Theory]
    [BothDatabases]
    public async Task Rotation_StandardToGuoMiWithNewKeys_ResumesAndKeepsEveryPathWorking(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, studentsPerSchool: 2);
        var school = await db.ActorOf($"school-{CitySchool}");
        var id = TestIds.Make();
        var record = await db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id), default));
        var total = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().IgnoreQueryFilters().CountAsync());

        // The operator's new configuration: 国密, data key 2 and a new index key, the old ones kept until the job is done.
        var rotating = new Dictionary<string, string?>
        {
            ["Crypto:Suite"] = "GuoMi",
            ["Crypto:PreviousSuite"] = "Standard",
            ["Security:DataKeyId"] = "2",
            ["Security:DataKey"] = Convert.ToBase64String(Enumerable.Range(61, 32).Select(i => (byte)i).ToArray()),
            ["Security:PreviousDataKeys:1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Security:IndexKey"] = Convert.ToBase64String(Enumerable.Range(161, 32).Select(i => (byte)i).ToArray()),
            ["Security:PreviousIndexKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        };
        await db.ReconfigureAsync(rotating);
        Task<KeyRotationResult> Rotate(int? maxBatches) =>
            db.As(Actor.System("keys"), sp => sp.GetRequiredService<RotatePersonalDataKeys>().HandleAsync(5, maxBatches, null, default));

        // Stopped after one batch (a crash between batches): committed progress, and the rows not reached yet are read
        // and found as before.
        var first = await Rotate(1);
        Assert.False(first.Completed);
        Assert.Equal(5, first.RowsChecked);
        Assert.Equal("SM4-GCM/2+HMAC-SM3", first.Target);
        Assert.Equal(record.Id, Assert.Single((await Search(db, school, id)).Items).Id);
        Assert.Equal(id, await db.As(school, sp => sp.GetRequiredService<StudentQueries>().RevealIdNumberAsync(record.Id, default)));

        var rest = await Rotate(null);
        Assert.True(rest.Resumed);
        Assert.True(rest.Completed);
        Assert.Equal(total, rest.RowsChecked);
        Assert.Equal(total, rest.RowsRewritten);
        var again = await Rotate(null);
        Assert.Equal(total, again.RowsChecked);

        // Done: the old keys are removed from the configuration and every path still works on every row.
        await db.ReconfigureAsync(new Dictionary<string, string?>
        {
            ["Crypto:Suite"] = "GuoMi",
            ["Security:DataKeyId"] = "2",
            ["Security:DataKey"] = rotating["Security:DataKey"],
            ["Security:IndexKey"] = rotating["Security:IndexKey"],
        });
        await db.As(Actor.System("test"), async sp =>
        {
            var protector = sp.GetRequiredService<PersonalDataProtector>();
            var rows = await sp.GetRequiredService<TsaDbContext>().Set<StudentRecord>().IgnoreQueryFilters().ToListAsync();
            Assert.All(rows, r =>
            {
                Assert.False(protector.NeedsRotation(r.IdNumberCipher));
                var clear = protector.Decrypt(r.IdNumberCipher);
                Assert.Equal(Convert.ToHexStringLower(protector.BlindIndex(StudentValidation.IndexKey(r.DocumentType, clear))), r.IdNumberHash);
                Assert.True(r.PhoneCipher is null || protector.Decrypt(r.PhoneCipher).Length > 0);
            });
            return 0;
        });
        Assert.Equal(record.Id, Assert.Single((await Search(db, school, id)).Items).Id);
        var duplicate = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync(CitySchool, TestIds.Student(id, "李重复"), default)));
        Assert.Equal(ErrorKind.Conflict, duplicate.Kind);

        // The chain now holds HMAC-SHA256 events and, after the switch, HMAC-SM3 ones; it verifies whole.
        var verification = await db.VerifyAuditAsync();
        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
    }

    [Fact]
    public async Task Rotation_AsAPerson_Refused()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 1);
        var ministry = await db.ActorOf("ministry");
        var ex = await Assert.ThrowsAsync<AppException>(() => db.As(ministry, sp => sp.GetRequiredService<RotatePersonalDataKeys>().HandleAsync(100, null, null, default)));
        Assert.Equal(ErrorKind.Forbidden, ex.Kind);
    }
}
