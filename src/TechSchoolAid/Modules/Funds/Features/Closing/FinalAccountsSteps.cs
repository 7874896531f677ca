using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>A return of money entered by the organisation.</summary>
public sealed record RefundRow(Guid Id, RefundTarget Target, string TargetText, long AmountFen, DateOnly ReturnedOn, string DocumentNumber, string? Note, string RecordedBy);

/// <summary>An organisation's final accounts of a year: computed, declared (when drawn up), every mismatch, and the year's state.</summary>
public sealed record FinalAccountsView(
    string OrganizationCode,
    string OrganizationName,
    OrgLevel Level,
    int FiscalYear,
    AccountFigures Computed,
    List<AccountSource> Sources,
    AccountFigures? Declared,
    string? DrawnUpBy,
    DateTime? DrawnUpAt,
    string? Note,
    bool Balances,
    List<string> Mismatches,
    bool IsClosed,
    string? ClosedBy,
    DateTime? ClosedAt,
    bool ClosedAbove,
    string? ReopenReason,
    List<RefundRow> Refunds,
    List<string> Actions);

/// <summary>The steps the final-accounts use cases share: the organisation named by its code (in the actor's scope), the year, the view.</summary>
public sealed class FinalAccountsSteps(TsaDbContext db, FinalAccountsCalculator calculator, FundsYearGuard guard)
{
    public const int EarliestYear = 2000;

    public static void CheckYear(int year)
    {
        if (year < EarliestYear || year > 2100)
        {
            throw AppException.Invalid("fiscalYear", $"年度必须在 {EarliestYear}–2100 之间");
        }
    }

    public async Task<OrgRow> OrganizationAsync(string code, CancellationToken ct) =>
        await db.Organizations().FirstOrDefaultAsync(o => o.Code == code, ct) ?? throw AppException.NotFound("单位");

    /// <summary>
    /// The organisation a write names: looked up in the whole tree, so that one outside the actor's scope is refused by
    /// the rule (403, "not yours") rather than reported missing.
    /// </summary>
    public async Task<OrgRow> OrganizationForWriteAsync(string code, CancellationToken ct)
    {
        var org = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == code, ct) ?? throw AppException.NotFound("单位");
        db.Actor.Demand(FundsAccess.CloseYear, org.ScopePath);
        return org;
    }

    public Task<FundsYear?> YearAsync(OrgRow org, int year, CancellationToken ct) =>
        db.Set<FundsYear>().FirstOrDefaultAsync(y => y.OrganizationId == org.Id && y.FiscalYear == year, ct);

    public Task<FinalAccount?> AccountAsync(OrgRow org, int year, CancellationToken ct) =>
        db.Set<FinalAccount>().FirstOrDefaultAsync(a => a.OrganizationId == org.Id && a.FiscalYear == year, ct);

    public async Task<FinalAccountsView> ViewAsync(OrgRow org, int year, CancellationToken ct)
    {
        var computed = await calculator.ForAsync(org, year, ct);
        var account = await db.Set<FinalAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.OrganizationId == org.Id && a.FiscalYear == year, ct);
        var fundsYear = await db.Set<FundsYear>().AsNoTracking().FirstOrDefaultAsync(y => y.OrganizationId == org.Id && y.FiscalYear == year, ct);
        var declared = account is null ? null
            : new AccountFigures(account.DeclaredReceivedFen, account.DeclaredPaidFen, account.DeclaredReturnedFen, account.DeclaredBalanceFen);
        var mismatches = FinalAccountsCalculator.Mismatches(computed, declared);
        var closed = fundsYear?.IsClosed == true;
        var closedAbove = !closed && await guard.IsClosedAsync(org.ScopePath, year, ct);
        var refunds = await db.Set<FundsRefund>().AsNoTracking().Where(r => r.OrganizationId == org.Id && r.FiscalYear == year).OrderBy(r => r.ReturnedOn)
            .Select(r => new { r.Id, r.Target, r.AmountFen, r.ReturnedOn, r.DocumentNumber, r.Note, r.RecordedBy }).ToListAsync(ct);
        var actions = new List<string>();
        if (db.Actor.May(FundsAccess.CloseYear, org.ScopePath))
        {
            if (!closed && !closedAbove)
            {
                actions.Add("draw-up");
                actions.Add("record-return");
                if (mismatches.Count == 0)
                {
                    actions.Add("close");
                }
            }

            if (closed)
            {
                actions.Add("reopen");
            }
        }

        if (db.Actor.May(FundsAccess.Export, org.ScopePath))
        {
            actions.Add("export");
        }

        return new FinalAccountsView(org.Code, org.Name, org.Level, year, computed.Figures, computed.Sources, declared, account?.DrawnUpBy, account?.DrawnUpAtUtc,
            account?.Note, mismatches.Count == 0, mismatches, closed, fundsYear?.ClosedBy, fundsYear?.ClosedAtUtc, closedAbove, fundsYear?.ReopenReason,
            refunds.Select(r => new RefundRow(r.Id, r.Target, r.Target.ToChinese(), r.AmountFen, r.ReturnedOn, r.DocumentNumber, r.Note, r.RecordedBy)).ToList(),
            actions);
    }
}
