using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Rounds.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Seeding.National;

/// <summary>
/// The national data set's semester of approved aid, decided by one set of rules written twice on purpose: in SQL
/// (<see cref="NationalAidGenerator"/>, on the loaded database) and in C# (<see cref="NationalAidRules.Decide"/>, on
/// the students re-derived from the seed, for the other ministry's file). Both follow AidEligibilityRules: formal,
/// active, full-time, enrolled by the term; grant: grade in the policy's range and 涉农 major, a rural household in a
/// county of the policy's all-rural list, or a hardship level; waiver: grades 1–3, not 艺术类表演, and a rural household,
/// a 涉农 major or a hardship level. There are no hardship assessments in the data set: a deterministic quarter of the
/// students stands for them (<see cref="HardshipBucket"/>: bucket 0–4 特别困难, 5–14 困难, 15–24 一般困难), computed from
/// columns the database holds in clear (name, birth date, county, class), so SQL and C# agree without any key.
/// The tests and the cross-check benchmark check the agreement: the planted overlap is found exactly.
/// </summary>
public static class NationalAidRules
{
    public const int HardshipShare = 25;

    public static readonly string[] PerformingArtsMajors = ["舞蹈表演", "音乐表演"];

    public const string OperaMajor = "戏曲表演";

    public static MajorArts ArtsOf(string major) =>
        PerformingArtsMajors.Contains(major) ? MajorArts.PerformingArts : major == OperaMajor ? MajorArts.TraditionalOpera : MajorArts.None;

    /// <summary>0–99 from md5(name|yyyy-MM-dd|county|class): the SQL is <see cref="HardshipBucketSql"/>.</summary>
    public static int HardshipBucket(string name, DateOnly birth, string county, string className)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{name}|{birth:yyyy-MM-dd}|{county}|{className}");
        var hex = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
        return (int)(Convert.ToUInt32(hex[..7], 16) % 100);
    }

    /// <summary>AidTerm.GradeOf in SQL, for the term whose <see cref="AidTerm.Index"/> is the parameter @termIndex.</summary>
    public const string GradeSql =
        "(SELECT CASE WHEN e.elapsed < 0 THEN 0 ELSE e.elapsed / 2 + 1 END FROM (SELECT @termIndex - CASE WHEN date_part('month', s.\"EnrolmentDate\") >= 7 " +
        "THEN 2 * date_part('year', s.\"EnrolmentDate\")::int ELSE 2 * date_part('year', s.\"EnrolmentDate\")::int - 1 END AS elapsed) e)";

    public const string HardshipBucketSql =
        "((('x' || substr(md5(s.\"Name\" || '|' || to_char(s.\"BirthDate\", 'YYYY-MM-DD') || '|' || s.\"HouseholdCountyCode\" || '|' || s.\"ClassName\"), 1, 7))::bit(28)::int) % 100)";

    /// <summary>The national default policy seeded for the term (the ministry file's generator has no database).</summary>
    public static (int GrantFrom, int GrantTo, IReadOnlyList<string> AllRural) DefaultPolicy(AidTerm term)
    {
        var p = Modules.Aid.Policies.Data.AidPolicySeed.Policies
            .Where(p => p.ProvinceCode is null && p.ValidFrom <= term.StartsOn && (p.ValidTo is null || p.ValidTo >= term.StartsOn))
            .OrderByDescending(p => p.ValidFrom).First().Values;
        return (p.GrantGradeFrom, p.GrantGradeTo, [.. p.AllRuralAreaCodes.Union(DesignatedCounties(term))]);
    }

    /// <summary>The counties of the seeded national designated areas in force at the start of the term (issue 11, item 7).</summary>
    public static IReadOnlyList<string> DesignatedCounties(AidTerm term) =>
        [.. Modules.Aid.Policies.Data.DesignatedAreaSeed.Areas.Where(a => a.AppliesTo(term.StartsOn)).SelectMany(a => a.Counties).Distinct()];

    /// <summary>Which items a generated student is approved for in the term (students load 审核通过, active).</summary>
    public static (bool Grant, bool Waiver) Decide(GeneratedStudent s, AidTerm term, (int GrantFrom, int GrantTo, IReadOnlyList<string> AllRural) policy)
    {
        var grade = term.GradeOf(s.EnrolmentDate);
        if (!s.FullTime || grade == 0)
        {
            return (false, false);
        }

        var hardship = HardshipBucket(s.Name, s.BirthDate, s.CountyCode, s.ClassName) < HardshipShare;
        var grant = grade >= policy.GrantFrom && grade <= policy.GrantTo
            && (s.Agricultural || (s.Household == Household.Rural && policy.AllRural.Contains(s.CountyCode)) || hardship);
        var waiver = grade <= Modules.Aid.Eligibility.AidEligibilityRules.WaiverGradeTo
            && (ArtsOf(s.Major) == MajorArts.TraditionalOpera
                || (ArtsOf(s.Major) != MajorArts.PerformingArts && (s.Household != Household.Urban || s.Agricultural || hardship)));
        return (grant, waiver);
    }
}

