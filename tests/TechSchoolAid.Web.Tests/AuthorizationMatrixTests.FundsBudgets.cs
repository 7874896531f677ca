namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // ViewFunds: every finance and supervising role, not the school's records officer.
    private static readonly HashSet<string> FundsViewers = ["ministry-admin", "ministry-viewer", "inspector", "province-admin", "province-reviewer", "city-reviewer", "school-admin", "school-aid-officer", "school-finance-officer"];
    private static readonly HashSet<string> Allocators = ["ministry-admin", "province-admin", "city-reviewer"];                       // ManageBudgets
    private static readonly HashSet<string> ReceiptConfirmers = ["province-admin", "city-reviewer", "school-admin", "school-finance-officer"]; // ManageBudgets (province, city) or ManagePayments (school)
    private static readonly HashSet<string> PerformanceKeepers = ["province-admin"];                                                    // ManagePerformance

    /// <summary>
    /// The rows of the FundsBudgets endpoints (budgets and performance). An allocation lives in its recipient's scope: one
    /// to an organisation outside the caller's scope is 404 for receipt and cancellation. A recipient code outside the
    /// sender's scope is bad input (400 naming toOrganizationCode), not a 403: the sender chose a wrong recipient.
    /// </summary>
    private static Endpoint[] FundsBudgetsEndpoints =>
    [
        new("GET /api/v1/funds/budgets/factor", Targets.None, false, _ => Get("/api/v1/funds/budgets/factor?fiscalYear=2026&item=Grant"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds")),
        new("GET /api/v1/funds/budgets", Targets.None, false, _ => Get("/api/v1/funds/budgets?fiscalYear=2026"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds")),
        new("POST /api/v1/funds/allocations", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/funds/allocations", (c.Caller.Level, c.Target) switch
            {
                ("ministry", _) => FundsBudgetApi.Allocation(2026, "Grant", "Central", "44", 100_000, "2026-09-01"),
                ("province", Outside) => FundsBudgetApi.Allocation(2026, "Grant", "Provincial", "5101", 100_000, "2026-09-01"),
                ("city", Outside) => FundsBudgetApi.Allocation(2026, "Grant", "Local", "44030005", 100_000, "2026-09-01"),
                ("city", _) => FundsBudgetApi.Allocation(2026, "Grant", "Local", "44010004", 100_000, "2026-09-01"),
                _ => FundsBudgetApi.Allocation(2026, "Grant", "Provincial", "4401", 100_000, "2026-09-01"),
            }),
            c => !Allocators.Contains(c.Caller.Key) ? Is(403, "lacks ManageBudgets")
                : c.Target == Outside ? Is(400, "recipient outside its scope: bad input naming toOrganizationCode")
                : Is(201, "ManageBudgets, to an organisation directly below")),
        new("POST /api/v1/funds/allocations/{id}/receipt", Targets.School, false,
            async c =>
            {
                var (sender, body) = ReceivableOf(c);
                using var client = await c.App.ClientFor(sender);
                var id = await FundsBudgetApi.AllocateAsync(client, body);
                return await Json(HttpMethod.Post, $"/api/v1/funds/allocations/{id}/receipt", new { receivedOn = "2026-09-02" });
            },
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "allocation outside its scope is not found")
                : ReceiptConfirmers.Contains(c.Caller.Key) ? Is(200, "the recipient's finance staff")
                : Is(403, "not the recipient's finance staff")),
        new("POST /api/v1/funds/allocations/{id}/cancellation", Targets.School, false,
            async c =>
            {
                var (sender, body) = CancellableOf(c);
                using var client = await c.App.ClientFor(sender);
                var id = await FundsBudgetApi.AllocateAsync(client, body);
                return await Json(HttpMethod.Post, $"/api/v1/funds/allocations/{id}/cancellation", new { reason = "金额登记有误" });
            },
            c => !Allocators.Contains(c.Caller.Key) ? Is(403, "lacks ManageBudgets")
                : c.Target == Outside ? Is(404, "allocation outside its scope is not found")
                : Is(204, "the sender, before receipt")),
        new("GET /api/v1/funds/performance", Targets.None, false, _ => Get("/api/v1/funds/performance?fiscalYear=2026"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds")),
        new("PUT /api/v1/funds/performance/targets", Targets.None, false,
            _ => Json(HttpMethod.Put, "/api/v1/funds/performance/targets", new
            {
                fiscalYear = 2026, executionRatePercent = 90, timelinessPercent = 95, approvalOnTimePercent = 100, duplicatesClearedPercent = 100, rectificationPercent = 90,
            }),
            c => Permission(PerformanceKeepers.Contains(c.Caller.Key), 200, "ManagePerformance (province administrator)")),
        new("PUT /api/v1/funds/performance/self-evaluation", Targets.None, false,
            _ => Json(HttpMethod.Put, "/api/v1/funds/performance/self-evaluation", new { fiscalYear = 2026, score = 88, notes = "按期下达资金，发放及时。" }),
            c => Permission(PerformanceKeepers.Contains(c.Caller.Key), 200, "ManagePerformance (province administrator)")),
    ];

    /// <summary>A fresh allocation to the cell's organisation (inside) or to one outside the caller's scope, and who sends it.</summary>
    private static (string Sender, object Body) ReceivableOf(Cell c) => (c.Caller.Level, c.Target) switch
    {
        ("province", Outside) => ("ministry", FundsBudgetApi.Allocation(2026, "Waiver", "Central", "51", 50_000, "2026-09-01")),
        ("city", Outside) => ("prov-44", FundsBudgetApi.Allocation(2026, "Waiver", "Provincial", "4403", 50_000, "2026-09-01")),
        ("city", _) => ("prov-44", FundsBudgetApi.Allocation(2026, "Waiver", "Provincial", "4401", 50_000, "2026-09-01")),
        ("school", Outside) => ("city-4401", FundsBudgetApi.Allocation(2026, "Waiver", "Local", "44010007", 50_000, "2026-09-01")),
        ("school", _) => ("city-4401", FundsBudgetApi.Allocation(2026, "Waiver", "Local", "44010004", 50_000, "2026-09-01")),
        _ => ("ministry", FundsBudgetApi.Allocation(2026, "Waiver", "Central", "44", 50_000, "2026-09-01")),
    };

    /// <summary>A fresh allocation sent by the caller's organisation (inside) or by one outside its scope.</summary>
    private static (string Sender, object Body) CancellableOf(Cell c) => (c.Caller.Level, c.Target) switch
    {
        ("ministry", _) => ("ministry", FundsBudgetApi.Allocation(2026, "Waiver", "Central", "44", 60_000, "2026-09-01")),
        ("province", Outside) => ("prov-51", FundsBudgetApi.Allocation(2026, "Waiver", "Provincial", "5101", 60_000, "2026-09-01")),
        ("province", _) => ("prov-44", FundsBudgetApi.Allocation(2026, "Waiver", "Provincial", "4401", 60_000, "2026-09-01")),
        ("city", Outside) => ("city-4403", FundsBudgetApi.Allocation(2026, "Waiver", "Local", "44030005", 60_000, "2026-09-01")),
        _ => ("city-4401", FundsBudgetApi.Allocation(2026, "Waiver", "Local", "44010004", 60_000, "2026-09-01")),
    };
}
