using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Funds.Features.Budgets;

/// <summary>Everything optional so the handler says in Chinese what is missing.</summary>
public sealed class AllocationInput
{
    public int? FiscalYear { get; set; }

    public AidItem? Item { get; set; }

    /// <summary>Whose money: the sender's own share, or money it received and passes on.</summary>
    public FundsSource? Source { get; set; }

    /// <summary>The recipient: a province (from the ministry), a city or 省管 school (from a province), a school (from a city).</summary>
    public string? ToOrganizationCode { get; set; }

    public long? AmountFen { get; set; }

    /// <summary>The allocating document's number (下达文件文号).</summary>
    public string? DocumentNumber { get; set; }

    public DateOnly? IssuedOn { get; set; }

    /// <summary>The received allocation this passes on; chosen automatically (the earliest received one with money left) when omitted.</summary>
    public Guid? ParentId { get; set; }
}

public sealed record AllocationRecorded(Guid Id, string ToName, long AmountFen, bool IsLate, DateOnly? DueOn);

/// <summary>
/// The ministry, a province or a city records money it sends to an organisation directly below it (FND-1): its own share,
/// or money it received and passes on — never more than it received for the year, item and source. A sub-allocation
/// names the received allocation it passes on; issued more than 30 days after that one's receipt it is late.
/// </summary>
public sealed class RecordAllocation(TsaDbContext db, FundsYearGuard years, BudgetSteps steps, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder g) =>
        g.MapPost("/allocations", async (AllocationInput input, RecordAllocation record, CancellationToken ct) =>
        {
            var r = await record.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/funds/allocations/{r.Id}", r);
        }).RequireAccess(FundsAccess.Allocate)
            .WithSummary("登记向直接下级下达的资助资金（本级资金或转下达上级资金；转下达不得超过本级收到的金额，收到后30日内下达）")
            .Produces<AllocationRecorded>(201).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);

    public async Task<AllocationRecorded> HandleAsync(AllocationInput input, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Allocate, db.Actor.ScopePath);
        var sender = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == db.Actor.OrganizationCode, ct)
                     ?? throw AppException.NotFound("本单位");
        var today = clock.Today();
        var errors = new Dictionary<string, string[]>();
        if (input.FiscalYear is not { } year || year < 2000 || year > today.Year + 1)
        {
            errors["fiscalYear"] = [$"请填写预算年度（2000 至 {today.Year + 1} 年）"];
        }

        if (input.Item is not { } item || !Enum.IsDefined(item))
        {
            errors["item"] = ["请选择资助项目（国家助学金或免学费）"];
        }

        if (input.Source is not { } source || !Enum.IsDefined(source))
        {
            errors["source"] = ["请选择资金来源（中央资金、省级资金或市县资金）"];
        }
        else if (!BudgetSteps.SendableSources(sender.Level).Contains(source))
        {
            errors["source"] = [$"本级不能下达{source.ToChinese()}（部级只下达中央资金，省级下达中央和省级资金，市级下达各级资金）"];
        }

        if (input.AmountFen is not { } amount || amount <= 0)
        {
            errors["amountFen"] = ["下达金额必须大于 0 元"];
        }
        else if (amount > Allocation.MaxAmountFen)
        {
            errors["amountFen"] = [$"下达金额超出合理范围（单笔不超过 {BudgetSteps.Yuan(Allocation.MaxAmountFen)} 元），请核对金额单位（分）"];
        }

        var document = input.DocumentNumber?.Trim() ?? "";
        if (document.Length == 0)
        {
            errors["documentNumber"] = ["请填写下达文件文号"];
        }
        else if (InputGuard.TextProblem(document, 100) is { } problem)
        {
            errors["documentNumber"] = [$"下达文件文号{problem}"];
        }

        if (input.IssuedOn is not { } issued)
        {
            errors["issuedOn"] = ["请填写下达日期"];
        }
        else if (issued > today)
        {
            errors["issuedOn"] = [$"下达日期不能晚于今天（{ChinaTime.Iso(today)}）"];
        }
        else if (input.FiscalYear is { } y && (issued.Year < y - 1 || issued.Year > y))
        {
            errors["issuedOn"] = [$"下达日期应在 {y - 1} 年（提前下达）或 {y} 年内"];
        }

        if (string.IsNullOrWhiteSpace(input.ToOrganizationCode))
        {
            errors["toOrganizationCode"] = ["请选择收款单位"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        var code = input.ToOrganizationCode!.Trim();
        var recipient = await db.AllOrganizations().FirstOrDefaultAsync(o => o.Code == code, ct)
                        ?? throw AppException.Invalid("toOrganizationCode", $"收款单位 {code} 不存在");
        if (!recipient.ScopePath.StartsWith(sender.ScopePath, StringComparison.Ordinal) || recipient.ScopePath == sender.ScopePath)
        {
            throw AppException.Invalid("toOrganizationCode", $"收款单位 {recipient.Name}（{code}）不在本单位管理范围内，不能向其下达资金");
        }

        if (ScopePaths.ParentOf(recipient.ScopePath) != sender.ScopePath)
        {
            throw AppException.Invalid("toOrganizationCode", $"收款单位 {recipient.Name}（{code}）不是本单位的直接下级，请逐级下达");
        }

        var fiscalYear = input.FiscalYear!.Value;
        var itemValue = input.Item!.Value;
        var sourceValue = input.Source!.Value;
        var amountFen = input.AmountFen!.Value;
        await years.EnsureOpenAsync(recipient.ScopePath, fiscalYear, ct);

        Allocation? parent = null;
        if (sourceValue != BudgetSteps.OwnSource(sender.Level))
        {
            parent = await ParentAsync(sender, fiscalYear, itemValue, sourceValue, amountFen, input.ParentId, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var allocation = new Allocation(Guid.CreateVersion7(), fiscalYear, itemValue, sourceValue, sender.Id, sender.ScopePath, recipient.Id, recipient.Name,
            recipient.ScopePath, amountFen, document, input.IssuedOn!.Value, parent?.Id, db.Actor.UserName, now);
        var late = Allocation.IsLate(allocation.IssuedOn, parent?.ReceivedOn);
        db.Add(allocation);
        db.Record(FundsAuditActions.AllocationRecorded, allocation.Id.ToString(), allocation.ScopePath, null, new
        {
            fiscalYear, item = itemValue, source = sourceValue, from = sender.Code, to = recipient.Code, amountFen, document,
            issuedOn = ChinaTime.Iso(allocation.IssuedOn), parent = parent?.Id, late,
        }, clock);
        await steps.SaveAsync(ct);
        return new AllocationRecorded(allocation.Id, recipient.Name, amountFen, late, parent?.PassOnDueOn);
    }

    /// <summary>
    /// The received allocation this one passes on: the named one, or the earliest received one of the year, item and
    /// source with money left. Refuses when the sender's outgoing money of that source would exceed what it received.
    /// </summary>
    private async Task<Allocation> ParentAsync(OrgRow sender, int year, AidItem item, FundsSource source, long amountFen, Guid? parentId, CancellationToken ct)
    {
        var received = await db.Set<Allocation>()
            .Where(a => a.ToOrganizationId == sender.Id && a.FiscalYear == year && a.Item == item && a.Source == source && !a.IsCancelled)
            .OrderBy(a => a.ReceivedOn).ThenBy(a => a.IssuedOn).ToListAsync(ct);
        var what = $"{year}年度{AidTerm.ItemText(item)}{source.ToChinese()}";
        if (received.Count == 0)
        {
            throw AppException.Invalid("source", $"本单位没有收到{what}，不能转下达；本级安排的资金请选择{BudgetSteps.OwnSource(sender.Level)!.Value.ToChinese()}");
        }

        var confirmed = received.Where(a => a.ReceivedOn is not null).ToList();
        var ids = received.Select(a => a.Id).ToList();
        var passedOn = await db.Set<Allocation>().Where(a => a.ParentId != null && ids.Contains(a.ParentId.Value) && !a.IsCancelled)
            .GroupBy(a => a.ParentId!.Value).Select(g => new { Id = g.Key, Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Id, x => x.Fen, ct);
        var totalReceived = confirmed.Sum(a => a.AmountFen);
        var totalPassed = passedOn.Values.Sum();
        if (totalPassed + amountFen > totalReceived)
        {
            throw AppException.Invalid("amountFen", confirmed.Count == 0
                ? $"本单位尚未确认收到{what}，请先确认收到日期再向下分配"
                : $"向下分配的{what}合计 {BudgetSteps.Yuan(totalPassed + amountFen)} 元，超过本单位已收到的 {BudgetSteps.Yuan(totalReceived)} 元（尚可分配 {BudgetSteps.Yuan(totalReceived - totalPassed)} 元）");
        }

        if (parentId is { } id)
        {
            return confirmed.FirstOrDefault(a => a.Id == id)
                   ?? throw AppException.Invalid("parentId", $"所选的上级下达记录不是本单位已确认收到的{what}");
        }

        return confirmed.FirstOrDefault(a => a.AmountFen > passedOn.GetValueOrDefault(a.Id)) ?? confirmed[^1];
    }
}