public sealed record NationalAidReport(string Term, int Rounds, long Grants, long Waivers, int TuitionSet, int Policies);

/// <summary>
/// `tsa generate aid --term 2026-autumn`: one semester of approved aid for every school of the loaded database, written
/// by set-based SQL on PostgreSQL: one 审核完成 round per school and item, 审核通过 lines for every eligible student
/// (<see cref="NationalAidRules"/>), amounts from the province's policy tiers and the school fees (ORG-2). Schools without a
/// tuition get a deterministic approved tuition (2,000–4,000 yuan a year, 民办 half as much again), provinces without a
/// comparable public tuition one per school kind (技师学院 3,300, 高级技工学校 3,000, 技工学校 2,700 yuan); a 民办 school's
/// waiver is the comparable figure (the city's before the province's), never above its own fee. Safe to run again: a school that
/// already has a round for the item and term is left alone, and a person approved elsewhere for the item and term is
/// not approved twice. One audit event for the run (<c>aid.national_generated</c>) with the counts.
/// </summary>
public static class NationalAidGenerator
{
    public const string Operator = "generator:national-aid";

    public static async Task<NationalAidReport> GenerateAsync(TsaDbContext db, IAidPolicies policies, AidTerm term, TimeProvider clock, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            throw AppException.Invalid("provider", "tsa generate aid 只支持 PostgreSQL（全国数据按集合 SQL 生成）");
        }

        var provinces = await db.Set<Modules.Organizations.Domain.Organization>().AsNoTracking()
            .Where(o => o.Level == OrgLevel.School && o.ProvinceCode != null).Select(o => o.ProvinceCode!).Distinct().ToListAsync(ct);
        var rows = new List<AidPolicy>();
        foreach (var p in provinces.Order(StringComparer.Ordinal))
        {
            if (await policies.PolicyFor(p, term.StartsOn, ct) is { } policy)
            {
                rows.Add(policy);
            }
        }

        var reviewedAt = DateTime.SpecifyKind(term.StartsOn.AddDays(60).ToDateTime(new TimeOnly(2, 0)), DateTimeKind.Utc);
        var collectedAt = reviewedAt.AddDays(-30);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgTx = (NpgsqlTransaction)tx.GetDbTransaction();
            async Task<int> Exec(string sql, params (string Name, object Value)[] ps)
            {
                await using var cmd = new NpgsqlCommand(sql, conn, npgTx) { CommandTimeout = 3600 };
                foreach (var (n, v) in ps)
                {
                    cmd.Parameters.AddWithValue(n, v);
                }

                return await cmd.ExecuteNonQueryAsync(ct);
            }

