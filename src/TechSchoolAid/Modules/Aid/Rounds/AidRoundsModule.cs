using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Rounds;

/// <summary>AID-3/4 eligibility explained, AID-5 rounds, AID-6 responsibility, AID-2 priority gaps, AID-7 funding gap.</summary>
public static class AidRoundsModule
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddAidRounds(this IServiceCollection services) => services
        .AddScoped<AidEligibilityRules>()
        .AddScoped<AidRoundWorkflow>()
        .AddScoped<AidRoundQueries>()
        .AddScoped<AidReports>()
        .AddScoped<AidRoundCandidates>()
        .AddScoped<ITodoSource, AidRoundTodo>();

    public static void MapAidRoundEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/students/{id:guid}/aid-explanation", (Guid id, int? schoolYear, Semester? semester, DateOnly? date, AidEligibilityRules rules, TimeProvider clock, CancellationToken ct) =>
        {
            var term = schoolYear is { } y && semester is { } s ? new AidTerm(y, s) : AidTerm.Of(clock.Today());
            return rules.ExplainAsync(id, term, date, ct);
        }).WithTags("资助名单").WithSummary("学生某学期享受国家助学金、免学费的资格及原因（符合或不符合都说明理由；不填学年学期为当前学期）")
            .ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/students/{id:guid}/aid-records", (Guid id, AidRoundQueries q, CancellationToken ct) => q.StudentAsync(id, ct))
            .WithTags("资助名单").WithSummary("学生各学期的资助记录及采集、报送、审核人与时间");
        api.MapGet("/schools/{schoolCode}/aid-publication", (string schoolCode, AidRoundQueries q, CancellationToken ct) => q.PublicationAsync(schoolCode, ct))
            .WithTags("资助名单").WithSummary("校内公示的资助名单（仅姓名、班级、资助项目、档次；公示期结束即撤下）");

        var g = api.MapGroup("/aid-rounds").WithTags("资助名单");
        g.MapGet("/", ([AsParameters] AidRoundFilter f, AidRoundQueries q, CancellationToken ct) => q.ListAsync(f, ct))
            .WithSummary("管理范围内的资助名单（按学校、学年、学期、项目、状态筛选；waitingForMe 只列待我审核的）");
        g.MapPost("/", async (AidRoundCreateInput input, AidRoundWorkflow w, AidRoundQueries q, CancellationToken ct) =>
        {
            var r = await w.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-rounds/{r.Id}", await q.DetailAsync(r.Id, ct));
        }).WithSummary("学校拟定某学期国家助学金或免学费名单（自动列入当日符合条件的学生，助学金档次按困难等级建议）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapGet("/{id:guid}", (Guid id, AidRoundQueries q, CancellationToken ct) => q.DetailAsync(id, ct))
            .WithSummary("一份名单及各环节办理人与时间").ProducesProblem(404);
        g.MapGet("/{id:guid}/entries", (Guid id, [AsParameters] AidEntryFilter f, AidRoundQueries q, CancellationToken ct) => q.EntriesAsync(id, f, ct))
            .WithSummary("名单中的学生（分页；按状态、班级、姓名、未答复异议筛选）").ProducesProblem(404);
        g.MapGet("/{id:guid}/entries/export", async (Guid id, AidRoundQueries q, TsaDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            RequireExport(db);
            var detail = await q.DetailAsync(id, ct);
            var rows = await q.EntriesAsync(id, new AidEntryFilter { PageSize = 500, Page = 1 }, ct);
            var all = new List<AidEntryRow>(rows.Items);
            for (var page = 2; (page - 1) * 500 < rows.Total; page++)
            {
                all.AddRange((await q.EntriesAsync(id, new AidEntryFilter { PageSize = 500, Page = page }, ct)).Items);
            }

            db.Record("aid.round.exported", AidRoundWorkflow.Subject, id.ToString(), db.ScopePath, null, new { rows = all.Count }, clock);
            await db.SaveChangesAsync(ct);
            var bytes = SafeExcel.Write(all.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["姓名"] = e.StudentName,
                ["班级"] = e.ClassName,
                ["证件号码"] = e.IdNumberMasked,
                ["年级"] = e.Grade,
                ["年标准（元）"] = e.YearAmountFen / 100m,
                ["本学期金额（元）"] = e.AmountFen / 100m,
                ["资助依据"] = e.Basis,
                ["状态"] = e.StateText,
                ["采集人"] = e.CollectedBy,
                ["采集时间"] = ChinaTime.Format(e.CollectedAtUtc),
                ["审核人"] = e.ReviewedBy,
                ["审核时间"] = ChinaTime.Format(e.ReviewedAtUtc),
                ["审核意见"] = e.ReviewNote,
            }), "资助名单");
            return TypedResults.File(bytes, XlsxType, $"{detail.Row.SchoolCode}-{detail.Row.Term}-{detail.Row.ItemText}.xlsx");
        }).WithSummary("导出名单 Excel（证件号码脱敏）").ProducesFile(FileResponses.Xlsx).ProducesProblem(403).ProducesProblem(404);
        g.MapGet("/{id:guid}/proposed-ids", (Guid id, AidRoundQueries q, CancellationToken ct) => q.ProposedIdsAsync(id, ct))
            .WithSummary("名单中全部待审核记录的编号（整单勾选用）");
        g.MapPost("/{id:guid}/entries", async (Guid id, AidEntryAddInput input, AidRoundWorkflow w, CancellationToken ct) => TypedResults.Ok(AidRoundQueries.ToRow(await w.AddAsync(id, input, ct))))
            .WithSummary("把一名学生加入名单（先核对资格，不符合的说明原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/{id:guid}/publication", async (Guid id, AidPublicationInput input, AidRoundWorkflow w, AidRoundQueries q, CancellationToken ct) =>
        {
            await w.PublishAsync(id, input, ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary("校内公示（不少于资助政策规定的工作日）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/{id:guid}/submission", async (Guid id, AidSubmitInput input, AidRoundWorkflow w, AidRoundQueries q, CancellationToken ct) =>
        {
            await w.SubmitAsync(id, input, ct);
            return TypedResults.Ok(await q.DetailAsync(id, ct));
        }).WithSummary("公示期满、异议答复后报送直接主管部门审核").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/{id:guid}/review", (Guid id, AidReviewInput input, AidRoundWorkflow w, CancellationToken ct) => w.ReviewAsync(id, input, ct))
            .WithSummary("直接主管部门审核：逐个或整单通过、逐个不通过、整单退回（审批截止日期后须省级重新开放）")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        g.MapPost("/reopenings", async (AidReopenInput input, AidRoundWorkflow w, CancellationToken ct) =>
        {
            var r = await w.ReopenAsync(input, ct);
            return TypedResults.Created($"/api/v1/aid-rounds/reopenings/{r.Id}", new { r.Id, r.ProvinceCode, r.SchoolYear, r.Semester, r.Until, r.Reason, r.CreatedBy, r.CreatedAtUtc });
        }).WithSummary("省级重新开放某学期的资助审批（截止日期、原因）").ProducesProblem(400).ProducesProblem(403);

        var e = api.MapGroup("/aid-entries").WithTags("资助名单");
        e.MapPost("/{id:guid}/tier", async (Guid id, AidEntryTierInput input, AidRoundWorkflow w, CancellationToken ct) => TypedResults.Ok(AidRoundQueries.ToRow(await w.SetTierAsync(id, input, ct))))
            .WithSummary("调整助学金档次（须为本省政策的档次之一）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        e.MapPost("/{id:guid}/withdrawal", async (Guid id, AidEntryWithdrawInput input, AidRoundWorkflow w, CancellationToken ct) => TypedResults.Ok(AidRoundQueries.ToRow(await w.WithdrawAsync(id, input, ct))))
            .WithSummary("把学生撤出名单（填写原因）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        e.MapPost("/{id:guid}/objection", async (Guid id, AidObjectionInput input, AidRoundWorkflow w, CancellationToken ct) => TypedResults.Ok(AidRoundQueries.ToRow(await w.ObjectAsync(id, input, ct))))
            .WithSummary("登记公示期内的异议（答复期限按资助政策的工作日计算）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        e.MapPost("/{id:guid}/objection-answer", async (Guid id, AidObjectionAnswerInput input, AidRoundWorkflow w, CancellationToken ct) => TypedResults.Ok(AidRoundQueries.ToRow(await w.AnswerAsync(id, input, ct))))
            .WithSummary("答复异议（异议成立时撤出名单）").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        var r = api.MapGroup("/aid-reports").WithTags("资助名单");
        r.MapGet("/priority-gaps", (int schoolYear, Semester semester, AidReports reports, CancellationToken ct) => reports.PriorityGapsAsync(schoolYear, semester, ct))
            .WithSummary("重点保障群体未享受资助、关注群体尚未认定的学生（按学校/市/省汇总）").ProducesProblem(400);
        r.MapGet("/funding-gap", (int schoolYear, Semester semester, AidItem item, bool? perSchool, AidReports reports, CancellationToken ct) =>
                reports.FundingGapAsync(schoolYear, semester, item, perSchool == true, ct))
            .WithSummary("中央资金缺口：申报符合条件人数与审核通过人数之差及按中央分担比例计算的金额（按省/市/学校）").ProducesProblem(400);
        r.MapGet("/funding-gap/export", async (int schoolYear, Semester semester, AidItem item, AidReports reports, TsaDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            RequireExport(db);
            var report = await reports.FundingGapAsync(schoolYear, semester, item, true, ct);
            db.Record("aid.funding_gap.exported", "AidReport", $"{schoolYear}-{semester}-{item}", db.ScopePath, null, new { rows = report.Rows.Count }, clock);
            await db.SaveChangesAsync(ct);
            return TypedResults.File(FundingGapExcel(report), XlsxType, $"中央资金缺口-{report.Term}-{report.ItemText}.xlsx");
        }).WithSummary("导出中央资金缺口 Excel（逐校）").ProducesFile(FileResponses.Xlsx).ProducesProblem(400).ProducesProblem(403);
    }

    public static byte[] FundingGapExcel(FundingGapReport report) =>
        SafeExcel.Write(report.Rows.Append(report.Total).Select(x => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["代码"] = x.Code,
            ["名称"] = x.Name,
            ["层级"] = x.Level,
            ["学校数"] = x.Schools,
            ["申报符合条件人数"] = x.DeclaredEligible,
            ["审核通过人数"] = x.Approved,
            ["差额人数"] = x.Gap,
            ["差额资金（元）"] = x.GapAmountFen / 100m,
            ["中央分担比例（%）"] = x.CentralSharePercent,
            ["中央资金缺口（元）"] = x.CentralGapFen / 100m,
        }), "中央资金缺口");

    private static void RequireExport(TsaDbContext db)
    {
        if (!db.Actor.Can(Permission.ExportData))
        {
            throw AppException.Forbidden("您没有导出数据的权限");
        }
    }

}
