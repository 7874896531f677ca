using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Features.Payments;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 10's payment speed requirement: "a province's monthly payment batch for 300,000 students built in ≤ 10 s, and its
/// 300,000-line return file matched in ≤ 10 s, each within 3× of a hand-written SQL statement doing the same set work in the
/// same run". Loads province 44 on a throwaway PostgreSQL database — N students 在籍 spread over its demo schools, one
/// reviewed grant round per school with an approved line of autumn 2026 for every student, a current bank card for each
/// (random cipher bytes, never decrypted; a plausible masked number and holder) and the province's monthly rule (pay day
/// 10) — then, per run:
///   (a) the real <see cref="BuildPaymentBatch"/> for every school of the province (October 2026), one call per school as its
///       finance officer, against (b) one hand-written INSERT … SELECT writing the same batches and lines;
///   (c) the real <see cref="ImportReturnFile"/> per batch with a bank reply (CSV, ~2 % failed with a reason) built from the
///       written references, against (d) COPY of the same replies into a temp table and one UPDATE … FROM (plus the batch
///       totals).
/// Each side's writes are deleted before the other side runs, so both do the same work; both must give the same counts and
/// totals. The batches are marked exported by SQL (the export decrypts card numbers, which the synthetic cards do not have).
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- payments Postgres "Host=…;Port=…;Username=postgres" [--students N] [--runs R]
/// </summary>
internal static class PaymentsBench
{
    private const double TargetSeconds = 10;
    private const double TargetRatio = 3;
    private static readonly DateTimeOffset Now = new(2026, 10, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly PayDate = new(2026, 10, 10);

    public static async Task RunAsync(string[] args)
    {
        if ((args.Length > 0 ? args[0] : "Postgres") != "Postgres")
        {
            throw new InvalidOperationException("The payments benchmark measures PostgreSQL only: payments Postgres \"<connection string>\"");
        }

        var server = BenchHost.Server(args);
        var students = int.Parse(BenchHost.Option(args, "--students") ?? "300000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchHost.Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_payments_", connection => RunOnAsync(connection, students, runs));
    }

    private sealed record School(int Id, string Code, string ScopePath);

    private sealed record Outcome(int Lines, long TotalFen, int Paid, long PaidFen, int Failed, long FailedFen);

    private static async Task RunOnAsync(string connection, int studentCount, int runs)
    {
        await using var sp = BenchHost.Services(connection, Now);
        await sp.As(Actor.System("bench"), async s =>
        {
            await BenchHost.PrepareAsync(s, BenchHost.DemoPassword);
            return 0;
        });

        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var load = Stopwatch.StartNew();
        await LoadAsync(conn, studentCount);
        var schools = new List<School>();
        await using (var cmd = new NpgsqlCommand("""SELECT "Id", "Code", "ScopePath" FROM organizations WHERE "Level" = 4 AND "ScopePath" LIKE '/44/%' ORDER BY "Code" """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                schools.Add(new School(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        Console.WriteLine($"provider: Postgres (payments, issue 10); {studentCount:N0} students 在籍 with an approved grant line of 2026 autumn and a current card, " +
            $"over {schools.Count} schools of province 44, loaded in {load.Elapsed.TotalSeconds:0.0} s");

        var build = new List<double>();
        var buildBase = new List<double>();
        var match = new List<double>();
        var matchBase = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // (a) the feature, school by school, as each school's finance officer.
            var sw = Stopwatch.StartNew();
            var built = 0;
            long builtFen = 0;
            foreach (var school in schools)
            {
                var officer = new Actor($"finance-{school.Code}", "学校财务人员", Role.SchoolFinanceOfficer, school.Code, OrgLevel.School, school.ScopePath, null);
                var result = await sp.As(officer, s => s.GetRequiredService<BuildPaymentBatch>().HandleAsync(
                    new PaymentBatchInput { SchoolCode = school.Code, Item = AidItem.Grant, PaymentDate = PayDate }, default));
                built += result.Included;
                builtFen += result.TotalFen;
            }

            build.Add(sw.Elapsed.TotalMilliseconds);
            await ExecAsync(conn, """UPDATE funds_payment_batches SET "State" = 2, "ExportedBy" = 'bench', "ExportedAtUtc" = now(), "Version" = "Version" + 1 WHERE "State" = 1""");
            var files = await ReturnFilesAsync(conn);

            // (c) the feature, batch by batch, as the school's finance officer uploading the bank's reply.
            sw.Restart();
            int paid = 0, failed = 0;
            foreach (var (batchId, school, csv) in files)
            {
                var officer = new Actor($"finance-{school.Code}", "学校财务人员", Role.SchoolFinanceOfficer, school.Code, OrgLevel.School, school.ScopePath, null);
                var report = await sp.As(officer, s => s.GetRequiredService<ImportReturnFile>().HandleAsync(batchId, csv, "回盘.csv", default));
                if (!report.Accepted)
                {
                    throw new InvalidOperationException($"The return file of {school.Code} was refused: {report.Problems[0].Message}");
                }

                paid += report.PaidCount;
                failed += report.FailedCount;
            }

            match.Add(sw.Elapsed.TotalMilliseconds);
            var feature = await OutcomeAsync(conn);
            if (feature.Lines != built || feature.TotalFen != builtFen || feature.Paid != paid || feature.Failed != failed)
            {
                throw new InvalidOperationException("The feature's results and the database disagree.");
            }

            await ClearAsync(conn);

            // (b) the same batches and lines in one statement.
            sw.Restart();
            await ExecAsync(conn, BaselineBuild);
            buildBase.Add(sw.Elapsed.TotalMilliseconds);
            await ExecAsync(conn, """UPDATE funds_payment_batches SET "State" = 2, "ExportedBy" = 'bench', "ExportedAtUtc" = now(), "Version" = "Version" + 1 WHERE "State" = 1""");
            var replies = await RepliesAsync(conn);

            // (d) COPY the replies into a temp table, one UPDATE … FROM of the lines and the batches' totals.
            sw.Restart();
            await BaselineMatchAsync(conn, replies);
            matchBase.Add(sw.Elapsed.TotalMilliseconds);
            var baseline = await OutcomeAsync(conn);
            await ClearAsync(conn);
            if (feature != baseline)
            {
                throw new InvalidOperationException($"The feature ({feature}) and the baseline ({baseline}) disagree.");
            }

            Console.WriteLine($"run {run + 1}: build {build[^1]:N0} ms (baseline {buildBase[^1]:N0} ms), match {match[^1]:N0} ms (baseline {matchBase[^1]:N0} ms); " +
                $"{feature.Lines:N0} lines, {feature.TotalFen / 100m:N2} 元; paid {feature.Paid:N0} ({feature.PaidFen / 100m:N2} 元), failed {feature.Failed:N0} ({feature.FailedFen / 100m:N2} 元)");
        }

        Report("build the province's monthly batches (BuildPaymentBatch per school)", "one INSERT … SELECT of the batches and lines", build, buildBase);
        Report("match the return files (ImportReturnFile per batch)", "COPY + one UPDATE … FROM (+ batch totals)", match, matchBase);
        await ExplainAsync(conn);
    }

    private static void Report(string what, string baselineWhat, List<double> feature, List<double> baseline)
    {
        var ratio = Median(feature) / Median(baseline);
        var met = Median(feature) <= TargetSeconds * 1000 && ratio <= TargetRatio;
        Console.WriteLine($"{what}: median {Median(feature):N0} ms, max {feature.Max():N0} ms; baseline ({baselineWhat}) median {Median(baseline):N0} ms, " +
            $"max {baseline.Max():N0} ms; ratio {ratio:0.00}×; target ≤ {TargetSeconds} s and ≤ {TargetRatio}×: {(met ? "met" : "NOT met")}");
    }

    /// <summary>Students, aid rounds and approved grant lines, cards and the province's monthly rule, generated server-side.</summary>
    private static async Task LoadAsync(NpgsqlConnection conn, int students)
    {
        await ExecAsync(conn, """
            CREATE TEMP TABLE bench_schools AS
            SELECT (row_number() OVER (ORDER BY "Code") - 1)::int AS n, "Id", "Code", "ScopePath", "Name"
            FROM organizations WHERE "Level" = 4 AND "ScopePath" LIKE '/44/%'
            """);
        await ExecAsync(conn, $"""
            INSERT INTO student_records ("Id", "SchoolId", "SchoolCode", "ScopePath", "Name", "DocumentType", "IdNumberCipher", "IdNumberHash",
                "IdNumberMasked", "BirthDate", "Sex", "Ethnicity", "Household", "HouseholdCountyCode", "Major", "MajorIsAgricultural", "MajorArts",
                "TrainingLevel", "EntryEducation", "SchoolingYears", "IsFullTime", "IntakeYear", "IntakeSeason", "EnrolmentDate", "ClassName",
                "PaperFileMade", "InputFingerprint", "HoldsPlace", "RegistrationState", "StatusNumber", "CollectedBy", "CollectedAtUtc",
                "VerifiedBy", "VerifiedAtUtc", "VerificationMethod", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version",
                "Status", "StatusSince", "SuspendedDays", "RepeatedYears")
            SELECT md5('pay' || g)::uuid, o."Id", o."Code", o."ScopePath",
                (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','高'])[1 + g % 20]
                    || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明'])[1 + (g / 20) % 16]
                    || CASE WHEN g % 3 = 0 THEN '' ELSE (ARRAY['文','华','鑫','宇','浩','婷','欣','晨','子','梓'])[1 + (g / 320) % 10] END,
                1, decode(md5('c' || g) || md5('d' || g), 'hex'), encode(sha256(convert_to('pay' || g, 'UTF8')), 'hex'),
                '4401' || lpad((g % 100)::text, 2, '0') || '********' || lpad((g % 10000)::text, 4, '0'),
                make_date(2026 - 15 - y, 1 + g % 12, 1 + g % 28), 1 + g % 2, '汉族', 1, '440111', '数控加工', false, 0,
                1, 1, 3, true, 2026 - y, 2, make_date(2026 - y, 9, 1), (2026 - y) || '级数控' || (1 + (g / 40) % 50) || '班', false, md5('f' || g),
                true, 4, 'P' || o."Code" || lpad(g::text, 9, '0'),
                'bench', make_timestamptz(2026 - y, 9, 5, 2, 0, 0, 'UTC'), 'bench', make_timestamptz(2026 - y, 9, 6, 2, 0, 0, 'UTC'), '现场点名',
                'bench', make_timestamptz(2026 - y, 9, 7, 2, 0, 0, 'UTC'), 'prov-44', make_timestamptz(2026 - y, 10, 1, 2, 0, 0, 'UTC'), 1,
                1, make_date(2026 - y, 9, 1), 0, 0
            FROM generate_series(0, {students} - 1) g
            CROSS JOIN LATERAL (SELECT g % 3 AS y) k
            JOIN bench_schools o ON o.n = g % (SELECT count(*) FROM bench_schools)
            """);
        await ExecAsync(conn, """
            INSERT INTO aid_rounds ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "SupervisorPath", "SchoolYear", "Semester", "Item",
                "PolicyId", "ApprovalDeadline", "DeclaredEligibleCount", "State", "CreatedBy", "CreatedAtUtc", "PublishedFrom", "PublishedTo",
                "PublishedBy", "PublishedAtUtc", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version")
            SELECT md5('round' || o."Code")::uuid, o."Id", o."Code", o."Name", o."ScopePath", '/44/', 2026, 2, 1,
                (SELECT "Id" FROM aid_policies ORDER BY "ValidFrom" DESC LIMIT 1), DATE '2026-11-30',
                (SELECT count(*) FROM student_records s WHERE s."SchoolId" = o."Id"), 5, 'bench', now(), DATE '2026-09-10', DATE '2026-09-16',
                'bench', now(), 'bench', now(), 'prov-44', TIMESTAMPTZ '2026-09-30 02:00:00+00', 0
            FROM bench_schools o
            """);
        await ExecAsync(conn, """
            INSERT INTO aid_entries ("Id", "RoundId", "SchoolId", "ScopePath", "SchoolYear", "Semester", "Item", "StudentId", "PersonKey", "StudentName",
                "ClassName", "IdNumberMasked", "Grade", "YearAmountFen", "AmountFen", "Basis", "State", "CollectedBy", "CollectedAtUtc",
                "ReviewedBy", "ReviewedAtUtc", "ReviewNote", "Version")
            SELECT md5('entry' || s."Id")::uuid, md5('round' || s."SchoolCode")::uuid, s."SchoolId", s."ScopePath", 2026, 2, 1, s."Id", s."IdNumberHash",
                s."Name", s."ClassName", s."IdNumberMasked", 2026 - s."IntakeYear" + 1, 230000, 115000, '农村户籍', 2, 'bench', now(),
                'prov-44', TIMESTAMPTZ '2026-09-30 02:00:00+00', '同意', 1
            FROM student_records s WHERE s."ScopePath" LIKE '/44/%'
            """);
        await ExecAsync(conn, """
            INSERT INTO funds_bank_cards ("Id", "StudentId", "SchoolId", "ScopePath", "Kind", "NumberCipher", "NumberMasked", "NumberKey", "HolderName",
                "BankName", "IsCurrent", "RecordedBy", "RecordedAtUtc", "Version")
            SELECT md5('card' || s."Id")::uuid, s."Id", s."SchoolId", s."ScopePath", 1 + (get_byte(decode(md5(s."Id"::text), 'hex'), 0) % 2),
                decode(md5('k' || s."Id") || md5('l' || s."Id"), 'hex'), '6228 48** **** ' || right(s."StatusNumber", 4),
                encode(sha256(convert_to('card' || s."Id", 'UTF8')), 'hex'), s."Name", '中国农业银行', true, 'bench', TIMESTAMPTZ '2026-09-08 02:00:00+00', 1
            FROM student_records s WHERE s."ScopePath" LIKE '/44/%'
            """);
        await ExecAsync(conn, """
            INSERT INTO funds_payment_rules ("Id", "ProvinceCode", "Frequency", "PayDay", "EffectiveFrom", "SetBy", "SetAtUtc", "Version")
            VALUES (gen_random_uuid(), '44', 1, 10, DATE '2026-09-01', 'prov-44', TIMESTAMPTZ '2026-08-20 02:00:00+00', 1)
            """);
        // September's batches, paid (October follows them): the "not paid for an overlapping period" check reads a table that
        // already holds the province's previous month.
        await ExecAsync(conn, """
            INSERT INTO funds_payment_batches ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "Item", "SchoolYear", "Semester", "PeriodStart",
                "PeriodEnd", "PeriodLabel", "PaymentDate", "FiscalYear", "IsRepayment", "State", "LineCount", "TotalFen", "PaidCount", "PaidFen",
                "FailedCount", "FailedFen", "BuiltBy", "BuiltAtUtc", "ExportedBy", "ExportedAtUtc", "ReturnImportedBy", "ReturnImportedAtUtc",
                "ExcludedCount", "ExcludedJson", "Version")
            SELECT md5('sep' || o."Code")::uuid, o."Id", o."Code", o."Name", o."ScopePath", 1, 2026, 2, DATE '2026-09-01', DATE '2026-09-30', '2026年9月',
                DATE '2026-09-10', 2026, false, 3, t.n, t.n * 23000, t.n, t.n * 23000, 0, 0, 'bench', now(), 'bench', now(), 'bench', now(), 0, '[]', 3
            FROM bench_schools o JOIN (SELECT "SchoolId", count(*)::int AS n FROM student_records GROUP BY "SchoolId") t ON t."SchoolId" = o."Id";
            INSERT INTO funds_payment_lines ("Id", "BatchId", "SchoolId", "ScopePath", "Item", "PeriodStart", "PeriodEnd", "FiscalYear", "StudentId",
                "AidEntryId", "CardId", "Reference", "StudentName", "CardMasked", "HolderName", "AmountFen", "Basis", "State", "BankReason", "SettledOn",
                "RepaysLineId", "Version")
            SELECT gen_random_uuid(), md5('sep' || s."SchoolCode")::uuid, s."SchoolId", s."ScopePath", 1, DATE '2026-09-01', DATE '2026-09-30', 2026, s."Id",
                md5('entry' || s."Id")::uuid, md5('card' || s."Id")::uuid, s."SchoolCode" || '202609' || lpad((row_number() OVER (PARTITION BY s."SchoolId" ORDER BY s."Id"))::text, 6, '0'),
                s."Name", '6228 48** **** ' || right(s."StatusNumber", 4), s."Name", 23000, '2026-09-10 学籍在籍；国家助学金审核通过', 2, NULL, DATE '2026-09-15', NULL, 3
            FROM student_records s;
            """);
        await ExecAsync(conn, "VACUUM (ANALYZE)");
    }

    /// <summary>
    /// What <see cref="BuildPaymentBatch"/> writes for every school of the province, in one statement: the approved grant lines
    /// of the term, for students 在籍 on the pay day, not revoked, with a current card, not paid for an overlapping period;
    /// October is the term's second month, so a fifth of the term amount; references school + yyyyMM + a 6-digit number in
    /// name order; one batch per school with its count and total.
    /// </summary>
    private const string BaselineBuild = """
        WITH c AS (
            SELECT e."Id" AS entry, e."StudentId", e."SchoolId", e."ScopePath", e."StudentName", e."AmountFen" / 5 AS fen, e."ReviewedBy", e."ReviewedAtUtc",
                k."Id" AS card, k."NumberMasked", k."HolderName",
                row_number() OVER (PARTITION BY e."SchoolId" ORDER BY e."StudentName" COLLATE "C", e."StudentId") AS rn
            FROM aid_entries e
            JOIN student_records s ON s."Id" = e."StudentId"
            JOIN funds_bank_cards k ON k."StudentId" = e."StudentId" AND k."IsCurrent"
            WHERE e."Item" = 1 AND e."SchoolYear" = 2026 AND e."Semester" = 2 AND e."State" = 2
              AND s."RegistrationState" = 4 AND (s."Status" = 1 OR s."StatusSince" >= DATE '2026-10-10')
              AND NOT EXISTS (SELECT 1 FROM funds_payment_lines p WHERE p."AidEntryId" = e."Id" AND p."State" IN (1, 2, 3)
                              AND p."PeriodStart" <= DATE '2026-10-31' AND p."PeriodEnd" >= DATE '2026-10-01')),
        b AS (
            INSERT INTO funds_payment_batches ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "Item", "SchoolYear", "Semester", "PeriodStart",
                "PeriodEnd", "PeriodLabel", "PaymentDate", "FiscalYear", "IsRepayment", "State", "LineCount", "TotalFen", "PaidCount", "PaidFen",
                "FailedCount", "FailedFen", "BuiltBy", "BuiltAtUtc", "ExcludedCount", "ExcludedJson", "Version")
            SELECT gen_random_uuid(), o."Id", o."Code", o."Name", o."ScopePath", 1, 2026, 2, DATE '2026-10-01', DATE '2026-10-31', '2026年10月',
                DATE '2026-10-10', 2026, false, 1, t.n, t.fen, 0, 0, 0, 0, 'bench', now(), 0, '[]', 1
            FROM (SELECT "SchoolId", count(*)::int AS n, sum(fen)::bigint AS fen FROM c GROUP BY "SchoolId") t JOIN organizations o ON o."Id" = t."SchoolId"
            RETURNING "Id", "SchoolId", "SchoolCode")
        INSERT INTO funds_payment_lines ("Id", "BatchId", "SchoolId", "ScopePath", "Item", "PeriodStart", "PeriodEnd", "FiscalYear", "StudentId",
            "AidEntryId", "CardId", "Reference", "StudentName", "CardMasked", "HolderName", "AmountFen", "Basis", "State", "BankReason", "SettledOn",
            "RepaysLineId", "Version")
        SELECT gen_random_uuid(), b."Id", c."SchoolId", c."ScopePath", 1, DATE '2026-10-01', DATE '2026-10-31', 2026, c."StudentId", c.entry, c.card,
            b."SchoolCode" || '202610' || lpad(c.rn::text, 6, '0'), c."StudentName", c."NumberMasked", c."HolderName", c.fen,
            '2026-10-10 学籍在籍；2026年秋季学期国家助学金审核通过（审核人 ' || coalesce(c."ReviewedBy", '—') || '，'
                || to_char(c."ReviewedAtUtc" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') || '），未撤销',
            1, NULL, NULL, NULL, 1
        FROM c JOIN b ON b."SchoolId" = c."SchoolId"
        """;

    /// <summary>The bank's reply to every batch, as a CSV file per batch (about 2 % failed, with the bank's reason).</summary>
    private static async Task<List<(Guid BatchId, School School, byte[] Csv)>> ReturnFilesAsync(NpgsqlConnection conn)
    {
        var files = new List<(Guid, School, byte[])>();
        await using var cmd = new NpgsqlCommand("""
            SELECT l."BatchId", b."SchoolId", b."SchoolCode", b."ScopePath", l."Reference", l."StudentName", l."CardMasked", l."AmountFen"
            FROM funds_payment_lines l JOIN funds_payment_batches b ON b."Id" = l."BatchId" WHERE l."PeriodStart" = DATE '2026-10-01' ORDER BY l."BatchId", l."Reference"
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Guid? current = null;
        School? school = null;
        var sb = new StringBuilder();
        void Flush()
        {
            if (current is { } id)
            {
                files.Add((id, school!, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())]));
            }
        }

        while (await reader.ReadAsync())
        {
            var batchId = reader.GetGuid(0);
            if (batchId != current)
            {
                Flush();
                current = batchId;
                school = new School(reader.GetInt32(1), reader.GetString(2), reader.GetString(3));
                sb.Clear().Append("流水号,姓名,卡号,金额,结果,失败原因\r\n");
            }

            var reference = reader.GetString(4);
            var (ok, reason) = Reply(reference);
            sb.Append(reference).Append(',').Append(reader.GetString(5)).Append(',').Append(reader.GetString(6).Replace(" ", "", StringComparison.Ordinal))
                .Append(',').Append((reader.GetInt64(7) / 100m).ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(ok ? "成功" : "失败")
                .Append(',').Append(reason).Append("\r\n");
        }

        Flush();
        return files;
    }

    /// <summary>The bank's answer for a reference: every 50th line of a batch fails, with one of two reasons.</summary>
    private static (bool Paid, string Reason) Reply(string reference)
    {
        var n = int.Parse(reference[^6..], CultureInfo.InvariantCulture);
        return n % 50 != 0 ? (true, "") : (false, n % 100 == 0 ? "账户已冻结" : "户名与账号不符");
    }

    private static async Task<List<(string Reference, bool Paid, string Reason)>> RepliesAsync(NpgsqlConnection conn)
    {
        var replies = new List<(string, bool, string)>();
        await using var cmd = new NpgsqlCommand("""SELECT "Reference" FROM funds_payment_lines WHERE "PeriodStart" = DATE '2026-10-01'""", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var reference = reader.GetString(0);
            var (paid, reason) = Reply(reference);
            replies.Add((reference, paid, reason));
        }

        return replies;
    }

    /// <summary>COPY the replies into a temp table; one UPDATE … FROM settles the lines, one more reconciles the batches.</summary>
    private static async Task BaselineMatchAsync(NpgsqlConnection conn, List<(string Reference, bool Paid, string Reason)> replies)
    {
        await ExecAsync(conn, "CREATE TEMP TABLE bench_replies (reference varchar(40) PRIMARY KEY, paid boolean NOT NULL, reason varchar(200))");
        await using (var writer = await conn.BeginBinaryImportAsync("COPY bench_replies (reference, paid, reason) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (reference, paid, reason) in replies)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(reference);
                await writer.WriteAsync(paid);
                if (paid)
                {
                    await writer.WriteNullAsync();
                }
                else
                {
                    await writer.WriteAsync(reason);
                }
            }

            await writer.CompleteAsync();
        }

        await ExecAsync(conn, """
            UPDATE funds_payment_lines l SET "State" = CASE WHEN r.paid THEN 2 ELSE 3 END, "BankReason" = r.reason, "SettledOn" = DATE '2026-10-15',
                "Version" = l."Version" + 1
            FROM bench_replies r WHERE l."Reference" = r.reference AND l."State" = 1;
            UPDATE funds_payment_batches b SET "State" = 3, "PaidCount" = t.paid, "PaidFen" = t.paid_fen, "FailedCount" = t.failed, "FailedFen" = t.failed_fen,
                "ReturnImportedBy" = 'bench', "ReturnImportedAtUtc" = now(), "Version" = b."Version" + 1
            FROM (SELECT "BatchId", count(*) FILTER (WHERE "State" = 2)::int AS paid, coalesce(sum("AmountFen") FILTER (WHERE "State" = 2), 0) AS paid_fen,
                    count(*) FILTER (WHERE "State" = 3)::int AS failed, coalesce(sum("AmountFen") FILTER (WHERE "State" = 3), 0) AS failed_fen
                  FROM funds_payment_lines WHERE "PeriodStart" = DATE '2026-10-01' GROUP BY "BatchId") t
            WHERE t."BatchId" = b."Id" AND b."State" = 2;
            DROP TABLE bench_replies;
            """);
    }

    private static async Task<Outcome> OutcomeAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*)::int, coalesce(sum("TotalFen"), 0)::bigint, coalesce(sum("PaidCount"), 0)::int, coalesce(sum("PaidFen"), 0)::bigint,
                coalesce(sum("FailedCount"), 0)::int, coalesce(sum("FailedFen"), 0)::bigint, coalesce(sum("LineCount"), 0)::int,
                (SELECT count(*) FROM funds_payment_lines WHERE "State" = 2 AND "PeriodStart" = DATE '2026-10-01')::int,
                (SELECT count(*) FROM funds_payment_lines WHERE "State" = 3 AND "PeriodStart" = DATE '2026-10-01')::int
            FROM funds_payment_batches WHERE "PeriodStart" = DATE '2026-10-01'
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetInt32(2) != reader.GetInt32(7) || reader.GetInt32(4) != reader.GetInt32(8))
        {
            throw new InvalidOperationException("The batches' totals and their lines disagree.");
        }

        return new Outcome(reader.GetInt32(6), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt64(5));
    }

    private static async Task ClearAsync(NpgsqlConnection conn)
    {
        await ExecAsync(conn, """
            DELETE FROM funds_payment_return_files; DELETE FROM funds_payment_lines WHERE "PeriodStart" = DATE '2026-10-01';
            DELETE FROM funds_payment_batches WHERE "PeriodStart" = DATE '2026-10-01'
            """);
        await ExecAsync(conn, "VACUUM ANALYZE funds_payment_lines");
        await ExecAsync(conn, "VACUUM ANALYZE funds_payment_batches");
    }

    /// <summary>The plan of one school's candidate query (the feature's read) next to September's paid lines.</summary>
    private static async Task ExplainAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("""
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT e."Id", s."Status", c."Id", EXISTS (SELECT 1 FROM funds_payment_lines p WHERE p."StudentId" = e."StudentId" AND p."AidEntryId" = e."Id" AND p."State" IN (1, 2, 3)
                AND p."PeriodStart" <= DATE '2026-10-31' AND p."PeriodEnd" >= DATE '2026-10-01')
            FROM aid_entries e JOIN student_records s ON s."Id" = e."StudentId"
            LEFT JOIN funds_bank_cards c ON c."StudentId" = e."StudentId" AND c."IsCurrent"
            WHERE e."Item" = 1 AND e."SchoolYear" = 2026 AND e."Semester" = 2 AND e."State" IN (2, 4)
              AND e."SchoolId" = (SELECT "Id" FROM organizations WHERE "Level" = 4 AND "ScopePath" LIKE '/44/%' ORDER BY "Code" LIMIT 1)
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Console.WriteLine("plan of one school's candidate read:");
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(0));
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
}
