using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Domain;
using TechSchoolAid.Modules.Audit.Domain;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.CrossCheck.Contracts;
using TechSchoolAid.Modules.CrossCheck.Domain;
using TechSchoolAid.Modules.CrossCheck.Features;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Todo;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Modules.CrossCheck;

/// <summary>
/// CHK-1/CHK-2 on a real database, once per provider. The clock is Thu 2026-10-15; approved lines are planted directly
/// (the Aid rounds workflow is tested elsewhere), the ministry's file is written with known matches, noise and bad rows.
/// </summary>
public sealed class CrossCheckDataTests
{
    private const string School = "44010004";
    private const string OtherSchool = "44030005";
    private static readonly AidTerm Autumn = new(2026, Semester.Autumn);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% evidence\n");

    static CrossCheckDataTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed record Planted(Guid StudentId, Guid EntryId, string IdNumber, string Name, AidItem Item, string SchoolCode);

    /// <summary>Students of a school with their clear ID numbers.</summary>
    private static Task<List<(Guid Id, string IdNumber, string Name)>> StudentsAsync(TestDatabase db, string school) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var rows = await ctx.Set<StudentRecord>().Where(s => s.SchoolCode == school && s.DocumentType == IdDocumentType.ResidentIdCard)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.IdNumberCipher, s.Name }).ToListAsync();
        return rows.Select(r => (r.Id, protector.Decrypt(r.IdNumberCipher), r.Name)).ToList();
    });

    /// <summary>Approved lines for the students (one round per school and item), written directly.</summary>
    private static Task<List<Planted>> ApproveAsync(TestDatabase db, string school, AidItem item, IEnumerable<(Guid Id, string IdNumber, string Name)> students, AidTerm? term = null) =>
        db.As(Actor.System("test"), async sp =>
        {
            var ctx = sp.GetRequiredService<TsaDbContext>();
            var t = term ?? Autumn;
            var now = db.Clock.GetUtcNow().UtcDateTime;
            var round = await ctx.Set<AidRound>().FirstOrDefaultAsync(r => r.SchoolCode == school && r.Item == item && r.SchoolYear == t.SchoolYear && r.Semester == t.Semester);
            if (round is null)
            {
                var org = await ctx.Set<TechSchoolAid.Modules.Organizations.Domain.Organization>().SingleAsync(o => o.Code == school);
                round = new AidRound(Guid.CreateVersion7(), org.Id, org.Code, org.Name, org.ScopePath, t, item, Guid.NewGuid(), new DateOnly(2026, 11, 30), 0, "test", now);
                ctx.Add(round);
            }

            var planted = new List<Planted>();
            foreach (var s in students)
            {
                var record = await ctx.Set<StudentRecord>().SingleAsync(r => r.Id == s.Id);
                var e = new AidEntry(Guid.CreateVersion7(), round, s.Id, record.IdNumberHash, s.Name, record.ClassName, record.IdNumberMasked, 1, 200_000, "测试", "test", now);
                e.Review(true, null, "test", now);
                ctx.Add(e);
                planted.Add(new Planted(s.Id, e.Id, s.IdNumber, s.Name, item, school));
            }

            await ctx.SaveChangesAsync();
            return planted;
        });

    private static Task<CrossCheckRunResult> Load(TestDatabase db, byte[] file, string month, string name = "moe.csv") => db.As(Actor.System("test"), async sp =>
    {
        using var ms = new MemoryStream(file);
        return await sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(ms, name, month, default);
    });

    private static Task<(int Runs, int Cases, int Rejected, int Audit)> Counts(TestDatabase db) => db.As(Actor.System("test"), async sp =>
    {
        var ctx = sp.GetRequiredService<TsaDbContext>();
        return (await ctx.Set<CrossCheckRun>().CountAsync(), await ctx.Set<CrossCheckCase>().CountAsync(), await ctx.Set<CrossCheckRejectedRow>().CountAsync(),
            await ctx.Set<AuditEvent>().IgnoreQueryFilters().CountAsync(e => e.SubjectType == MonthlyCrossCheck.Subject));
    });

    private static async Task<AppException> Refused(TestDatabase db, Func<Task> action)
    {
        var before = await Counts(db);
        var ex = await Assert.ThrowsAsync<AppException>(action);
        Assert.Equal(before, await Counts(db));
        return ex;
    }

    private static string FullWidth(string s) => new(s.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '\uFF10') : c).ToArray());

    private static string WithCheck(string first17) => first17 + IdDocument.ComputeCheckChar(first17);

    private static string Csv(params string[] lines) => string.Join("\r\n", ["证件号码,姓名,资助项目,学年,学期,学校名称", .. lines]) + "\r\n";

    /// <summary>The planted file: 4 matches (noise on three), 2 near misses, 2 strangers, 4 malformed rows (rows 9-12).</summary>
    private static string PlantedFile(List<(Guid Id, string IdNumber, string Name)> s) => Csv(
        $"{s[0].IdNumber},{s[0].Name},助学金,2026-2027,秋季学期,某某职业中学",                              // row 2: match
        $"{FullWidth(s[1].IdNumber)},{s[1].Name},国家助学金,2026-2027,秋季学期,",                         // row 3: match (full-width)
        $" {s[2].IdNumber[..6]} {s[2].IdNumber[6..].ToLowerInvariant()} ,{s[2].Name},助学金,2026,秋季,",  // row 4: match (spaces)
        $"{s[3].IdNumber},{s[3].Name},免学费,2026-2027,秋季学期,某某职业中学",                              // row 5: match (waiver)
        $"{s[4].IdNumber},{s[4].Name},助学金,2026-2027,春季学期,",                                        // row 6: other term: no match
        $"{s[5].IdNumber},{s[5].Name},免学费,2026-2027,秋季学期,",                                        // row 7: waiver not approved here
        $"{WithCheck("11010519800101123")},王某,助学金,2026-2027,秋季学期,北京某校",                         // row 8: stranger
        $"{s[0].IdNumber[..17]}{(s[0].IdNumber[17] == '0' ? '1' : '0')},李某,助学金,2026-2027,秋季学期,",   // row 9: bad check digit
        $"{WithCheck("11010519800101124")},张某,生活补助,2026-2027,秋季学期,",                               // row 10: unknown item
        $"{WithCheck("11010519800101125")},赵某,助学金,2026-2027,夏季学期,",                                 // row 11: unknown semester
        "12345,钱某,助学金,2026-2027,秋季学期,",                                                           // row 12: wrong length
        $"{WithCheck("11010519800101126")},孙某,免学费,2026-2027,秋季学期,北京某校");                         // row 13: stranger

    [Fact]
    public void NormalizeId_FoldsNoise_UpgradesLegacyNumbers_AndNamesTheFault()
    {
        var eighteen = IdDocument.Upgrade15To18("440105800101123");
        Assert.Equal(eighteen, ExchangeFormat.NormalizeId("440105800101123", out _));
        Assert.Equal(eighteen, ExchangeFormat.NormalizeId(" " + FullWidth(eighteen[..9]) + " " + eighteen[9..].ToLowerInvariant() + "\t", out _));
        var withX = Enumerable.Range(0, 1000).Select(i => $"440105198001{i:D3}12"[..17]).Select(WithCheck).First(n => n.EndsWith('X'));
        Assert.Equal(withX, ExchangeFormat.NormalizeId(withX.ToLowerInvariant(), out _));
        Assert.Null(ExchangeFormat.NormalizeId(withX[..17] + "1", out var bad));
        Assert.Equal("证件号码校验码错误", bad);
        Assert.Null(ExchangeFormat.NormalizeId("1234567", out var length));
        Assert.Contains("长度", length, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task MonthlyRun_FindsExactlyThePlantedMatches_ReportsMalformedRows_AndRerunChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var s = await StudentsAsync(db, School);
        var grants = await ApproveAsync(db, School, AidItem.Grant, s.Take(5));
        var waivers = await ApproveAsync(db, School, AidItem.Waiver, [s[3]]);
        var file = Encoding.UTF8.GetBytes(PlantedFile(s));

        var r = await Load(db, file, "2026-10");
        Assert.Equal((12L, 8L, 4L, 4, 4), (r.TotalRows, r.ValidRows, r.MalformedRows, r.Matches, r.NewCases));
        Assert.Equal([9L, 10L, 11L, 12L], r.Rejected.Select(x => x.RowNumber));
        Assert.Equal("证件号码校验码错误", r.Rejected[0].Reason);
        Assert.Contains("生活补助", r.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Contains("夏季学期", r.Rejected[2].Reason, StringComparison.Ordinal);
        Assert.Contains("长度", r.Rejected[3].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Rejected, x => x.Value is { Length: 18 } v && !v.Contains('*', StringComparison.Ordinal));

        var expectedDue = await db.As(Actor.System("test"), sp => Task.FromResult(sp.GetRequiredService<WorkingDays>().AddWorkingDays(new DateOnly(2026, 10, 15), 10)));
        var cases = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CrossCheckCase>().ToListAsync());
        var expected = new[] { grants[0].EntryId, grants[1].EntryId, grants[2].EntryId, waivers[0].EntryId }.Order().ToList();
        Assert.Equal(expected, cases.Select(c => c.EntryId).Order().ToList());
        Assert.All(cases, c =>
        {
            Assert.Equal("/44/4401/44010004/", c.ScopePath);
            Assert.Equal("/44/4401/", c.SupervisorPath);
            Assert.Equal(expectedDue, c.DueDate);
            Assert.Equal(202610, c.Month);
            Assert.Equal(CrossCheckCaseState.Open, c.State);
        });
        Assert.Contains(cases, c => c.OtherSide.Contains("某某职业中学", StringComparison.Ordinal));

        // The same file again: "already loaded", nothing written.
        var again = await Refused(db, () => Load(db, file, "2026-10"));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Contains("已导入过", again.Message, StringComparison.Ordinal);

        // Another file of the same month with the same people: no second case.
        var r2 = await Load(db, Encoding.UTF8.GetBytes(PlantedFile(s) + $"{WithCheck("11010519800101127")},周某,助学金,2026-2027,秋季学期,\r\n"), "2026-10", "moe-v2.csv");
        Assert.Equal((4, 0), (r2.Matches, r2.NewCases));
        Assert.Equal(4, (await Counts(db)).Cases);

        // GBK, a month earlier: found again as that month's cases.
        var gbk = await Load(db, Encoding.GetEncoding("GBK").GetBytes(PlantedFile(s)), "2026-09", "moe-gbk.csv");
        Assert.Equal(("GBK", 4, 4L), (gbk.Encoding, gbk.NewCases, gbk.MalformedRows));

        // Refusals: nothing written.
        Assert.Contains("未来", (await Refused(db, () => Load(db, Encoding.UTF8.GetBytes(Csv($"{s[0].IdNumber},x,助学金,2026-2027,秋季学期,")), "2026-11"))).Message, StringComparison.Ordinal);
        Assert.Contains("空", (await Refused(db, () => Load(db, [], "2026-10"))).Message, StringComparison.Ordinal);
        Assert.Contains("没有数据行", (await Refused(db, () => Load(db, Encoding.UTF8.GetBytes(Csv()), "2026-10"))).Message, StringComparison.Ordinal);
        Assert.Contains("缺少必需的列", (await Refused(db, () => Load(db, Encoding.UTF8.GetBytes("身份证,名字\r\n1,2\r\n"), "2026-10"))).Message, StringComparison.Ordinal);
        var mixed = Encoding.UTF8.GetBytes(Csv($"{s[0].IdNumber},张三,助学金,2026-2027,秋季学期,")).Concat(Encoding.GetEncoding("GBK").GetBytes($"{s[1].IdNumber},李四,助学金,2026-2027,秋季学期,\r\n")).ToArray();
        Assert.Contains("混用", (await Refused(db, () => Load(db, mixed, "2026-10"))).Message, StringComparison.Ordinal);
        var tooLarge = await Refused(db, () => db.As(Actor.System("test"), sp => sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(new HugeStream(), "big.csv", "2026-10", default)));
        Assert.Equal(ErrorKind.TooLarge, tooLarge.Kind);

        // Only the ministry administrator loads files.
        var city = await db.ActorOf("city-4401");
        Assert.Equal(ErrorKind.Forbidden, (await Refused(db, () => db.As(city, sp => sp.GetRequiredService<MonthlyCrossCheck>().RunAsync(new MemoryStream(file), "x.csv", "2026-10", default)))).Kind);
    }

    [Theory]
    [BothDatabases]
    public async Task Clearance_NeedsEvidence_OnlyByTheOwnSchool_WithdrawsTheLine_AndLateCasesEscalate(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 12);
        var s = await StudentsAsync(db, School);
        var grants = await ApproveAsync(db, School, AidItem.Grant, s.Take(3));
        await Load(db, Encoding.UTF8.GetBytes(Csv(s.Take(3).Select(x => $"{x.IdNumber},{x.Name},助学金,2026-2027,秋季学期,").ToArray())), "2026-10");
        var cases = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CrossCheckCase>().OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(3, cases.Count);
        var aid = await db.ActorOf("school-44010004-aid");
        var records = await db.ActorOf("school-44010004-records");
        var other = await db.ActorOf($"school-{OtherSchool}");
        Task<CrossCheckCase> Clear(Actor a, Guid id, ClearanceAction? action, string? note, byte[]? file) =>
            db.As(a, sp => sp.GetRequiredService<CrossCheckClearance>().ClearAsync(id, new ClearanceInput(action, note, "证明.pdf", file), default));

        Assert.True((await Assert.ThrowsAsync<AppException>(() => Clear(aid, cases[0].Id, ClearanceAction.Keep, "教育部名单有误", null))).Errors.ContainsKey("file"));
        Assert.True((await Assert.ThrowsAsync<AppException>(() => Clear(aid, cases[0].Id, ClearanceAction.Keep, " ", Pdf))).Errors.ContainsKey("note"));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<AppException>(() => Clear(other, cases[0].Id, ClearanceAction.Keep, "不是本校", Pdf))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => Clear(records, cases[0].Id, ClearanceAction.Keep, "学籍员", Pdf))).Kind);
        Assert.Equal(CrossCheckCaseState.Open, (await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CrossCheckCase>().SingleAsync(c => c.Id == cases[0].Id))).State);

        var kept = await Clear(aid, cases[0].Id, ClearanceAction.Keep, "经核实该生未在普通中专就读，教育部名单有误", Pdf);
        Assert.Equal((CrossCheckCaseState.Kept, "school-44010004-aid"), (kept.State, kept.ClearedBy));
        Assert.Equal(ErrorKind.Conflict, (await Assert.ThrowsAsync<AppException>(() => Clear(aid, cases[0].Id, ClearanceAction.Keep, "再次", Pdf))).Kind);

        await Clear(aid, cases[1].Id, ClearanceAction.WithdrawHere, "该生已在他校享受，本校撤销", Pdf);
        var entry = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AidEntry>().SingleAsync(e => e.Id == cases[1].EntryId));
        Assert.Equal(AidEntryState.Withdrawn, entry.State);
        Assert.Contains("本校撤销", entry.WithdrawnReason, StringComparison.Ordinal);
        var audit = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<AuditEvent>().IgnoreQueryFilters()
            .Where(e => e.Action == "crosscheck.case_cleared" || e.Action == "aid.entry.revoked").Select(e => e.Action + "|" + e.ActorUserName).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.EndsWith("|school-44010004-aid", a, StringComparison.Ordinal));

        // Past the due date: late for the school, escalated to its direct supervisor (the city), not to another city.
        db.Clock.Advance(TimeSpan.FromDays(20));
        var cityTodo = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<CrossCheckTodo>().Single().ItemsAsync(default));
        Assert.Contains(cityTodo, t => t.Kind == TodoKind.Late && t.Title == "所辖学校比对结果逾期未清理" && t.Detail.Contains("1 条", StringComparison.Ordinal));
        var otherCity = await db.As(await db.ActorOf("city-4403"), sp => sp.GetRequiredService<IEnumerable<ITodoSource>>().OfType<CrossCheckTodo>().Single().ItemsAsync(default));
        Assert.Empty(otherCity);
        var overdue = await db.As(aid, sp => sp.GetRequiredService<CrossCheckQueries>().ListAsync(new CrossCheckCaseFilter { Overdue = true, Item = AidItem.Grant }, default));
        // The "keep" of cases[0] is not confirmed by the city: not cleared, overdue too (issue 11 item 11).
        Assert.Equal([cases[2].Id, cases[0].Id], overdue.Items.Select(i => i.Id));
        Assert.True(overdue.Items[0].IsLate);
        Assert.True(overdue.Items[1].AwaitingSupervisor);

        await Clear(aid, cases[2].Id, ClearanceAction.Transferred, "该生已转学", Pdf);
        var history = await db.As(await db.ActorOf("city-4401"), sp => sp.GetRequiredService<CrossCheckQueries>().HistoryAsync(null, default));
        Assert.Equal([new CrossCheckMonthFigures("2026-10", 3, 1, 2, 1, 1)], history); // the unconfirmed keep is late and not cleared
        var elsewhere = await db.As(await db.ActorOf("city-4403"), sp => sp.GetRequiredService<CrossCheckQueries>().ListAsync(new CrossCheckCaseFilter(), default));
        Assert.Equal(0, elsewhere.Total);
    }

    [Theory]
    [BothDatabases]
    public async Task InternalCheck_FindsAPersonAidedAtTwoSchoolsOrTwice_Once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var s = await StudentsAsync(db, School);
        await ApproveAsync(db, School, AidItem.Grant, [s[0], s[1]]);
        await ApproveAsync(db, OtherSchool, AidItem.Waiver, [s[0]]);  // same person, same term, another school
        await ApproveAsync(db, School, AidItem.Waiver, [s[1]]);       // same school, another item: not a duplicate

        // Older data the unique index did not guard: the same item twice.
        await db.AsSystemAsync(async (ctx, _) => await ctx.Database.ExecuteSqlRawAsync("DROP INDEX ux_aid_entries_once_per_term"));
        await ApproveAsync(db, OtherSchool, AidItem.Grant, [s[2]]);
        await ApproveAsync(db, "44010007", AidItem.Grant, [s[2]]);

        var r = await db.As(Actor.System("test"), sp => sp.GetRequiredService<InternalDuplicates>().RunAsync("2026-10", default));
        Assert.Equal(4, r.NewCases);
        var cases = await db.As(Actor.System("test"), sp => sp.GetRequiredService<TsaDbContext>().Set<CrossCheckCase>().ToListAsync());
        Assert.All(cases, c => Assert.Equal(CrossCheckKind.InternalDuplicate, c.Kind));
        Assert.Equal(2, cases.Count(c => c.StudentName == s[0].Name));
        Assert.Equal(2, cases.Count(c => c.StudentName == s[2].Name));
        Assert.Contains(cases, c => c.SchoolCode == School && c.OtherSide.Contains("免学费", StringComparison.Ordinal));
        Assert.Equal(0, (await db.As(Actor.System("test"), sp => sp.GetRequiredService<InternalDuplicates>().RunAsync("2026-10", default))).NewCases);
    }

    [Theory]
    [BothDatabases]
    public async Task ExchangeExport_WritesApprovedAidInTheExchangeFormat_ThatTheLoaderReadsBack(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, 6);
        var s = await StudentsAsync(db, School);
        await ApproveAsync(db, School, AidItem.Grant, s.Take(2));
        var prov = await db.ActorOf("prov-44");
        var ms = new MemoryStream();
        var rows = await db.As(prov, sp => sp.GetRequiredService<ExchangeExport>().WriteAsync(Autumn, true, ms, default));
        Assert.Equal(2, rows);
        var text = Encoding.GetEncoding("GBK").GetString(ms.ToArray());
        Assert.StartsWith("证件号码,姓名,资助项目,学年,学期,学校名称", text, StringComparison.Ordinal);
        Assert.Contains($"{s[0].IdNumber},{s[0].Name},助学金,2026-2027,秋季学期,", text, StringComparison.Ordinal);
        var back = await Load(db, ms.ToArray(), "2026-10", "ours.csv");
        Assert.Equal((2, 0L), (back.NewCases, back.MalformedRows));
        var city = await db.ActorOf("city-4401");
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<AppException>(() => db.As(city, sp => sp.GetRequiredService<ExchangeExport>().WriteAsync(Autumn, false, new MemoryStream(), default)))).Kind);
    }

    /// <summary>A stream that claims 2 GB without holding it.</summary>
    private sealed class HugeStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => 2L * 1024 * 1024 * 1024;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => 0;

        public override long Seek(long offset, SeekOrigin origin) => 0;

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