            var tuition = await Exec("""
                INSERT INTO school_tuitions ("Id", "SchoolId", "ScopePath", "AmountFen", "Major", "DocumentNumber", "DocumentDate", "ValidFrom", "ValidTo",
                    "RecordedBy", "RecordedAtUtc", "Version")
                SELECT md5('school-tuition:' || o."Code")::uuid, o."Id", o."ScopePath",
                    (200000 + ((('x' || substr(md5(o."Code"), 1, 7))::bit(28)::int) % 21) * 10000) * (CASE WHEN o."Ownership" = @private THEN 3 ELSE 2 END) / 2,
                    NULL, '全国数据生成', @from, @from, NULL, @by, @at, 0
                FROM organizations o
                WHERE o."Level" = @school AND NOT EXISTS (SELECT 1 FROM school_tuitions t WHERE t."SchoolId" = o."Id")
                """, ("private", (int)Modules.Organizations.Contracts.Ownership.Private), ("school", (int)OrgLevel.School), ("from", new DateOnly(2020, 9, 1)),
                ("by", Operator), ("at", collectedAt));
            await Exec("""
                INSERT INTO comparable_tuitions ("Id", "ProvinceCode", "CityCode", "ScopePath", "Kind", "AmountFen", "Major", "DocumentNumber", "DocumentDate",
                    "ValidFrom", "ValidTo", "RecordedBy", "RecordedAtUtc", "Version")
                SELECT md5('comparable-tuition:' || p."Code" || ':' || k.kind)::uuid, p."Code", NULL, p."ScopePath", k.kind, 270000 + (3 - k.kind) * 30000,
                    NULL, '全国数据生成', @from, @from, NULL, @by, @at, 0
                FROM organizations p CROSS JOIN (VALUES (1), (2), (3)) k(kind)
                WHERE p."Level" = @province AND NOT EXISTS (SELECT 1 FROM comparable_tuitions c WHERE c."ProvinceCode" = p."Code" AND c."Kind" = k.kind)
                """, ("province", (int)OrgLevel.Province), ("from", new DateOnly(2020, 9, 1)), ("by", Operator), ("at", collectedAt));

            await Exec("""
                CREATE TEMP TABLE gen_policy (province text PRIMARY KEY, policy_id uuid, grant_from int, grant_to int, tier_hi bigint, tier_mid bigint,
                    tier_lo bigint, all_rural text[], deadline date) ON COMMIT DROP
                """);
            var designated = NationalAidRules.DesignatedCounties(term);
            foreach (var p in rows)
            {
                var tiers = p.Tiers.Select(t => t.AmountFen).OrderByDescending(a => a).ToList();
                var deadline = term.Semester == Semester.Autumn ? p.AutumnApprovalDeadline : p.SpringApprovalDeadline;
                await Exec("INSERT INTO gen_policy VALUES (@p, @id, @gf, @gt, @hi, @mid, @lo, @rural, @deadline)",
                    ("p", p.ProvinceCode), ("id", p.PolicyId), ("gf", p.GrantGradeFrom), ("gt", p.GrantGradeTo),
                    ("hi", tiers.Count > 0 ? tiers[0] : 0L), ("mid", tiers.Count > 0 ? tiers[Math.Min(1, tiers.Count - 1)] : 0L), ("lo", tiers.Count > 0 ? tiers[^1] : 0L),
                    ("rural", p.AllRuralAreaCodes.Union(designated).ToArray()),
                    ("deadline", new DateOnly(term.CalendarYear, deadline.Month, deadline.Day)));
            }

