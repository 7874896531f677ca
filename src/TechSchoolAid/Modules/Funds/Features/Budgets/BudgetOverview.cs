using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>An allocation as the sender or the recipient sees it, with what was passed on from it and its 30-day flags.</summary>
public sealed record AllocationRow(
    Guid Id, int FiscalYear, AidItem Item, string ItemText, FundsSource Source, string SourceText, string FromName, string ToCode, string ToName,
    long AmountFen, string DocumentNumber, DateOnly IssuedOn, DateOnly? ReceivedOn, bool IsCancelled, long PassedOnFen, DateOnly? PassOnDueOn,
    bool NotPassedOnLate, DateOnly? ParentReceivedOn, bool IsLate, string Status, int Version, IReadOnlyList<string> Actions);

/// <summary>One organisation's money of the year and item: received, passed on, its own share, kept, and the budget against the need.</summary>
public sealed record BudgetUnitRow(
    string Code, string Name, string LevelText, AidItem Item, string ItemText, long ReceivedFen, long PassedOnFen, long OwnShareFen, long KeptFen,
    int LateSubAllocations, int NotPassedOnLate, int ApprovedLines, long NeedFen, long BudgetFen, long DifferenceFen, string Balance);

public sealed record BudgetOverviewView(
    int FiscalYear, string OrganizationName, string LevelText, DateOnly Today, IReadOnlyList<AllocationRow> Received, IReadOnlyList<AllocationRow> Sent,
    IReadOnlyList<BudgetUnitRow> Units, IReadOnlyList<string> Sources, bool CanAllocate, IReadOnlyList<OrgChoice> Recipients);

/// <summary>An organisation the caller may allocate to (directly below it).</summary>
public sealed record OrgChoice(string Code, string Name, string LevelText);

