using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TechSchoolAid.Hosting;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Calendar;
using TechSchoolAid.Modules.StatusChanges.Features;
using TechSchoolAid.Modules.Supervision.Features;
using TechSchoolAid.Seeding;

/// <summary>
/// The province, bulk-loaded with INSERT … SELECT generate_series (synthetic but valid-looking rows; the cipher and hash
/// bytes are random-looking, never decrypted: only the lists are measured).
/// </summary>
internal static class ProvinceData
{
    /// <param name="national">Spread the students over every school in <c>organizations</c> (the pages benchmark creates
    /// schools for every city first) instead of province 44's schools (and 51's for <paramref name="otherStudents"/>).</param>
    /// <param name="beforeVacuum">More loading (e.g. aid lists) on the same connection before <paramref name="extraSql"/> and VACUUM ANALYZE.</param>
    public static async Task<(int Students, int Schools, int Changes, int Flags)> LoadAsync(string connection, int students, int otherStudents, DateTimeOffset now, string? extraSql,
        bool national = false, Func<Func<string, Task<long>>, Task>? beforeVacuum = null)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

        async Task<long> Exec(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 3600 };
            cmd.Parameters.AddWithValue("n", students);
            cmd.Parameters.AddWithValue("all", students + otherStudents);
            cmd.Parameters.AddWithValue("today", today);
            var r = await cmd.ExecuteScalarAsync();
            return r is null or DBNull ? 0 : Convert.ToInt64(r, CultureInfo.InvariantCulture);
        }

        await Exec(national
            ? """
              CREATE TEMP TABLE bench_schools AS
              SELECT (row_number() OVER (ORDER BY "Code") - 1)::int AS n, 0 AS p, "Id", "Code", "ScopePath", "Name"
              FROM organizations WHERE "Level" = 4
              """
            : """
              CREATE TEMP TABLE bench_schools AS
              SELECT (row_number() OVER (PARTITION BY "ScopePath" NOT LIKE '/44/%' ORDER BY "Code") - 1)::int AS n,
                  ("ScopePath" NOT LIKE '/44/%')::int AS p, "Id", "Code", "ScopePath", "Name"
              FROM organizations WHERE "Level" = 4 AND ("ScopePath" LIKE '/44/%' OR "ScopePath" LIKE '/51/%')
              """);
        var schools = (int)await Exec("SELECT count(*) FROM bench_schools WHERE p = 0");
        if (!national && await Exec("SELECT count(*) FROM bench_schools WHERE p = 1") != schools)
        {
            throw new InvalidOperationException("The demo data should give provinces 44 and 51 the same number of schools.");
        }

        // Students: three intakes (autumn 2024, 2025, 2026); ~2 % still in registration, the rest approved with a mix of
        // statuses (active, suspended, reserved, withdrawn, transferred out, graduated).
        await Exec("""
            INSERT INTO student_records ("Id", "SchoolId", "SchoolCode", "ScopePath", "Name", "DocumentType", "IdNumberCipher", "IdNumberHash",
                "IdNumberMasked", "BirthDate", "Sex", "Ethnicity", "Household", "HouseholdCountyCode", "Major", "MajorIsAgricultural", "MajorArts", "TrainingLevel",
                "EntryEducation", "SchoolingYears", "IsFullTime", "IntakeYear", "IntakeSeason", "EnrolmentDate", "ClassName", "PaperFileMade",
                "InputFingerprint", "HoldsPlace", "RegistrationState", "StatusNumber", "CollectedBy", "CollectedAtUtc", "VerifiedBy", "VerifiedAtUtc",
                "VerificationMethod", "SubmittedBy", "SubmittedAtUtc", "ReviewedBy", "ReviewedAtUtc", "Version", "Status", "StatusSince", "SuspendedDays", "RepeatedYears")
            SELECT md5('s' || g)::uuid, s."Id", s."Code", s."ScopePath",
                (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','高','梁','郑','谢','宋','唐'])[1 + g % 25]
                    || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (g / 25) % 20]
                    || CASE WHEN g % 3 = 0 THEN '' ELSE (ARRAY['文','华','鑫','宇','浩','婷','欣','晨','子','梓'])[1 + (g / 500) % 10] END,
                1, decode(md5('c' || g) || md5('d' || g), 'hex'), encode(sha256(convert_to('id' || g, 'UTF8')), 'hex'),
                '4401' || lpad((g % 100)::text, 2, '0') || '********' || lpad((g % 10000)::text, 4, '0'),
                make_date(2026 - 15 - y, 1 + g % 12, 1 + g % 28), 1 + g % 2, '汉族', 1 + (g / 7) % 2, '4401' || lpad((1 + g % 17)::text, 2, '0'),
                (ARRAY['数控加工','电气自动化设备安装与维修','汽车维修','计算机网络应用','现代农业技术','园林技术','烹饪（中式烹调）','电子商务','工业机器人应用与维护','畜牧兽医'])[1 + (g / 10) % 10],
                (g / 10) % 10 IN (4, 5, 9), 0, 1 + g % 3, 1, 3, g % 20 <> 7, 2026 - y, 2, make_date(2026 - y, 9, 1),
                (2026 - y) || '级' || (1 + (g / 10) % 40) || '班', false, md5('f' || g),
                (g % 20 <> 7) AND st NOT IN (4, 5, 6, 7, 8, 9),
                CASE WHEN st = 0 THEN 2 ELSE 4 END,
                CASE WHEN st = 0 THEN NULL ELSE 'G' || s."Code" || lpad(g::text, 8, '0') END,
                'bench', make_timestamptz(2026 - y, 9, 5, 2, 0, 0, 'UTC'), 'bench', make_timestamptz(2026 - y, 9, 6, 2, 0, 0, 'UTC'), '现场点名',
                'bench', make_timestamptz(2026 - y, 9, 7, 2, 0, 0, 'UTC'),
                CASE WHEN st = 0 THEN NULL ELSE 'city' END, CASE WHEN st = 0 THEN NULL ELSE make_timestamptz(2026 - y, 10, 1, 2, 0, 0, 'UTC') END,
                1, st, CASE WHEN st = 0 THEN NULL WHEN st = 1 THEN make_date(2026 - y, 9, 1) ELSE make_date(2026, 3, 1) + (g % 200) END, 0, 0
            FROM generate_series(0, @all - 1) g
            CROSS JOIN LATERAL (SELECT g % 3 AS y, ((g::bigint * 7919) % 100)::int AS h) k
            CROSS JOIN LATERAL (SELECT CASE
                WHEN k.h < 2 AND k.y = 0 THEN 0
                WHEN k.h < 5 THEN 2
                WHEN k.h < 6 THEN 3
                WHEN k.h < 9 THEN 4
                WHEN k.h < 11 THEN 7
                WHEN k.h < 12 THEN 5
                WHEN k.h < 16 AND k.y = 2 THEN 9
                ELSE 1 END AS st) t
            JOIN bench_schools s ON s.p = (g >= @n)::int AND s.n = (g / 7) % (SELECT count(*) FROM bench_schools WHERE p = 0)
            """);

        // Status changes for 5 % of the students (every 20th), each a kind that fits and a deadline state:
        //   60 % approved on time, 10 % processed late, 5 % submitted (waiting for approval), 10 % late and unprocessed
        //   (draft, or returned), 5 % due soon (≤ 3 days), 5 % not yet due, 5 % undone. Transfers have an In row at the
        //   receiving school once submitted. Due date = occurred + 14 days (10 working days).
        await Exec("""
            CREATE TEMP TABLE bench_changes AS
            SELECT g, md5('c' || g)::uuid AS id, md5('s' || g)::uuid AS student, b, occurred, occurred + 14 AS due,
                CASE WHEN b < 60 THEN 4 WHEN b < 70 THEN 4 WHEN b < 75 THEN 2 WHEN b < 82 THEN 1 WHEN b < 85 THEN 5 WHEN b < 95 THEN 1 ELSE 6 END AS state,
                (ARRAY[1, 2, 3, 4, 5, 1, 2, 3, 9, 10])[1 + (g / 20) % 10] AS kind
            FROM generate_series(0, @all - 1, 20) g
            CROSS JOIN LATERAL (SELECT (g / 20 * 37) % 100 AS b) k
            CROSS JOIN LATERAL (SELECT CASE
                WHEN k.b < 75 OR k.b >= 95 THEN @today - 20 - (g % 330)
                WHEN k.b < 85 THEN @today - 15 - (g % 180)
                WHEN k.b < 90 THEN @today - 14 + (g / 20) % 4
                ELSE @today - 10 + (g / 20) % 6 END AS occurred) o
            """);
        await Exec("""
            INSERT INTO status_changes ("Id", "Kind", "Side", "StudentId", "StudentName", "StudentIdNumberMasked", "StatusNumber", "SchoolId", "SchoolCode",
                "SchoolName", "ScopePath", "OtherSchoolCode", "OtherSchoolName", "OccurredOn", "DueDate", "Reason", "RequiresAuthority", "State",
                "EnteredBy", "EnteredAtUtc", "SubmittedBy", "SubmittedAtUtc", "ApprovedBy", "ApprovedAtUtc", "ReturnedBy", "ReturnedAtUtc", "ReturnReason",
                "UndoneBy", "UndoneAtUtc", "UndoReason", "ProcessedOn", "ProcessedLate", "PreviousStatus", "PreviousStatusSince", "Version")
            SELECT c.id, c.kind, CASE WHEN c.kind = 1 THEN 1 ELSE 0 END, c.student, r."Name", r."IdNumberMasked", r."StatusNumber", r."SchoolId", r."SchoolCode",
                s."Name", r."ScopePath", CASE WHEN c.kind = 1 THEN t."Code" END, CASE WHEN c.kind = 1 THEN t."Name" END, c.occurred, c.due,
                '学生及家长申请（基准测试数据）', c.kind IN (1, 5, 7), c.state,
                'school-' || r."SchoolCode", (c.occurred + 1)::timestamp AT TIME ZONE 'Asia/Shanghai',
                CASE WHEN p.processed IS NOT NULL THEN 'school-' || r."SchoolCode" END, (p.processed::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai',
                CASE WHEN c.state IN (4, 6) THEN 'city' END, CASE WHEN c.state IN (4, 6) THEN (p.processed + 2)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 5 THEN 'city' END, CASE WHEN c.state = 5 THEN (c.occurred + 5)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 5 THEN '证明材料不全' END,
                CASE WHEN c.state = 6 THEN 'prov' END, CASE WHEN c.state = 6 THEN (p.processed + 5)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN c.state = 6 THEN '录入错误' END,
                p.processed, p.processed IS NOT NULL AND p.processed > c.due, CASE WHEN c.state IN (4, 6) THEN 1 END,
                CASE WHEN c.state IN (4, 6) THEN r."EnrolmentDate" END, 1
            FROM bench_changes c
            JOIN student_records r ON r."Id" = c.student
            JOIN bench_schools s ON s."Id" = r."SchoolId"
            JOIN bench_schools t ON t.p = s.p AND t.n = (s.n + 1) % (SELECT count(*) FROM bench_schools WHERE p = 0)
            CROSS JOIN LATERAL (SELECT CASE
                WHEN c.state IN (1, 5) THEN NULL
                WHEN c.b >= 60 AND c.b < 70 THEN c.due + 1 + c.g % 20
                ELSE c.occurred + c.g % 12 END AS processed) p
            """);
        await Exec("""
            INSERT INTO status_changes ("Id", "Kind", "Side", "StudentId", "StudentName", "StudentIdNumberMasked", "StatusNumber", "SchoolId", "SchoolCode",
                "SchoolName", "ScopePath", "OtherSchoolCode", "OtherSchoolName", "CounterpartId", "OccurredOn", "DueDate", "Reason", "RequiresAuthority",
                "State", "EnteredBy", "EnteredAtUtc", "SubmittedBy", "SubmittedAtUtc", "ProcessedOn", "ProcessedLate", "Version")
            SELECT md5('in' || o."Id")::uuid, 1, 2, o."StudentId", o."StudentName", o."StudentIdNumberMasked", o."StatusNumber", t."Id", t."Code", t."Name",
                t."ScopePath", o."SchoolCode", o."SchoolName", o."Id", o."OccurredOn", o."DueDate", o."Reason", true,
                CASE o."State" WHEN 2 THEN 2 WHEN 6 THEN 4 ELSE o."State" END,
                o."SubmittedBy", o."SubmittedAtUtc", o."SubmittedBy", o."SubmittedAtUtc", o."ProcessedOn", o."ProcessedLate", 1
            FROM status_changes o JOIN bench_schools t ON t."Code" = o."OtherSchoolCode"
            WHERE o."Kind" = 1 AND o."Side" = 1 AND o."State" IN (2, 4, 6)
            """);
        await Exec("""UPDATE status_changes o SET "CounterpartId" = md5('in' || o."Id")::uuid WHERE o."Kind" = 1 AND o."Side" = 1 AND o."State" IN (2, 4, 6)""");

        // Hanging flags for 3 % of the students: reasons (absent, unreachable, no activity, past graduation) and states
        // 50 % open, 20 % answered, 25 % accepted, 5 % cleared; detected over the last year.
        await Exec("""
            INSERT INTO hanging_flags ("Id", "Reason", "Detail", "StudentId", "SchoolId", "SchoolCode", "ScopePath", "StudentName", "StudentIdNumberMasked",
                "StatusNumber", "DetectedOn", "DetectedBy", "DetectedAtUtc", "State", "Answer", "AnsweredBy", "AnsweredAtUtc", "ReviewNote", "ReviewedBy",
                "ReviewedAtUtc", "AnswerCount", "Version")
            SELECT md5('h' || r."Id")::uuid, reason,
                CASE reason WHEN 1 THEN '核验中不在校' WHEN 2 THEN '核验中联系不上' WHEN 3 THEN '超过 180 天无任何学籍活动记录' ELSE '超过预计毕业日期 90 天宽限期仍在籍' END,
                r."Id", r."SchoolId", r."SchoolCode", r."ScopePath", r."Name", r."IdNumberMasked", r."StatusNumber", detected, 'prov-44',
                (detected::timestamp + interval '9 hours') AT TIME ZONE 'Asia/Shanghai', state,
                CASE WHEN state > 1 THEN '学生在校实习，已补充证明' END, CASE WHEN state > 1 THEN 'school-' || r."SchoolCode" END,
                CASE WHEN state > 1 THEN (detected::timestamp + interval '5 days') AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN state > 2 THEN '情况属实' END, CASE WHEN state > 2 THEN 'city' END,
                CASE WHEN state > 2 THEN (detected::timestamp + interval '9 days') AT TIME ZONE 'Asia/Shanghai' END,
                CASE WHEN state > 1 THEN 1 ELSE 0 END, 1
            FROM (SELECT g, md5('s' || g)::uuid AS id FROM generate_series(0, @all - 1) g WHERE g % 100 IN (1, 2, 3)) x
            JOIN student_records r ON r."Id" = x.id
            CROSS JOIN LATERAL (SELECT 1 + (x.g / 100) % 4 AS reason, @today - (x.g / 100 * 13) % 365 AS detected,
                CASE WHEN (x.g / 100 * 7) % 20 < 10 THEN 1 WHEN (x.g / 100 * 7) % 20 < 14 THEN 2 WHEN (x.g / 100 * 7) % 20 < 19 THEN 3 ELSE 4 END AS state) k
            """);
        if (beforeVacuum is not null)
        {
            await beforeVacuum(Exec);
        }

        if (extraSql is not null)
        {
            await Exec(extraSql);
        }

        await Exec("VACUUM (ANALYZE)");
        var changes = (int)await Exec("SELECT count(*) FROM status_changes");
        var flags = (int)await Exec("SELECT count(*) FROM hanging_flags");
        var loaded = (int)await Exec("SELECT count(*) FROM student_records WHERE \"ScopePath\" LIKE '/44/%'");
        return (loaded, schools, changes, flags);
    }
}
