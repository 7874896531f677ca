using System.Net;
using System.Net.Http.Json;

namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // Funds, closing area (FND-2, STA-5): every finance and supervising role reads within its scope (ViewFunds — not the
    // school's records officer); the school's finance staff and administrator (ManagePayments) attach vouchers and record
    // recoveries for their own school; each level's finance owner (CloseFundsYear) draws up, returns, closes and reopens
    // its OWN organisation's year — naming another organisation (below, above or elsewhere) is 403.
    // FundsViewers (ViewFunds) and Payers (ManagePayments) are declared with the budget and payment rows.
    private static readonly HashSet<string> YearClosers = ["ministry-admin", "province-admin", "city-reviewer", "school-admin", "school-finance-officer"];

    /// <summary>The organisation an accounts write names: the caller's own (inside), or a school outside its scope.</summary>
    private static string OwnOrgOf(Cell c) => c.Target == Outside ? c.School : c.Caller.Level switch
    {
        "ministry" => "000000",
        "province" => "44",
        "city" => "4401",
        _ => OwnSchool,
    };

    /// <summary>A distinct year per caller, so that one cell's closing does not close another's year.</summary>
    private static int YearOf(Cell c, int first) => first + Array.FindIndex(Callers, x => x.Key == c.Caller.Key);

    private static Expectation FundsRead(Cell c, int success = 200) =>
        !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
        : c.Target == Outside ? Is(404, "record or organisation outside its scope is not found")
        : Is(success, "has ViewFunds, in scope");

    private static Expectation FundsPay(Cell c, int success) =>
        !Payers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePayments (school finance staff)")
        : c.Target == Outside ? Is(404, "record outside its scope is not found")
        : Is(success, "has ManagePayments, own school");

    private static Expectation FundsClose(Cell c, int success) =>
        !YearClosers.Contains(c.Caller.Key) ? Is(403, "lacks CloseFundsYear")
        : c.Target == Outside ? Is(403, "names an organisation that is not its own")
        : Is(success, "has CloseFundsYear, own organisation");

    /// <summary>The rows of the FundsClosing endpoints (one per endpoint; see the rules in AuthorizationMatrixTests.cs).</summary>
    private static Endpoint[] FundsClosingEndpoints =>
    [
        new("GET /api/v1/funds/accounts/{fiscalYear}/provinces", Targets.None, false, _ => Get("/api/v1/funds/accounts/2026/provinces"),
            c => FundsViewers.Contains(c.Caller.Key) && c.Caller.Level == "ministry" ? Is(200, "ministry level with ViewFunds") : Is(403, "not ministry level, or lacks ViewFunds")),
        new("GET /api/v1/funds/accounts/{orgCode}/{fiscalYear}", Targets.School, false, c => Get($"/api/v1/funds/accounts/{c.School}/2026"), c => FundsRead(c)),
        new("POST /api/v1/funds/accounts/{orgCode}/{fiscalYear}/draw-up", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/funds/accounts/{OwnOrgOf(c)}/2019/draw-up", new { receivedFen = 0, paidFen = 0, returnedFen = 0, balanceFen = 0 }),
            c => FundsClose(c, 200)),
        new("POST /api/v1/funds/accounts/{orgCode}/{fiscalYear}/returns", Targets.School, false,
            c => Json(HttpMethod.Post, $"/api/v1/funds/accounts/{OwnOrgOf(c)}/2018/returns", new { target = "Treasury", amountFen = 1_000, returnedOn = "2018-06-01", documentNumber = "缴款书 001" }),
            c => FundsClose(c, 200)),
        new("POST /api/v1/funds/accounts/{orgCode}/{fiscalYear}/close", Targets.School, false,
            async c =>
            {
                if (FundsClose(c, 200).Statuses[0] == 200)
                {
                    using var client = await c.App.ClientFor(c.Caller.UserName!);
                    using var drawn = await client.PostAsJsonAsync($"/api/v1/funds/accounts/{OwnOrgOf(c)}/{YearOf(c, 2001)}/draw-up", new { receivedFen = 0, paidFen = 0, returnedFen = 0, balanceFen = 0 });
                    await Api.ReadJson(drawn, HttpStatusCode.OK);
                }

                return await Json(HttpMethod.Post, $"/api/v1/funds/accounts/{OwnOrgOf(c)}/{YearOf(c, 2001)}/close", new { });
            },
            c => FundsClose(c, 200)),
        new("POST /api/v1/funds/accounts/{orgCode}/{fiscalYear}/reopen", Targets.School, false,
            async c =>
            {
                if (FundsClose(c, 200).Statuses[0] == 200)
                {
                    await FundsClosingRecords.CloseAsync(c.App, c.Caller.UserName!, OwnOrgOf(c), YearOf(c, 2040));
                }

                return await Json(HttpMethod.Post, $"/api/v1/funds/accounts/{OwnOrgOf(c)}/{YearOf(c, 2040)}/reopen", new { reason = "更正退款文号" });
            },
            c => FundsClose(c, 200)),
        new("GET /api/v1/funds/accounts/{orgCode}/{fiscalYear}/export", Targets.School, false, c => Get($"/api/v1/funds/accounts/{c.School}/2026/export"), c => FundsRead(c)),
        new("GET /api/v1/funds/recoveries", Targets.None, false, _ => Get("/api/v1/funds/recoveries"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds")),
        new("POST /api/v1/funds/recoveries/{id}/recovery", Targets.School, false,
            async c => await Json(HttpMethod.Post, $"/api/v1/funds/recoveries/{await FundsClosingRecords.RecoveryAsync(c.App, c.School)}/recovery",
                new { recoveredOn = "2026-10-14", amountFen = 10_000, note = "已退回" }),
            c => FundsPay(c, 200)),
        new("GET /api/v1/funds/payment-lines/{id}/trace", Targets.School, false,
            async c =>
            {
                var (_, line) = await FundsClosingData.LineAsync(c.App, c.School, await c.App.SeededStudentOf(c.School), new(2026, 5, 1), new(2026, 5, 31), 20_000, FundsClosingData.Stage.Paid);
                return await Get($"/api/v1/funds/payment-lines/{line}/trace");
            },
            c => FundsRead(c)),
        new("POST /api/v1/funds/batches/{id}/vouchers", Targets.School, false,
            async c =>
            {
                var (batch, _) = await FundsClosingData.LineAsync(c.App, c.School, await c.App.SeededStudentOf(c.School), new(2026, 6, 1), new(2026, 6, 30), 20_000, FundsClosingData.Stage.Paid);
                return VoucherRequest($"/api/v1/funds/batches/{batch}/vouchers");
            },
            c => FundsPay(c, 201)),
        new("POST /api/v1/funds/compensations/{id}/vouchers", Targets.School, false,
            async c => VoucherRequest($"/api/v1/funds/compensations/{await FundsClosingRecords.CompensationAsync(c.App, c.School)}/vouchers"),
            c => FundsPay(c, 201)),
        new("GET /api/v1/funds/vouchers/{schoolCode}/{fiscalYear}", Targets.School, false, c => Get($"/api/v1/funds/vouchers/{c.School}/2026"), c => FundsRead(c)),
        new("GET /api/v1/funds/vouchers/{id}/file", Targets.School, false,
            async c => await Get($"/api/v1/funds/vouchers/{await FundsClosingRecords.VoucherAsync(c.App, c.School)}/file"), c => FundsRead(c)),
        new("GET /api/v1/funds/work-file/{schoolCode}/{fiscalYear}", Targets.School, false, c => Get($"/api/v1/funds/work-file/{c.School}/2026"), c => FundsRead(c)),
    ];

    private static HttpRequestMessage VoucherRequest(string path)
    {
        var form = Api.FileContent("%PDF-1.4\n%%EOF\n"u8.ToArray(), "银行回单.pdf", "application/pdf");
        form.Add(new StringContent("BankReceipt"), "kind");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }
}
