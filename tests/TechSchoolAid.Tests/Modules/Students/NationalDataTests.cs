using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Organizations.Domain;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Seeding.National;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.Students;

/// <summary>
/// Issue 5 at small scale: the national data set (tsa generate national) and the bulk import (tsa import students) on a
/// real database, once per provider: round trip, re-run after an interruption, and bad input.
/// </summary>
public sealed class NationalDataTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsa-national-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static NationalDataOptions Small(int students = 1_500, int seed = 7) => new() { Seed = seed, Scale = 0.0005, Students = students };

    [Fact]
    public async Task Generate_SameSeedAndScale_ByteIdenticalWithValidUniqueIdsFromTheSchoolsProvince()
    {
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        var c = Path.Combine(_dir, "c");
        await NationalDataGenerator.GenerateAsync(Small(), a, null, default);
        await NationalDataGenerator.GenerateAsync(Small(), b, null, default);
        await NationalDataGenerator.GenerateAsync(Small(seed: 8), c, null, default);

        Assert.Equal(Digest(a), Digest(b));
        Assert.NotEqual(Digest(a), Digest(c));

        var schools = TabularFile.ParseCsv(TabularFile.Decode(File.ReadAllBytes(Path.Combine(a, "schools.csv")))).Skip(1).ToList();
        Assert.Equal(32, schools.Count);
        Assert.Equal(32, schools.Select(s => s[5]).Distinct().Count()); // every provincial unit has a school
        var ids = new HashSet<string>();
        var today = new DateOnly(2026, 10, 15);
        var rows = 0;
        foreach (var school in schools)
        {
            var idProvince = school[5] == "66" ? "65" : school[5];
            var counties = Divisions.CountiesOfProvince(idProvince).Select(d => d.Code).ToHashSet();
            var sheet = TabularFile.Read(File.ReadAllBytes(Path.Combine(a, "students", school[5], school[0] + ".csv")), "x.csv");
            Assert.Equal(ImportStudents.Columns.Select(col => col.Header), sheet.Headers);
            Assert.Equal(int.Parse(school[11], CultureInfo.InvariantCulture), sheet.Rows.Count);
            foreach (var row in sheet.Rows)
            {
                var id = row.Cells["证件号码"]!;
                var check = IdDocument.Check(IdDocumentType.ResidentIdCard, id, today, Divisions.IdProvinceCodes);
                Assert.True(check.IsValid, id);
                Assert.True(ids.Add(id), $"duplicate {id}");
                Assert.Contains(id[..6], counties);
                Assert.Equal(id[..6], row.Cells["户籍所在县区代码"]);
                Assert.Equal(check.BirthDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Cells["出生日期"]);
                rows++;
            }
        }

        Assert.Equal(1_500, rows);
    }

    [Theory]
    [BothDatabases]
    public async Task GenerateAndImport_RoundTrip_ApprovedEncryptedMaskedAudited_AndRerunChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await NationalDataGenerator.GenerateAsync(Small(), _dir, null, default);
        await LoadSchoolsAsync(db);

        var first = await ImportAsync(db, Path.Combine(_dir, "students"), new BulkImportOptions { BatchSize = 100 });
        Assert.True(first.Complete);
        Assert.Equal(1_500, first.Imported);
        var batches = first.Files.Sum(f => f.BatchesWritten);

        await db.AsSystemAsync(async (ctx, sp) =>
        {
            var protector = sp.GetRequiredService<PersonalDataProtector>();
            var records = await ctx.Set<StudentRecord>().Where(r => r.CollectedBy == "system:test").ToListAsync();
            Assert.Equal(1_500, records.Count);
            Assert.All(records, r => Assert.Equal(RegistrationState.Approved, r.RegistrationState));
            Assert.All(records, r => Assert.Equal(EnrolmentStatus.Active, r.Status));
            Assert.Equal(records.Count, records.Select(r => r.StatusNumber).Distinct().Count());
            Assert.All(records, r => Assert.StartsWith(r.IntakeYear.ToString(CultureInfo.InvariantCulture) + r.SchoolCode, r.StatusNumber));
            Assert.Equal(records.Count(r => r.IsFullTime), records.Count(r => r.HoldsPlace));

            // The personal data as the screen import stores it: ciphertext, blind index, masked form — per row of the file.
            var file = Directory.EnumerateFiles(Path.Combine(_dir, "students"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
            var sheet = TabularFile.Read(File.ReadAllBytes(file), file);
            var byHash = records.ToDictionary(r => r.IdNumberHash);
            foreach (var row in sheet.Rows)
            {
                var id = row.Cells["证件号码"]!;
                var record = byHash[Convert.ToHexStringLower(protector.BlindIndex(id))];
                Assert.Equal(id, protector.Decrypt(record.IdNumberCipher));
                Assert.Equal(IdDocument.Mask(id), record.IdNumberMasked);
                Assert.DoesNotContain(id, record.IdNumberMasked);
                Assert.Equal(row.Cells["姓名"], record.Name);
                Assert.Equal(Path.GetFileNameWithoutExtension(file), record.SchoolCode);
                if (row.Cells["联系电话"] is { Length: > 0 } phone)
                {
                    Assert.Equal(phone, protector.Decrypt(record.PhoneCipher!));
                    Assert.Equal(StudentValidation.MaskPhone(phone), record.PhoneMasked);
                }
            }

            Assert.Equal(batches, await ctx.Set<AuditEvent>().CountAsync(e => e.Action == "students.bulk_imported"));
            Assert.Equal(batches, await ctx.Set<StudentImportBatch>().CountAsync());
        });

        var again = await ImportAsync(db, Path.Combine(_dir, "students"), new BulkImportOptions { BatchSize = 100 });
        Assert.True(again.Complete);
        Assert.Equal(0, again.Imported);
        Assert.Equal(batches, again.Files.Sum(f => f.BatchesSkipped));

        // The same rows in other batches (another batch size, so another ledger key) are found unchanged, not doubled.
        var resized = await ImportAsync(db, Path.Combine(_dir, "students"), new BulkImportOptions { BatchSize = 70 });
        Assert.True(resized.Complete);
        Assert.Equal(0, resized.Imported);
        Assert.True(resized.Unchanged > 0);
        Assert.Equal(1_500, await CountNationalAsync(db));
    }

    [Theory]
    [BothDatabases]
    public async Task Import_InterruptedBeforeCommit_LeavesNoPartialBatch_AndRerunCompletesWithoutDuplicates(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await NationalDataGenerator.GenerateAsync(Small(students: 1_500, seed: 11), _dir, null, default);
        await LoadSchoolsAsync(db);
        var file = LargestStudentFile();
        var rows = TabularFile.Read(File.ReadAllBytes(file), file).Rows.Count;
        Assert.True(rows > 40, "the test needs a file of several batches");

        // The process dies inside the third batch, after its rows went to the database and before the commit.
        var crash = new InvalidOperationException("simulated kill -9");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(db, file, new BulkImportOptions
        {
            BatchSize = 10,
            BeforeCommit = n => n == 3 ? throw crash : Task.CompletedTask,
        }));
        Assert.Same(crash, thrown);
        Assert.Equal(20, await CountNationalAsync(db));
        await db.AsSystemAsync(async (ctx, _) =>
            Assert.Equal([1, 2], await ctx.Set<StudentImportBatch>().OrderBy(b => b.BatchNumber).Select(b => b.BatchNumber).ToListAsync()));

        var rerun = await ImportAsync(db, file, new BulkImportOptions { BatchSize = 10 });
        Assert.True(rerun.Complete);
        Assert.Equal(2, rerun.Files[0].BatchesSkipped);
        Assert.Equal(rows - 20, rerun.Imported);
        await db.AsSystemAsync(async (ctx, _) =>
        {
            var hashes = await ctx.Set<StudentRecord>().Where(r => r.CollectedBy == "system:test").Select(r => r.IdNumberHash).ToListAsync();
            Assert.Equal(rows, hashes.Count);
            Assert.Equal(rows, hashes.Distinct().Count());
        });
    }

    [Theory]
    [BothDatabases]
    public async Task Import_BadInput_ClearAnswers_AndNothingWrittenForABatchWithABadRow(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await NationalDataGenerator.GenerateAsync(Small(students: 1_500, seed: 13), _dir, null, default);
        await LoadSchoolsAsync(db);
        var source = LargestStudentFile();
        var code = Path.GetFileNameWithoutExtension(source);
        var lines = File.ReadAllLines(source, Encoding.UTF8).Where(l => l.Length > 0).ToList();
        Directory.CreateDirectory(Path.Combine(_dir, "bad"));
        string Write(string name, IEnumerable<string> content)
        {
            var path = Path.Combine(_dir, "bad", name);
            File.WriteAllLines(path, content, new UTF8Encoding(true));
            return path;
        }

        var empty = Path.Combine(_dir, "bad", "empty.csv");
        File.WriteAllBytes(empty, []);
        Directory.CreateDirectory(Path.Combine(_dir, "bad", "h"));
        var headerOnly = Write(Path.Combine("h", code + ".csv"), [lines[0]]);
        var wrongColumns = Write("wrong-columns.csv", ["姓名,身份证,班级", "张三,440305200801011234,1班"]);
        var unknownSchool = Write("99999999.csv", lines.Take(3));

        // Rows 2–11 are batch 1, rows 12–21 batch 2, rows 22–31 batch 3: a wrong check digit in row 14, and row 25 repeats row 3.
        var edited = lines.Take(31).ToList();
        var cells = edited[13].Split(',');
        cells[2] = cells[2][..17] + (cells[2][17] == '0' ? '1' : '0');
        edited[13] = string.Join(',', cells);
        edited[24] = edited[2];
        var bad = Write(code + ".csv", edited);

        var report = await ImportAsync(db, [empty, headerOnly, wrongColumns, unknownSchool], new BulkImportOptions { BatchSize = 10, SchoolCode = null });
        Assert.Equal(["文件是空的"], report.Files[0].FileErrors);
        Assert.Equal(["文件中没有学生数据行"], report.Files[1].FileErrors);
        Assert.Contains(report.Files[2].FileErrors, e => e.StartsWith("缺少必填列", StringComparison.Ordinal));
        Assert.Contains(report.Files[2].FileErrors, e => e.StartsWith("无法识别的列", StringComparison.Ordinal));
        Assert.Contains(report.Files[3].FileErrors, e => e.Contains("99999999", StringComparison.Ordinal));
        Assert.Equal(0, report.Imported);
        Assert.Equal(0, await CountNationalAsync(db));

        var result = (await ImportAsync(db, bad, new BulkImportOptions { BatchSize = 10 })).Files[0];
        Assert.False(result.Complete);
        Assert.Equal(30, result.Rows);
        Assert.Equal(2, result.BatchesRefused);
        Assert.Equal(1, result.BatchesWritten);
        Assert.Equal(10, result.Imported);
        var idError = Assert.Single(result.Errors, e => e.Row == 14);
        Assert.Equal("证件号码", idError.Column);
        var duplicate = Assert.Single(result.Errors, e => e.Row == 25);
        Assert.Contains("第 3 行", duplicate.Message, StringComparison.Ordinal);

        await db.AsSystemAsync(async (ctx, sp) =>
        {
            var protector = sp.GetRequiredService<PersonalDataProtector>();
            var stored = (await ctx.Set<StudentRecord>().Where(r => r.CollectedBy == "system:test").Select(r => r.IdNumberCipher).ToListAsync())
                .Select(protector.Decrypt).ToHashSet();
            var expected = edited.Skip(1).Take(10).Select(l => l.Split(',')[2]).ToHashSet();
            Assert.Equal(expected, stored); // batch 1 exactly; nothing of batches 2 and 3
        });
    }

    [Theory]
    [BothDatabases]
    public async Task Import_AsCollected_KeepsTheRegistrationWindow_AndLandsUnapproved(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await NationalDataGenerator.GenerateAsync(Small(students: 1_500, seed: 17), _dir, null, default);
        await LoadSchoolsAsync(db);
        var source = LargestStudentFile();
        var lines = File.ReadAllLines(source, Encoding.UTF8).Where(l => l.Length > 0).ToList();
        Directory.CreateDirectory(Path.Combine(_dir, "intake"));
        var current = lines.Skip(1).Where(l => l.Contains(",2026,秋季,", StringComparison.Ordinal)).ToList();
        var older = lines.Skip(1).Where(l => l.Contains(",2024,秋季,", StringComparison.Ordinal)).Take(3).ToList();
        Assert.NotEmpty(current);
        Assert.NotEmpty(older);
        var mixed = Path.Combine(_dir, "intake", "mixed.csv");
        File.WriteAllLines(mixed, [lines[0], .. current, .. older], new UTF8Encoding(true));
        var code = Path.GetFileNameWithoutExtension(source);

        // Autumn 2026 is open on 15 October 2026; autumn 2024 closed long ago: the whole batch is refused, row by row.
        var refused = (await ImportAsync(db, [mixed], new BulkImportOptions { Landing = BulkLanding.Collected, SchoolCode = code })).Files[0];
        Assert.Equal(1, refused.BatchesRefused);
        Assert.Equal(older.Count, refused.Errors.Count(e => e.Column == "招生季"));
        Assert.Equal(0, await CountNationalAsync(db));

        var intake = Path.Combine(_dir, "intake", "current.csv");
        File.WriteAllLines(intake, [lines[0], .. current], new UTF8Encoding(true));
        var landed = (await ImportAsync(db, [intake], new BulkImportOptions { Landing = BulkLanding.Collected, SchoolCode = code })).Files[0];
        Assert.True(landed.Complete);
        Assert.Equal(current.Count, landed.Imported);
        await db.AsSystemAsync(async (ctx, _) =>
        {
            var states = await ctx.Set<StudentRecord>().Where(r => r.CollectedBy == "system:test").Select(r => new { r.RegistrationState, r.StatusNumber }).ToListAsync();
            Assert.All(states, r => Assert.Equal(RegistrationState.Collected, r.RegistrationState));
            Assert.All(states, r => Assert.Null(r.StatusNumber));
        });
    }

    private async Task LoadSchoolsAsync(TestDatabase db) => await db.AsSystemAsync(async (ctx, _) =>
    {
        var report = await SchoolFileLoader.LoadAsync(ctx, Path.Combine(_dir, "schools.csv"), db.Clock, default);
        Assert.Empty(report.Errors);
        Assert.Equal(32, report.Created);
        var corps = await ctx.Set<Organization>().SingleAsync(o => o.ProvinceCode == "66" && o.Level == OrgLevel.School);
        Assert.Equal(ManagedBy.Province, corps.ManagedBy);
    });

    private string LargestStudentFile() =>
        Directory.EnumerateFiles(Path.Combine(_dir, "students"), "*.csv", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).First();

    private static Task<BulkImportReport> ImportAsync(TestDatabase db, string path, BulkImportOptions options) =>
        ImportAsync(db, BulkImportStudents.FilesOf(path), options);

    private static async Task<BulkImportReport> ImportAsync(TestDatabase db, IReadOnlyList<string> files, BulkImportOptions options)
    {
        await using var scope = db.Scope(Actor.System("test"));
        var importer = ActivatorUtilities.CreateInstance<BulkImportStudents>(scope.ServiceProvider);
        return await importer.ImportAsync(files, options, null, default);
    }

    private static async Task<int> CountNationalAsync(TestDatabase db)
    {
        var count = 0;
        await db.AsSystemAsync(async (ctx, _) => count = await ctx.Set<StudentRecord>().CountAsync(r => r.CollectedBy == "system:test"));
        return count;
    }

    private static string Digest(string dir)
    {
        var sb = new StringBuilder();
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sb.Append(Path.GetRelativePath(dir, f)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))).Append('\n');
        }

        return sb.ToString();
    }
}