            // The rounds of this run: every school with approved students and no round for the item and term yet.
            await Exec("CREATE TEMP TABLE gen_rounds (round_id uuid PRIMARY KEY, school_id int, item int) ON COMMIT DROP");
            var roundCount = await Exec("""
                WITH ins AS (
                    INSERT INTO aid_rounds ("Id", "SchoolId", "SchoolCode", "SchoolName", "ScopePath", "SupervisorPath", "SchoolYear", "Semester", "Item",
                        "PolicyId", "ApprovalDeadline", "DeclaredEligibleCount", "State", "CreatedBy", "CreatedAtUtc", "PublishedFrom", "PublishedTo",
                        "PublishedBy", "PublishedAtUtc", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version")
                    SELECT md5('aid-round:' || o."Code" || ':' || @year || ':' || @semester || ':' || i.item)::uuid, o."Id", o."Code", o."Name", o."ScopePath",
                        regexp_replace(o."ScopePath", '[^/]+/$', ''), @year, @semester, i.item, gp.policy_id, gp.deadline, 0, @reviewed, @by, @collected,
                        @start + 20, @start + 27, @by, @collected, @by, @collected, @by, @at, 1
                    FROM organizations o JOIN gen_policy gp ON gp.province = o."ProvinceCode" CROSS JOIN (VALUES (1), (2)) i(item)
                    WHERE o."Level" = @school AND EXISTS (SELECT 1 FROM student_records s WHERE s."SchoolId" = o."Id")
                    ON CONFLICT DO NOTHING
                    RETURNING "Id", "SchoolId", "Item")
                INSERT INTO gen_rounds SELECT "Id", "SchoolId", "Item" FROM ins
                """, ("year", term.SchoolYear), ("semester", (int)term.Semester), ("reviewed", (int)AidRoundState.Reviewed), ("by", Operator),
                ("collected", collectedAt), ("at", reviewedAt), ("start", term.StartsOn), ("school", (int)OrgLevel.School));

