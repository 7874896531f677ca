using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Features.Closing;

namespace TechSchoolAid.Bench;

/// <summary>
/// Issue 10's speed requirement: "the final accounts of the whole country (5 M students' year) computed in ≤ 5 s". Loads a
/// national year on PostgreSQL — 5,000,000 payment lines of 2025 spread over every demo school of every province (2 % of
/// them failed, the rest paid), the central allocation to every province and its sub-allocation to every school — then
/// times the ministry's real feature (<see cref="GetProvinceAccounts"/>: every province's received, paid, returned and
/// balance, with its accounts' state) against a hand-written SQL aggregate doing the same sums, in the same run, and
/// prints the plan of the paid-lines aggregate.
///   dotnet run -c Release --project bench/TechSchoolAid.Bench -- accounts Postgres "Host=…;Port=…;Username=postgres" [--lines N]
/// The lines are generated server-side (INSERT … SELECT generate_series); the lines' foreign keys to students, cards and
/// batches are dropped on the throwaway database first, as the aggregate reads none of them.
/// </summary>
internal static class FinalAccountsBench
{
    private const int Runs = 7;
    private const int Year = 2025;
    private const double TargetSeconds = 5;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string[] args)
    {
        if ((args.Length > 0 ? args[0] : "Postgres") != "Postgres")
        {
            throw new InvalidOperationException("The final-accounts benchmark measures PostgreSQL only: accounts Postgres \"<connection string>\"");
        }

        var server = BenchHost.Server(args);
        var lines = int.Parse(BenchHost.Option(args, "--lines") ?? "5000000", CultureInfo.InvariantCulture);
        await BenchHost.WithThrowawayDatabaseAsync(server, "tsa_bench_accounts_", connection => RunOnAsync(connection, lines));
    }

    private static async Task RunOnAsync(string connection, int lineCount)
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
        await ExecAsync(conn, """
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = 'funds_payment_lines'::regclass AND contype = 'f' LOOP
                EXECUTE format('ALTER TABLE funds_payment_lines DROP CONSTRAINT %I', r.conname);
              END LOOP;
            END $$;
            """);
        await ExecAsync(conn, $"""
            WITH s AS (SELECT (row_number() OVER (ORDER BY "Id")) - 1 AS n, "Id", "ScopePath" FROM organizations WHERE "Level" = 4),
                 k AS (SELECT count(*) AS c FROM s)
            INSERT INTO funds_payment_lines ("Id", "BatchId", "SchoolId", "ScopePath", "Item", "PeriodStart", "PeriodEnd", "FiscalYear", "StudentId",
                "AidEntryId", "CardId", "Reference", "StudentName", "CardMasked", "HolderName", "AmountFen", "Basis", "State", "BankReason", "SettledOn",
                "RepaysLineId", "Version")
            SELECT gen_random_uuid(), gen_random_uuid(), s."Id", s."ScopePath", 1, (date '{Year}-03-01' + ((g % 10) * interval '1 month'))::date,
                (date '{Year}-03-01' + ((g % 10 + 1) * interval '1 month') - interval '1 day')::date, {Year}, gen_random_uuid(), gen_random_uuid(),
                gen_random_uuid(), 'B' || g, '学生', '**** 1234', '学生', 23000, '在籍；审批通过', CASE WHEN g % 50 = 0 THEN 3 ELSE 2 END,
                CASE WHEN g % 50 = 0 THEN '账户已冻结' END, (date '{Year}-03-12' + ((g % 10) * interval '1 month'))::date, NULL, 0
            FROM generate_series(1, {lineCount}) g JOIN s ON s.n = g % (SELECT c FROM k);
            """);
        await ExecAsync(conn, $"""
            INSERT INTO funds_allocations ("Id", "FiscalYear", "Item", "Source", "FromOrganizationId", "FromScopePath", "ToOrganizationId", "ToName", "ScopePath",
                "AmountFen", "DocumentNumber", "IssuedOn", "ParentId", "ReceivedOn", "ReceivedBy", "IsCancelled", "RecordedBy", "RecordedAtUtc", "Version")
            SELECT gen_random_uuid(), {Year}, 1, 1, m."Id", '/', p."Id", p."Name", p."ScopePath", 0, '财教〔{Year}〕1号', date '{Year}-03-20', NULL, NULL, NULL, false, 'bench', now(), 0
            FROM organizations p CROSS JOIN (SELECT "Id" FROM organizations WHERE "Level" = 1) m WHERE p."Level" = 2;
            INSERT INTO funds_allocations ("Id", "FiscalYear", "Item", "Source", "FromOrganizationId", "FromScopePath", "ToOrganizationId", "ToName", "ScopePath",
                "AmountFen", "DocumentNumber", "IssuedOn", "ParentId", "ReceivedOn", "ReceivedBy", "IsCancelled", "RecordedBy", "RecordedAtUtc", "Version")
            SELECT gen_random_uuid(), {Year}, 1, 1, p."ToOrganizationId", p."ScopePath", s."Id", s."Name", s."ScopePath", t.fen, '财教〔{Year}〕2号', date '{Year}-04-10',
                p."Id", NULL, NULL, false, 'bench', now(), 0
            FROM organizations s
            JOIN funds_allocations p ON p."ScopePath" = substring(s."ScopePath", 1, 4) AND p."ParentId" IS NULL
            JOIN (SELECT "ScopePath", sum("AmountFen") + 1000000 AS fen FROM funds_payment_lines WHERE "State" = 2 GROUP BY "ScopePath") t ON t."ScopePath" = s."ScopePath"
            WHERE s."Level" = 4;
            UPDATE funds_allocations p SET "AmountFen" = coalesce((SELECT sum(c."AmountFen") FROM funds_allocations c WHERE c."ParentId" = p."Id"), 0) WHERE p."ParentId" IS NULL;
            """);
        await ExecAsync(conn, "VACUUM ANALYZE funds_payment_lines");
        await ExecAsync(conn, "VACUUM ANALYZE funds_allocations");
        Console.WriteLine($"Loaded {lineCount:N0} payment lines of {Year} and the allocations in {load.Elapsed.TotalSeconds:0.0} s.");

        var ministry = new Actor("ministry", "部资助办", Role.MinistryAdmin, "000000", OrgLevel.Ministry, "/", null);
        var feature = new List<double>();
        var baseline = new List<double>();
        ProvinceAccountsTable? table = null;
        long baselinePaid = 0;
        for (var i = 0; i < Runs; i++)
        {
            var sw = Stopwatch.StartNew();
            table = await sp.As(ministry, s => s.GetRequiredService<GetProvinceAccounts>().HandleAsync(Year, default));
            feature.Add(sw.Elapsed.TotalMilliseconds);

            sw.Restart();
            baselinePaid = await BaselineAsync(conn);
            baseline.Add(sw.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"Feature (GetProvinceAccounts, {table!.Rows.Count} provinces): median {Median(feature):0} ms, max {feature.Max():0} ms");
        Console.WriteLine($"Baseline (hand-written SQL aggregate): median {Median(baseline):0} ms, max {baseline.Max():0} ms");
        Console.WriteLine($"Paid nationally: feature {table.Total.PaidFen / 100m:N2} 元, baseline {baselinePaid / 100m:N2} 元; received {table.Total.ReceivedFen / 100m:N2} 元, balance {table.Total.BalanceFen / 100m:N2} 元");
        Console.WriteLine($"Target ≤ {TargetSeconds} s: {(Median(feature) <= TargetSeconds * 1000 ? "met" : "NOT met")}; ratio to baseline {Median(feature) / Median(baseline):0.00}×");
        if (table.Total.PaidFen != baselinePaid)
        {
            throw new InvalidOperationException("The feature and the baseline disagree on what was paid.");
        }

        await using var explain = new NpgsqlCommand(
            $"""EXPLAIN (ANALYZE, BUFFERS) SELECT substring("ScopePath", 2, 2), sum("AmountFen") FROM funds_payment_lines WHERE "FiscalYear" = {Year} AND "State" = 2 GROUP BY 1""", conn);
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine("  " + reader.GetString(0));
        }
    }

    /// <summary>The same sums by hand, per province: allocations entering it, paid lines plus compensation less recoveries, returns.</summary>
    private static async Task<long> BaselineAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT p, sum(received)::bigint, sum(paid)::bigint, sum(returned)::bigint FROM (
              SELECT substring("ScopePath", 2, 2) AS p, sum("AmountFen") AS received, 0 AS paid, 0 AS returned FROM funds_allocations
                WHERE "FiscalYear" = {Year} AND NOT "IsCancelled" AND "ParentId" IS NULL AND length("ScopePath") > 1 GROUP BY 1
              UNION ALL SELECT substring("ScopePath", 2, 2), 0, sum("AmountFen"), 0 FROM funds_payment_lines WHERE "FiscalYear" = {Year} AND "State" = 2 GROUP BY 1
              UNION ALL SELECT substring("ScopePath", 2, 2), 0, sum("AmountFen"), 0 FROM funds_waiver_compensations WHERE "FiscalYear" = {Year} GROUP BY 1
              UNION ALL SELECT substring("ScopePath", 2, 2), 0, -sum("RecoveredFen"), 0 FROM funds_payment_recoveries WHERE "RecoveredFiscalYear" = {Year} GROUP BY 1
              UNION ALL SELECT substring("ScopePath", 2, 2), 0, 0, sum("AmountFen") FROM funds_refunds WHERE "FiscalYear" = {Year} AND length("ScopePath") > 1 GROUP BY 1
            ) x GROUP BY p
            """, conn);
        long paid = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            paid += reader.GetInt64(2);
        }

        return paid;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
        await cmd.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
}
