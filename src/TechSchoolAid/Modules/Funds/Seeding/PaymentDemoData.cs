using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Funds.Features.Payments;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Seeding;

namespace TechSchoolAid.Modules.Funds.Seeding;

/// <summary>
/// The demo's bank cards for the approved students, a payment batch per paying school with its bank file exported and a
/// return file holding a failed line, a waiver compensation. The aid demo approves waiver lists only; a grant is what is
/// paid to cards, so the grant lists of 44010004 (city 4401 reviews) and 51010001 (province 51) are approved here first,
/// by the aid demo's own routine. Everything after that goes through the payment features as the school's finance
/// officer (and the city for the compensation), so the demo holds what the screens would have written.
/// </summary>
public static class PaymentDemoData
{
    private static readonly (string School, string Reviewer)[] Payers = [("44010004", "city-4401"), ("51010001", "prov-51")];

    private static readonly (string School, string User, Role Role, OrgLevel Level)[] Supervisors =
        [("44010004", "city-4401", Role.CityReviewer, OrgLevel.City), ("51010001", "prov-51", Role.ProvinceAdmin, OrgLevel.Province)];

    public static async Task SeedAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<TsaDbContext>();
        var accessor = sp.GetRequiredService<ActorAccessor>();
        var before = accessor.Actor;
        if (await db.Set<PaymentBatch>().AnyAsync(ct))
        {
            // Once: a host (or a test) that has already paid something keeps what it has.
            return;
        }

        try
        {
            foreach (var (code, reviewer) in Payers)
            {
                accessor.Actor = before;
                var approved = await AidDemoData.ApproveListAsync(sp, code, AidItem.Grant, reviewer, clock, ct);
                db.ChangeTracker.Clear();
                var school = await sp.GetRequiredService<SchoolDirectory>().ForReadAsync(code, ct);
                if (approved is not null)
                {
                    await PayAsync(sp, accessor, school, clock, ct);
                }

                db.ChangeTracker.Clear();
            }

            // Each school's direct supervisor pays it the term's waiver compensation for its approved waiver list: the city
            // 4401 pays 44010004 (市管), the province 51 pays 51010001 (省管); neither school has confirmed receipt yet.
            var term = AidTerm.Of(clock.Today());
            foreach (var (code, user, role, level) in Supervisors)
            {
                accessor.Actor = before;
                var school = await sp.GetRequiredService<SchoolDirectory>().ForReadAsync(code, ct);
                var supervisorPath = ScopePaths.ParentOf(school.ScopePath);
                accessor.Actor = new Actor(user, "资助资金管理员", role, supervisorPath.Trim('/').Split('/')[^1], level, supervisorPath, null);
                if (await sp.GetRequiredService<IPayableAidLines>().Query(AidItem.Waiver, term).AnyAsync(l => l.SchoolId == school.Id && !l.Revoked, ct))
                {
                    await sp.GetRequiredService<RecordWaiverCompensation>().HandleAsync(new CompensationInput
                    {
                        SchoolCode = school.Code, SchoolYear = term.SchoolYear, Semester = term.Semester, PaidOn = clock.Today().AddDays(-3),
                    }, ct);
                }
            }
        }
        finally
        {
            accessor.Actor = before;
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Cards for every approved student but the last (left out of the batch for it), a batch, its CSV bank file, a return file failing the first line.</summary>
    private static async Task PayAsync(IServiceProvider sp, ActorAccessor accessor, SchoolRef school, TimeProvider clock, CancellationToken ct)
    {
        accessor.Actor = new Actor($"school-{school.Code}-finance", "财务人员", Role.SchoolFinanceOfficer, school.Code, OrgLevel.School, school.ScopePath, null);
        var term = AidTerm.Of(clock.Today());
        var students = await sp.GetRequiredService<IPayableAidLines>().Query(AidItem.Grant, term).Where(l => l.SchoolId == school.Id && !l.Revoked)
            .OrderBy(l => l.StudentName).ThenBy(l => l.StudentId).Select(l => new { l.StudentId, l.StudentName }).ToListAsync(ct);
        if (students.Count < 2)
        {
            return;
        }

        var record = sp.GetRequiredService<RecordBankCard>();
        for (var i = 0; i < students.Count - 1; i++)
        {
            var s = students[i];
            await record.HandleAsync(s.StudentId, new BankCardInput
            {
                Kind = i % 3 == 0 ? CardKind.AidBankCard : CardKind.SocialSecurityCard,
                Number = DemoCardNumber(school.Code, i),
                HolderName = s.StudentName,
                BankName = i % 3 == 0 ? "中国农业银行" : "中国工商银行",
            }, ct);
        }

        var built = await sp.GetRequiredService<BuildPaymentBatch>().HandleAsync(new PaymentBatchInput { SchoolCode = school.Code, PaymentDate = clock.Today() }, ct);
        var batchId = built.Batch!.Id;
        var (file, _, _) = await sp.GetRequiredService<ExportBankFile>().HandleAsync(batchId, "csv", ct);
        var rows = Encoding.UTF8.GetString(file).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var answer = new StringBuilder("流水号,姓名,卡号,金额,结果,失败原因\r\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            answer.Append(CultureInfo.InvariantCulture, $"{r[4]},{r[0]},{r[1]},{r[2]},{(i == 0 ? "失败,户名与账号不符" : "成功,")}\r\n");
        }

        await sp.GetRequiredService<ImportReturnFile>().HandleAsync(batchId, new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(answer.ToString())).ToArray(),
            $"回盘-{school.Code}.csv", ct);
    }

    /// <summary>A 19-digit number passing the Luhn check, distinct per school and student (621700: a debit-card prefix).</summary>
    public static string DemoCardNumber(string schoolCode, int n)
    {
        var body = "621700" + schoolCode[^4..] + n.ToString("D8", CultureInfo.InvariantCulture);
        for (var check = 0; check <= 9; check++)
        {
            var candidate = body + check.ToString(CultureInfo.InvariantCulture);
            if (CardNumbers.LuhnValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No Luhn check digit.");
    }
}
