using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>A batch or a compensation of the school's year, with its vouchers.</summary>
public sealed record VoucherOwnerRow(Guid Id, string Kind, string Label, long AmountFen, string State, List<VoucherRow> Vouchers);

/// <summary>The school's year as the vouchers page shows it: every batch and compensation with its vouchers, and whether the year is closed.</summary>
public sealed record SchoolVouchers(string SchoolCode, string SchoolName, int FiscalYear, bool IsClosed, bool CanAttach, List<VoucherOwnerRow> Owners);

/// <summary>The vouchers of a school's fiscal year, by batch and compensation (FND-2).</summary>
public sealed class ListFundsVouchers(TsaDbContext db, FundsYearGuard guard)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/vouchers/{schoolCode}/{fiscalYear:int}", (string schoolCode, int fiscalYear, ListFundsVouchers q, CancellationToken ct) => q.HandleAsync(schoolCode, fiscalYear, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("学校某年度的发放批次、免学费补助及其凭证（含 SHA-256 哈希）")
            .Produces<SchoolVouchers>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);

    public async Task<SchoolVouchers> HandleAsync(string schoolCode, int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        FinalAccountsSteps.CheckYear(fiscalYear);
        var school = await db.Organizations().FirstOrDefaultAsync(o => o.Code == schoolCode && o.Level == OrgLevel.School, ct) ?? throw AppException.NotFound("学校");
        db.Actor.Demand(FundsAccess.View, school.ScopePath);
        var batches = await db.Set<PaymentBatch>().AsNoTracking().Where(b => b.SchoolId == school.Id && b.FiscalYear == fiscalYear).OrderBy(b => b.PeriodStart).ThenBy(b => b.BuiltAtUtc)
            .Select(b => new { b.Id, b.Item, b.PeriodLabel, b.IsRepayment, b.TotalFen, b.State }).ToListAsync(ct);
        var comps = await db.Set<WaiverCompensation>().AsNoTracking().Where(c => c.SchoolId == school.Id && c.FiscalYear == fiscalYear).OrderBy(c => c.PaidOn)
            .Select(c => new { c.Id, c.SchoolYear, c.Semester, c.AmountFen, c.ReceivedOn }).ToListAsync(ct);
        var vouchers = (await db.Set<FundsVoucher>().AsNoTracking().Where(v => v.SchoolId == school.Id && v.FiscalYear == fiscalYear).OrderBy(v => v.UploadedAtUtc)
            .Select(v => new VoucherRow(v.Id, v.BatchId, v.CompensationId, v.Kind, "", v.FileName, v.ContentType, v.Size, v.Sha256, v.Note, v.UploadedBy, v.UploadedAtUtc))
            .ToListAsync(ct)).Select(v => v with { KindText = v.Kind.ToChinese() }).ToList();
        var owners = batches.Select(b => new VoucherOwnerRow(b.Id, "batch",
                $"{(b.Item == AidItem.Grant ? "国家助学金" : "免学费")} {b.PeriodLabel}{(b.IsRepayment ? "（重新发放）" : "")}", b.TotalFen, b.State.ToChinese(),
                vouchers.Where(v => v.BatchId == b.Id).ToList()))
            .Concat(comps.Select(c => new VoucherOwnerRow(c.Id, "compensation", $"免学费补助资金 {new AidTerm(c.SchoolYear, c.Semester)}", c.AmountFen,
                c.ReceivedOn is null ? "待学校确认收到" : "学校已确认收到", vouchers.Where(v => v.CompensationId == c.Id).ToList())))
            .ToList();
        var closed = await guard.IsClosedAsync(school.ScopePath, fiscalYear, ct);
        return new SchoolVouchers(school.Code, school.Name, fiscalYear, closed, !closed && db.Actor.May(FundsAccess.Pay, school.ScopePath), owners);
    }
}