            var lines = await Exec($$"""
                INSERT INTO aid_entries ("Id", "RoundId", "SchoolId", "ScopePath", "SchoolYear", "Semester", "Item", "StudentId", "PersonKey", "StudentName",
                    "ClassName", "IdNumberMasked", "Grade", "YearAmountFen", "AmountFen", "Basis", "State", "CollectedBy", "CollectedAtUtc",
                    "ReviewedBy", "ReviewedAtUtc", "ReviewNote", "Version")
                SELECT md5(r.round_id::text || s."Id"::text)::uuid, r.round_id, s."SchoolId", s."ScopePath", @year, @semester, r.item, s."Id", s."IdNumberHash",
                    s."Name", s."ClassName", s."IdNumberMasked", f.grade, f.amount, f.amount / 2,
                    left(concat_ws('；', '在籍全日制正式学籍', f.grade || '年级',
                        CASE WHEN r.item = 1 AND s."MajorIsAgricultural" THEN '涉农专业（' || s."Major" || '）' END,
                        CASE WHEN r.item = 1 AND f.all_rural THEN '农村户籍（不含县城），户籍所在县区 ' || s."HouseholdCountyCode" || ' 为全部农村学生享受资助的地区' END,
                        CASE WHEN r.item = 2 AND s."MajorArts" = @opera THEN '戏曲表演专业（' || s."Major" || '）学生免除学费'
                             WHEN r.item = 2 AND s."Household" = @rural THEN '农村户籍'
                             WHEN r.item = 2 AND s."Household" = @town THEN '县镇户籍，属于免学费的“农村（含县镇）”学生'
                             WHEN r.item = 2 AND s."MajorIsAgricultural" THEN '城市户籍，涉农专业（' || s."Major" || '）' END,
                        CASE WHEN f.bucket < @share AND (r.item = 1 OR (s."Household" = @urban AND NOT s."MajorIsAgricultural" AND s."MajorArts" <> @opera))
                             THEN @yearText || '学年认定为家庭经济困难（' || CASE WHEN f.bucket < 5 THEN '特别困难' WHEN f.bucket < 15 THEN '困难' ELSE '一般困难' END || '）' END), 500),
                    @approved, @by, @collected, @by, @at, '同意', 1
                FROM gen_rounds r
                JOIN organizations o ON o."Id" = r.school_id
                JOIN gen_policy gp ON gp.province = o."ProvinceCode"
                JOIN student_records s ON s."SchoolId" = r.school_id
                CROSS JOIN LATERAL (SELECT
                    {{NationalAidRules.GradeSql}} AS grade,
                    {{NationalAidRules.HardshipBucketSql}} AS bucket,
                    s."Household" = @rural AND s."HouseholdCountyCode" = ANY (gp.all_rural) AS all_rural) g
                LEFT JOIN LATERAL (SELECT t."AmountFen" FROM school_tuitions t WHERE t."SchoolId" = o."Id" AND t."Major" IS NULL
                    AND t."ValidFrom" <= @start AND (t."ValidTo" IS NULL OR t."ValidTo" >= @start) LIMIT 1) own ON true
                LEFT JOIN LATERAL (SELECT c."AmountFen" FROM comparable_tuitions c WHERE c."ProvinceCode" = o."ProvinceCode" AND c."Kind" = o."Kind"
                    AND c."Major" IS NULL AND (c."CityCode" IS NULL OR c."CityCode" = o."CityCode")
                    AND c."ValidFrom" <= @start AND (c."ValidTo" IS NULL OR c."ValidTo" >= @start)
                    ORDER BY c."CityCode" IS NULL LIMIT 1) cmp ON true
                CROSS JOIN LATERAL (SELECT g.grade, g.bucket, g.all_rural,
                    CASE WHEN r.item = 1 THEN CASE WHEN g.bucket < 5 THEN gp.tier_hi WHEN g.bucket < 15 THEN gp.tier_mid ELSE gp.tier_lo END
                         WHEN o."Ownership" = @private THEN CASE WHEN cmp."AmountFen" IS NOT NULL THEN least(cmp."AmountFen", own."AmountFen") END
                         ELSE own."AmountFen" END AS amount) f
                WHERE s."RegistrationState" = @regApproved AND s."Status" = @active AND s."IsFullTime" AND f.grade > 0 AND f.amount IS NOT NULL
                  AND ((r.item = 1 AND f.grade BETWEEN gp.grant_from AND gp.grant_to
                        AND (s."MajorIsAgricultural" OR f.all_rural OR f.bucket < @share))
                    OR (r.item = 2 AND f.grade <= @waiverTo AND (s."MajorArts" = @opera OR (s."MajorArts" <> @performing
                        AND (s."Household" <> @urban OR s."MajorIsAgricultural" OR f.bucket < @share)))))
                ON CONFLICT DO NOTHING
                """, ("year", term.SchoolYear), ("semester", (int)term.Semester), ("rural", (int)Household.Rural), ("share", NationalAidRules.HardshipShare),
                ("yearText", $"{term.SchoolYear}-{term.SchoolYear + 1}"), ("approved", (int)AidEntryState.Approved), ("by", Operator), ("collected", collectedAt),
                ("at", reviewedAt), ("termIndex", term.Index), ("start", term.StartsOn), ("private", (int)Modules.Organizations.Contracts.Ownership.Private),
                ("regApproved", (int)RegistrationState.Approved), ("active", (int)EnrolmentStatus.Active), ("waiverTo", Modules.Aid.Eligibility.AidEligibilityRules.WaiverGradeTo),
                ("performing", (int)MajorArts.PerformingArts), ("opera", (int)MajorArts.TraditionalOpera), ("urban", (int)Household.Urban),
                ("town", (int)Household.CountyTown));

            await Exec("""
                UPDATE aid_rounds r SET "DeclaredEligibleCount" = c.n
                FROM (SELECT e."RoundId", count(*)::int AS n FROM aid_entries e JOIN gen_rounds g ON g.round_id = e."RoundId" GROUP BY e."RoundId") c
                WHERE r."Id" = c."RoundId"
                """);
            await using var count = new NpgsqlCommand("""
                SELECT coalesce(sum(CASE WHEN e."Item" = 1 THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN e."Item" = 2 THEN 1 ELSE 0 END), 0)
                FROM aid_entries e JOIN gen_rounds g ON g.round_id = e."RoundId"
                """, conn, npgTx) { CommandTimeout = 3600 };
            long grants, waivers;
            await using (var reader = await count.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                grants = reader.GetInt64(0);
                waivers = reader.GetInt64(1);
            }

            db.Record(SeedingAuditActions.NationalAidGenerated, term.ToString(), "/", null, new
            {
                term = term.ToString(), rounds = roundCount, grants, waivers, tuitionSet = tuition, policies = rows.Count, rules = "NationalAidRules",
            }, clock);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            _ = lines;
            return new NationalAidReport(term.ToString(), roundCount, grants, waivers, tuition, rows.Count);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }
}