/// <summary>
/// A level's budget page (FND-1): what it received (confirm receipt; still to pass on, due 30 days after receipt), what
/// it sent (late ones flagged), and for itself and each organisation directly below it: received, passed on, kept, and
/// the budget against the need of the approved lines (资金缺口 / 结余). Sums are grouped in SQL.
/// </summary>
public sealed class BudgetOverview(TsaDbContext db, IAidFundingFacts facts, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapGet("/budgets", (int fiscalYear, BudgetOverview overview, CancellationToken ct) => overview.HandleAsync(fiscalYear, ct))
            .RequireAccess(FundsAccess.View)
            .WithSummary("本级预算与下达：收到的资金（确认收到、30日内下达）、下达的资金（逾期标记）、本级与直接下级的收到/下达/留用及预算与需求对比")
            .Produces<BudgetOverviewView>().ProducesProblem(400).ProducesProblem(403);

    public async Task<BudgetOverviewView> HandleAsync(int fiscalYear, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.View);
        if (fiscalYear is < 2000 or > 2100)
        {
            throw AppException.Invalid("fiscalYear", "请填写正确的预算年度");
        }

        var me = db.Actor.ScopePath;
        var today = clock.Today();
        var org = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == db.Actor.OrganizationCode, ct) ?? throw AppException.NotFound("本单位");

        var mine = await db.Set<Allocation>().AsNoTracking()
            .Where(a => a.FiscalYear == fiscalYear && (a.ScopePath == me || a.FromScopePath == me)).ToListAsync(ct);
        var ids = mine.Select(a => a.Id).ToList();
        var children = await db.Set<Allocation>().AsNoTracking().Where(a => a.ParentId != null && ids.Contains(a.ParentId.Value) && !a.IsCancelled)
            .GroupBy(a => a.ParentId!.Value).Select(g => new { Id = g.Key, Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Id, x => x.Fen, ct);
        var parentIds = mine.Where(a => a.ParentId != null).Select(a => a.ParentId!.Value).Distinct().ToList();
        var parentReceipts = await db.Set<Allocation>().AsNoTracking().Where(a => parentIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.ReceivedOn, ct);
        var orgIds = mine.SelectMany(a => new[] { a.FromOrganizationId, a.ToOrganizationId }).Distinct().ToList();
        var names = await db.AllOrganizations().Where(o => orgIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Code, o.Name }).ToDictionaryAsync(o => o.Id, ct);
        var passesOn = org.Level is OrgLevel.Province or OrgLevel.City;

        AllocationRow Row(Allocation a)
        {
            var passed = children.GetValueOrDefault(a.Id);
            var parentReceived = a.ParentId is { } p ? parentReceipts.GetValueOrDefault(p) : null;
            var late = Allocation.IsLate(a.IssuedOn, parentReceived);
            var notPassedLate = passesOn && a.ScopePath == me && !a.IsCancelled && a.PassOnDueOn is { } due && today > due && passed < a.AmountFen;
            var status = a.IsCancelled ? "已撤销" : a.ReceivedOn is null ? "待确认收到" : "已确认收到";
            var actions = new List<string>();
            if (!a.IsCancelled && a.ReceivedOn is null)
            {
                actions.AddRange(db.Actor.ActionsOn(a.ScopePath, db.Actor.Level == OrgLevel.School ? FundsAccess.SchoolConfirmReceipt : FundsAccess.ConfirmReceipt));
                if (db.Actor.May(FundsAccess.Allocate, a.FromScopePath))
                {
                    actions.Add("cancel");
                }
            }

            return new AllocationRow(a.Id, a.FiscalYear, a.Item, AidTerm.ItemText(a.Item), a.Source, a.Source.ToChinese(),
                names.GetValueOrDefault(a.FromOrganizationId)?.Name ?? "", names.GetValueOrDefault(a.ToOrganizationId)?.Code ?? "", a.ToName, a.AmountFen,
                a.DocumentNumber, a.IssuedOn, a.ReceivedOn, a.IsCancelled, passed, passesOn && a.ScopePath == me ? a.PassOnDueOn : null, notPassedLate,
                parentReceived, late, status, a.Version, actions);
        }

        var received = mine.Where(a => a.ScopePath == me).OrderBy(a => a.IssuedOn).Select(Row).ToList();
        var sent = mine.Where(a => a.FromScopePath == me).OrderBy(a => a.ToName, StringComparer.Ordinal).ThenBy(a => a.IssuedOn).Select(Row).ToList();
        var units = await UnitsAsync(fiscalYear, org, today, ct);
        var recipients = org.Level == OrgLevel.School ? [] : await RecipientsAsync(me, ct);
        return new BudgetOverviewView(fiscalYear, org.Name, LevelText(org.Level, org.ScopePath), today, received, sent, units,
            [.. BudgetSteps.SendableSources(org.Level).Select(s => s.ToString())], db.Actor.May(FundsAccess.Allocate, me), recipients);
    }

    private async Task<List<OrgChoice>> RecipientsAsync(string me, CancellationToken ct)
    {
        var depth = me.Count(c => c == '/') + 1;
        var rows = await db.Organizations().Where(o => o.ScopePath.StartsWith(me) && o.ScopePath != me).Select(o => new { o.Code, o.Name, o.Level, o.ScopePath })
            .ToListAsync(ct);
        return [.. rows.Where(o => o.ScopePath.Count(c => c == '/') == depth).OrderBy(o => o.Code, StringComparer.Ordinal)
            .Select(o => new OrgChoice(o.Code, o.Name, LevelText(o.Level, o.ScopePath)))];
    }

    /// <summary>The caller and the organisations directly below it that have money or need, per item, from one grouped query of the year's allocations and the need per school.</summary>
    private async Task<List<BudgetUnitRow>> UnitsAsync(int fiscalYear, OrgRow org, DateOnly today, CancellationToken ct)
    {
        var me = org.ScopePath;
        var depth = me.Count(c => c == '/') + 1;
        var below = org.Level == OrgLevel.School ? []
            : await db.Organizations().Where(o => o.ScopePath.StartsWith(me) && o.ScopePath != me && o.Level != OrgLevel.Ministry)
                .Select(o => new { o.Code, o.Name, o.Level, o.ScopePath }).ToListAsync(ct);
        var units = new[] { new { org.Code, org.Name, org.Level, org.ScopePath } }
            .Concat(below.Where(o => o.ScopePath.Count(c => c == '/') == depth).OrderBy(o => o.Code, StringComparer.Ordinal)).ToList();

        var flows = await db.Set<Allocation>().AsNoTracking().Where(a => a.FiscalYear == fiscalYear && !a.IsCancelled)
            .GroupBy(a => new { a.FromScopePath, a.ScopePath, a.Source, a.Item, Passing = a.ParentId != null })
            .Select(g => new { g.Key.FromScopePath, g.Key.ScopePath, g.Key.Source, g.Key.Item, g.Key.Passing, Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var lateRows = await db.Set<Allocation>().AsNoTracking().Where(a => a.FiscalYear == fiscalYear && !a.IsCancelled && a.ParentId != null)
            .Join(db.Set<Allocation>().AsNoTracking(), c => c.ParentId, p => p.Id, (c, p) => new { c.FromScopePath, c.Item, c.IssuedOn, p.ReceivedOn })
            .ToListAsync(ct);
        var unpassed = await db.Set<Allocation>().AsNoTracking().Where(a => a.FiscalYear == fiscalYear && !a.IsCancelled && a.ReceivedOn != null)
            .Select(a => new
            {
                a.ScopePath, a.Item, a.AmountFen, a.ReceivedOn,
                Passed = db.Set<Allocation>().Where(c => c.ParentId == a.Id && !c.IsCancelled).Sum(c => (long?)c.AmountFen) ?? 0,
            }).ToListAsync(ct);
        var need = await facts.NeedAsync(fiscalYear, ct);

        var rows = new List<BudgetUnitRow>();
        foreach (var u in units)
        {
            var p = u.ScopePath;
            var passesOn = u.Level is OrgLevel.Province or OrgLevel.City;
            foreach (var item in new[] { AidItem.Grant, AidItem.Waiver })
            {
                var f = flows.Where(x => x.Item == item).ToList();
                var receivedFen = f.Where(x => x.ScopePath == p).Sum(x => x.Fen);
                var passedFen = f.Where(x => x.FromScopePath == p && x.Passing).Sum(x => x.Fen);
                var ownFen = f.Where(x => x.FromScopePath == p && !x.Passing).Sum(x => x.Fen);
                var budget = f.Where(x => x.ScopePath.StartsWith(p, StringComparison.Ordinal) && !x.FromScopePath.StartsWith(p, StringComparison.Ordinal)).Sum(x => x.Fen)
                             + f.Where(x => x.FromScopePath.StartsWith(p, StringComparison.Ordinal) && !x.Passing).Sum(x => x.Fen);
                var n = need.Where(x => x.Item == item && x.ScopePath.StartsWith(p, StringComparison.Ordinal)).ToList();
                var needFen = n.Sum(x => x.AmountFen);
                var late = lateRows.Count(x => x.Item == item && x.FromScopePath == p && Allocation.IsLate(x.IssuedOn, x.ReceivedOn));
                var notPassed = passesOn ? unpassed.Count(x => x.Item == item && x.ScopePath == p && x.Passed < x.AmountFen && today > x.ReceivedOn!.Value.AddDays(Allocation.PassOnDays)) : 0;
                if (u.ScopePath != me && receivedFen + passedFen + ownFen + budget + needFen == 0)
                {
                    continue; // an organisation below with no money and no approved line of the item: left out of the table
                }

                rows.Add(new BudgetUnitRow(u.Code, u.Name, LevelText(u.Level, u.ScopePath), item, AidTerm.ItemText(item), receivedFen, passedFen, ownFen,
                    receivedFen - passedFen, late, notPassed, n.Sum(x => x.ApprovedLines), needFen, budget, budget - needFen, BudgetSteps.Balance(budget, needFen)));
            }
        }

        return rows;
    }

    public static string LevelText(OrgLevel level, string path) => level switch
    {
        OrgLevel.Ministry => "部级",
        OrgLevel.Province => "省级",
        OrgLevel.City => "市级",
        _ => path.Count(c => c == '/') == 3 ? "省管学校" : "学校",
    };
}
