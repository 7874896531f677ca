namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    // What each role may do with the payments (FundsAccess), written out by hand.
    // FundsViewers (ViewFunds) is declared with the budget rows.
    private static readonly HashSet<string> CardKeepers = ["school-admin", "school-aid-officer", "school-finance-officer"]; // ManageBankCards, own school
    private static readonly HashSet<string> Payers = ["school-admin", "school-finance-officer"];                  // ManagePayments, own school
    private static readonly HashSet<string> CardRevealers = ["school-admin"];                                     // ViewFunds + RevealPersonalData, own school

    /// <summary>The rows of the FundsPayments endpoints (one per endpoint; see the rules in AuthorizationMatrixTests.cs).</summary>
    private static Endpoint[] FundsPaymentsEndpoints =>
    [
        // The payment rule: every funds reader reads it; only a province's administrator sets its own province's.
        new("PUT /api/v1/funds/payment-rules/{provinceCode}", Targets.School, false,
            c => Json(HttpMethod.Put, $"/api/v1/funds/payment-rules/{(c.Target == Outside ? "51" : "44")}",
                new { frequency = "PerSemester", payDay = 10, effectiveFrom = "2026-09-01" }),
            c => c.Caller.Key != "province-admin" ? Is(403, "lacks ManagePolicy at province level")
                : c.Target == Outside ? Is(403, "another province") : Is(200, "province administrator, own province")),
        new("GET /api/v1/funds/payment-rules/{provinceCode}", Targets.None, false, _ => Get("/api/v1/funds/payment-rules/44"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds")),

        // Cards: the school's aid and finance staff record and correct their own students' cards; a student or card
        // outside scope is not found; the full number only for the school's staff who may reveal personal data.
        new("GET /api/v1/funds/schools/{schoolCode}/cards", Targets.School, false, c => Get($"/api/v1/funds/schools/{c.School}/cards"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "school outside its scope is not found") : Is(200, "ViewFunds, in scope")),
        new("POST /api/v1/funds/students/{studentId}/card", Targets.Student, false,
            async c =>
            {
                await FundsPaymentsApi.EnsurePaidAsync(c.App, OwnSchool);
                if (CardKeepers.Contains(c.Caller.Key) && c.Target != Outside)
                {
                    var row = (await FundsPaymentsApi.CardRowsOf(c.App, c.School, true)).First();
                    return await Json(HttpMethod.Post, $"/api/v1/funds/students/{row.GetProperty("studentId").GetGuid()}/card",
                        new { kind = "SocialSecurityCard", number = FundsPaymentsApi.NewCardNumber(), holderName = row.GetProperty("name").GetString(), bankName = "中国建设银行" });
                }

                return await Json(HttpMethod.Post, $"/api/v1/funds/students/{await c.App.SeededStudentOf(c.School)}/card",
                    new { kind = "SocialSecurityCard", number = FundsPaymentsApi.NewCardNumber(), holderName = "某某", bankName = "中国建设银行" });
            },
            c => !CardKeepers.Contains(c.Caller.Key) ? Is(403, "lacks ManageBankCards at school level")
                : c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(201, "school card staff, own student")),
        new("POST /api/v1/funds/cards/{id}/correction", Targets.Student, false,
            async c =>
            {
                var (_, name, card) = await FundsPaymentsApi.CardHolderOf(c.App, c.Target == Outside ? "51010001" : OwnSchool);
                return await Json(HttpMethod.Post, $"/api/v1/funds/cards/{card}/correction",
                    new { kind = "AidBankCard", number = FundsPaymentsApi.NewCardNumber(), holderName = name, bankName = "中国农业银行" });
            },
            c => !CardKeepers.Contains(c.Caller.Key) ? Is(403, "lacks ManageBankCards at school level")
                : c.Target == Outside ? Is(404, "card outside its scope is not found") : Is(200, "school card staff, own student")),
        new("POST /api/v1/funds/cards/{id}/reveal", Targets.Student, false,
            async c => await Post($"/api/v1/funds/cards/{(await FundsPaymentsApi.CardHolderOf(c.App, c.Target == Outside ? "51010001" : OwnSchool)).Card}/reveal"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "card outside its scope is not found (looked up first)")
                : CardRevealers.Contains(c.Caller.Key) ? Is(200, "RevealPersonalData, own school") : Is(403, "may not reveal a card number")),
        new("GET /api/v1/funds/students/{studentId}/payments", Targets.Student, false,
            async c => await Get($"/api/v1/funds/students/{await c.App.SeededStudentOf(c.School)}/payments"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "student outside its scope is not found") : Is(200, "ViewFunds, in scope")),

        // Batches: read in scope; built, exported and reconciled by the paying school's finance staff only.
        new("GET /api/v1/funds/payment-batches", Targets.None, false, _ => Get("/api/v1/funds/payment-batches"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds, filtered by scope")),
        new("POST /api/v1/funds/payment-batches", Targets.School, false,
            c => Json(HttpMethod.Post, "/api/v1/funds/payment-batches", new { schoolCode = c.School, paymentDate = "2026-11-10", preview = true }),
            c => ScopedWrite(c.Caller, c.Target, Payers, 200, "ManagePayments")),
        new("POST /api/v1/funds/payment-batches/repayments", Targets.School, false,
            async c =>
            {
                await FundsPaymentsApi.EnsurePaidAsync(c.App, OwnSchool);
                return await Json(HttpMethod.Post, "/api/v1/funds/payment-batches/repayments", new { schoolCode = c.School });
            },
            c => !Payers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePayments")
                : c.Target == Outside ? Is(403, "names a school outside its scope")
                : new Expectation([201, 400], "ManagePayments, own school: the failed line is paid again once its card is corrected (201), else nothing to repay (400)")),
        new("GET /api/v1/funds/payment-batches/{id}", Targets.Student, false,
            async c => await Get($"/api/v1/funds/payment-batches/{await FundsPaymentsApi.BatchOf(c.App, c.Target == Outside ? "51010001" : OwnSchool)}"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "batch outside its scope is not found") : Is(200, "ViewFunds, in scope")),
        new("GET /api/v1/funds/payment-batches/{id}/lines", Targets.Student, false,
            async c => await Get($"/api/v1/funds/payment-batches/{await FundsPaymentsApi.BatchOf(c.App, c.Target == Outside ? "51010001" : OwnSchool)}/lines"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "batch outside its scope is not found")
                : new Expectation([200], "ViewFunds, in scope", j => j.GetProperty("total").GetInt32() > 0 ? null : "expected the batch's lines")),
        new("GET /api/v1/funds/payment-batches/{id}/bank-file", Targets.Student, false,
            async c => await Get($"/api/v1/funds/payment-batches/{await FundsPaymentsApi.BatchOf(c.App, c.Target == Outside ? "51010001" : OwnSchool)}/bank-file?format=csv"),
            c => !FundsViewers.Contains(c.Caller.Key) ? Is(403, "lacks ViewFunds")
                : c.Target == Outside ? Is(404, "batch outside its scope is not found (looked up first)")
                : Payers.Contains(c.Caller.Key) ? Is(409, "ManagePayments, own school: the demo batch is reconciled, no new bank file")
                : Is(403, "only the paying school's finance staff export the full card numbers")),
        new("POST /api/v1/funds/payment-batches/{id}/return-file", Targets.Student, false,
            async c => await File($"/api/v1/funds/payment-batches/{await FundsPaymentsApi.BatchOf(c.App, c.Target == Outside ? "51010001" : OwnSchool)}/return-file",
                "流水号,姓名,卡号,金额,结果,失败原因\r\nX,某,1234,1.00,成功,\r\n"u8.ToArray(), "回盘.csv"),
            c => !Payers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePayments")
                : c.Target == Outside ? Is(404, "batch outside its scope is not found")
                : Is(409, "ManagePayments, own school: the demo batch's return file is already imported")),
        new("GET /api/v1/funds/failed-payments", Targets.None, false, _ => Get("/api/v1/funds/failed-payments"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds, filtered by scope")),

        // Waiver compensation: recorded by the school's direct supervisor (ManageBudgets), confirmed by the school.
        new("GET /api/v1/funds/waiver-compensations", Targets.None, false, _ => Get("/api/v1/funds/waiver-compensations"),
            c => Permission(FundsViewers.Contains(c.Caller.Key), 200, "ViewFunds, filtered by scope")),
        new("POST /api/v1/funds/waiver-compensations", Targets.Batch, false,
            async c =>
            {
                await FundsPaymentsApi.EnsureCompensatedAsync(c.App, OwnSchool);
                return await Json(HttpMethod.Post, "/api/v1/funds/waiver-compensations",
                    new { schoolCode = BatchSchoolOf(c.Caller, c.Target), schoolYear = 2026, semester = "Autumn", paidOn = "2026-10-14" });
            },
            c => c.Caller.Key is not ("province-admin" or "city-reviewer") ? Is(403, "lacks ManageBudgets at province or city level")
                : c.Target == Outside ? Is(403, "names a school outside its scope")
                : c.Target == NotSupervised ? Is(403, "not the school's direct supervisor")
                // The aid rows of the matrix park and rebuild the term's waiver lists, so whether the school has an approved
                // list at this moment varies: every answer past the rule is accepted, none of them 403.
                : new Expectation([201, 400, 409], "direct supervisor: recorded (201), already recorded (409), or no approved waiver list at that moment (400)")),
        new("POST /api/v1/funds/waiver-compensations/{id}/receipt", Targets.Student, false,
            async c =>
            {
                var school = c.Target == Outside ? "51010001" : OwnSchool;
                var compensation = await FundsPaymentsApi.CompensationOf(c.App, school, await FundsPaymentsApi.SchoolNameOf(c.App, school));
                return await Json(HttpMethod.Post, $"/api/v1/funds/waiver-compensations/{compensation}/receipt", new { receivedOn = "2026-10-15" });
            },
            c => !Payers.Contains(c.Caller.Key) ? Is(403, "lacks ManagePayments")
                : c.Target == Outside ? Is(404, "compensation outside its scope is not found")
                : new Expectation([200, 409], "ManagePayments, own school: confirmed once (200), then already confirmed (409)")),
    ];
}
