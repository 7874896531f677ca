using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Seeding;

/// <summary>
/// Issue 4's speed requirements on PostgreSQL:
///   1. building the proposed waiver list of a school of 5,000 students (CreateAidRound: eligibility of every
///      student, the national "approved elsewhere" check, 5,000 lines and the audit event) in under 2 s, against a
///      hand-written INSERT … SELECT of the same lines into a table shaped like aid_entries (indexes included);
///   2. a province approving a submitted list of 100,000 lines in one action (ReviewAidRound: status
///      re-check, national once-per-term check, the update, the audit event) in under 30 s, against a hand-written UPDATE
///      of another 100,000-line list in the same tables.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- aid Postgres "Host=…;Port=…;Username=postgres" [--students N] [--approve N]
/// </summary>
internal static class AidBench
{
    private static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args)
    {
        var server = BenchHost.Server(args);
        var buildStudents = int.Parse(BenchHost.Option(args, "--students") ?? "5000", CultureInfo.InvariantCulture);
        var approveLines = int.Parse(BenchHost.Option(args, "--approve") ?? "100000", CultureInfo.InvariantCulture);
        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_aid_", connection => RunOnAsync(connection, buildStudents, approveLines));
    }

    private static async Task RunOnAsync(string connection, int buildStudents, int approveLines)
    {
        await using var sp = BenchHost.Services(connection, Now);
        Task<T> As<T>(Actor actor, Func<IServiceProvider, Task<T>> run) => sp.As(actor, run);

        await As(Actor.System("bench"), async s =>
        {
            await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
            return 0;
        });

        // Province-managed demo schools of Guangdong: 44010001 (the list to build), 44030002 (the list the province
        // approves), 44050003 (the baseline's list); 44010004 warms the process up (JIT, EF model and query caches) with a
        // list of 200. Every student is rural, active and full time: all are eligible.
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        async Task<long> Exec(string sql, params (string Name, object Value)[] ps)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 900 };
            foreach (var (n, v) in ps)
            {
                cmd.Parameters.AddWithValue(n, v);
            }

            var r = await cmd.ExecuteScalarAsync();
            return r is null or DBNull ? 0 : Convert.ToInt64(r, CultureInfo.InvariantCulture);
        }

        var load = Stopwatch.StartNew();
        await LoadStudentsAsync(Exec, "44010001", 0, buildStudents);
        await LoadStudentsAsync(Exec, "44030002", 10_000_000, approveLines);
        await LoadStudentsAsync(Exec, "44050003", 20_000_000, approveLines);
        await LoadStudentsAsync(Exec, "44010004", 30_000_000, 200);
        await Exec("VACUUM ANALYZE student_records");
        if (await Exec("SELECT count(*) FROM student_records") != buildStudents + 2L * approveLines + 200)
        {
            throw new InvalidOperationException("The students were not loaded: the demo school codes changed?");
        }
        Console.WriteLine($"provider: Postgres (aid rounds, issue 4); {buildStudents:N0} + 2 × {approveLines:N0} students loaded in {load.Elapsed.TotalSeconds:0.0} s");

        var school = new Actor("school-44010001", "学校管理员", Role.SchoolAdmin, "44010001", OrgLevel.School, "/44/44010001/", null);
        var province = new Actor("prov-44", "广东省人社厅管理员", Role.ProvinceAdmin, "44", OrgLevel.Province, "/44/", null);

        // 1. Build the proposed list (one run: a school builds its list once per item and term), after a warm-up list.
        var warm = new Actor("school-44010004", "学校管理员", Role.SchoolAdmin, "44010004", OrgLevel.School, "/44/4401/44010004/", null);
        await As(warm, s => s.GetRequiredService<CreateAidRound>().HandleAsync(
            new AidRoundCreateInput { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        var sw = Stopwatch.StartNew();
        var round = await As(school, s => s.GetRequiredService<CreateAidRound>().HandleAsync(
            new AidRoundCreateInput { SchoolYear = 2026, Semester = Semester.Autumn, Item = AidItem.Waiver }, default));
        var buildMs = sw.Elapsed.TotalMilliseconds;
        var lines = await Exec("SELECT count(*) FROM aid_entries WHERE \"RoundId\" = @r", ("r", round.Id));
        if (lines != buildStudents)
        {
            throw new InvalidOperationException($"The list has {lines} lines, expected {buildStudents}: the data set is wrong");
        }

        await Exec("CREATE TABLE bench_entries (LIKE aid_entries INCLUDING ALL)");
        sw.Restart();
        var baseRows = await Exec(BaselineInsert("bench_entries", "44010001", "'00000000-0000-0000-0000-000000000001'::uuid"));
        var buildBaseMs = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"build the waiver list of a school of {buildStudents:N0} students: {buildMs:N0} ms ({lines:N0} lines); " +
            $"hand-written INSERT … SELECT of the same {baseRows:N0} lines {buildBaseMs:N0} ms; ratio {buildMs / buildBaseMs:0.0}x; target < 2,000 ms{(buildMs < 2000 ? "" : "  ** MISSED **")}");

        // 2. A submitted list of N lines for 44010002 (and one for 44010003, the baseline's), loaded by SQL.
        var approveRound = await SubmittedRoundAsync(Exec, "44030002");
        var baseRound = await SubmittedRoundAsync(Exec, "44050003");
        await Exec("VACUUM ANALYZE aid_entries");
        sw.Restart();
        var result = await As(province, s => s.GetRequiredService<ReviewAidRound>().HandleAsync(approveRound,
            new AidReviewInput { Decision = AidReviewDecision.Approve, Note = "同意" }, default));
        var approveMs = sw.Elapsed.TotalMilliseconds;
        if (result.Approved != approveLines || result.State != AidRoundState.Reviewed)
        {
            throw new InvalidOperationException($"Approved {result.Approved} lines (state {result.State}), expected {approveLines}");
        }

        sw.Restart();
        var updated = await Exec("""
            WITH u AS (UPDATE aid_entries SET "State" = 2, "ReviewedBy" = 'prov-44', "ReviewedAtUtc" = now(), "ReviewNote" = '同意', "Version" = "Version" + 1
                       WHERE "RoundId" = @r AND "State" = 1 RETURNING 1)
            SELECT count(*) FROM u
            """, ("r", baseRound));
        var approveBaseMs = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"province approves a list of {approveLines:N0} lines in one action: {approveMs:N0} ms; hand-written UPDATE of another " +
            $"{updated:N0}-line list {approveBaseMs:N0} ms; ratio {approveMs / approveBaseMs:0.0}x; target < 30,000 ms{(approveMs < 30_000 ? "" : "  ** MISSED **")}");
    }

    private static async Task LoadStudentsAsync(Func<string, (string, object)[], Task<long>> exec, string schoolCode, int offset, int count) =>
        await exec("""
            INSERT INTO student_records ("Id", "SchoolId", "SchoolCode", "ScopePath", "Name", "DocumentType", "IdNumberCipher", "IdNumberHash",
                "IdNumberMasked", "BirthDate", "Sex", "Ethnicity", "Household", "HouseholdCountyCode", "Major", "MajorIsAgricultural", "MajorArts",
                "TrainingLevel", "EntryEducation", "SchoolingYears", "IsFullTime", "IntakeYear", "IntakeSeason", "EnrolmentDate", "ClassName",
                "PaperFileMade", "InputFingerprint", "HoldsPlace", "RegistrationState", "StatusNumber", "CollectedBy", "CollectedAtUtc",
                "VerifiedBy", "VerifiedAtUtc", "VerificationMethod", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version",
                "Status", "StatusSince", "SuspendedDays", "RepeatedYears")
            SELECT md5('aid' || g)::uuid, o."Id", o."Code", o."ScopePath",
                (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + g % 10] || (ARRAY['伟','芳','娜','敏','静','丽','强','磊'])[1 + (g / 10) % 8],
                1, decode(md5('c' || g) || md5('d' || g), 'hex'), encode(sha256(convert_to('aid' || g, 'UTF8')), 'hex'),
                '4401' || lpad((g % 100)::text, 2, '0') || '********' || lpad((g % 10000)::text, 4, '0'),
                make_date(2026 - 15 - y, 1 + g % 12, 1 + g % 28), 1 + g % 2, '汉族', 1, '440111', '数控加工', false, 0,
                1, 1, 3, true, 2026 - y, 2, make_date(2026 - y, 9, 1), (2026 - y) || '级数控' || (1 + (g / 40) % 50) || '班', false, md5('f' || g),
                true, 4, 'A' || o."Code" || lpad(g::text, 9, '0'),
                'bench', make_timestamptz(2026 - y, 9, 5, 2, 0, 0, 'UTC'), 'bench', make_timestamptz(2026 - y, 9, 6, 2, 0, 0, 'UTC'), '现场点名',
                'bench', make_timestamptz(2026 - y, 9, 7, 2, 0, 0, 'UTC'), 'prov-44', make_timestamptz(2026 - y, 10, 1, 2, 0, 0, 'UTC'), 1,
                1, make_date(2026 - y, 9, 1), 0, 0
            FROM generate_series(@from, @to - 1) g
            CROSS JOIN LATERAL (SELECT g % 3 AS y) k
            CROSS JOIN organizations o WHERE o."Code" = @code
            """, [("from", offset), ("to", offset + count), ("code", schoolCode)]);

    /// <summary>The same lines CreateAsync writes, for every eligible student of the school, as one INSERT … SELECT.</summary>
    private static string BaselineInsert(string table, string schoolCode, string roundId) => $"""
        WITH i AS (
            INSERT INTO {table} ("Id", "RoundId", "SchoolId", "ScopePath", "SchoolYear", "Semester", "Item", "StudentId", "PersonKey", "StudentName",
                "ClassName", "IdNumberMasked", "Grade", "YearAmountFen", "AmountFen", "Basis", "State", "CollectedBy", "CollectedAtUtc", "Version")
            SELECT gen_random_uuid(), {roundId}, s."SchoolId", s."ScopePath", 2026, 2, 2, s."Id", s."IdNumberHash", s."Name", s."ClassName",
                s."IdNumberMasked", 2026 - s."IntakeYear" + 1, t."AmountFen", t."AmountFen" / 2, '农村户籍', 1, 'bench', now(), 0
            FROM student_records s JOIN organizations o ON o."Id" = s."SchoolId"
            JOIN school_tuitions t ON t."SchoolId" = o."Id" AND t."Major" IS NULL AND t."ValidFrom" <= DATE '2026-09-01'
                AND (t."ValidTo" IS NULL OR t."ValidTo" >= DATE '2026-09-01')
            WHERE s."SchoolCode" = '{schoolCode}' AND s."Status" = 1 AND s."RegistrationState" = 4 AND s."IsFullTime"
                AND (s."Household" = 1 OR s."MajorIsAgricultural") AND s."MajorArts" <> 1
                AND NOT EXISTS (SELECT 1 FROM aid_entries e WHERE e."PersonKey" = s."IdNumberHash" AND e."State" = 2 AND e."Item" = 2
                                AND e."SchoolYear" = 2026 AND e."Semester" = 2 AND e."SchoolId" <> s."SchoolId")
            RETURNING 1)
        SELECT count(*) FROM i
        """;

    private static async Task<Guid> SubmittedRoundAsync(Func<string, (string, object)[], Task<long>> exec, string schoolCode)
    {
        var id = Guid.CreateVersion7();
        await exec("""
            INSERT INTO aid_rounds ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "SupervisorPath", "SchoolYear", "Semester", "Item",
                "PolicyId", "ApprovalDeadline", "DeclaredEligibleCount", "State", "CreatedBy", "CreatedAtUtc", "PublishedFrom", "PublishedTo",
                "PublishedBy", "PublishedAtUtc", "SubmittedBy", "SubmittedAtUtc", "Version")
            SELECT @id, o."Id", o."Code", o."Name", o."ScopePath", '/44/', 2026, 2, 2, (SELECT "Id" FROM aid_policies ORDER BY "ValidFrom" DESC LIMIT 1),
                DATE '2026-11-30', (SELECT count(*) FROM student_records WHERE "SchoolId" = o."Id"), 3, 'bench', now(), DATE '2026-10-01', DATE '2026-10-09',
                'bench', now(), 'bench', now(), 0
            FROM organizations o WHERE o."Code" = @code
            """, [("id", id), ("code", schoolCode)]);
        await exec(BaselineInsert("aid_entries", schoolCode, "@id"), [("id", id)]);
        return id;
    }
}
