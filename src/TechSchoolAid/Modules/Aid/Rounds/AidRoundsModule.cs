using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Eligibility;
using TechSchoolAid.Modules.Aid.Rounds.Features;
using TechSchoolAid.Modules.Aid.Rounds.Features.Oversight;
using TechSchoolAid.Modules.Dashboards.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Aid.Rounds;

/// <summary>
/// AID-3/4 eligibility explained, AID-5 rounds, AID-6 responsibility, AID-2 priority gaps, AID-7 funding gap: one
/// feature class per use case in Features/, registered here and mapped into the groups below.
/// </summary>
public static class AidRoundsModule
{
    public static IServiceCollection AddAidRounds(this IServiceCollection services) => services
        .AddScoped<AidEligibilityRules>()
        .AddScoped<IAidPublicationNotices, PublicAidPublications>()
        .AddScoped<FundingGapCauses>()
        .AddScoped<Inspections.Contracts.IInspectionRiskSource, Features.Oversight.AidFundingGapInspectionRisk>()
        .AddScoped<Inspections.Contracts.IInspectionRiskSource, Features.Oversight.AidLateApprovalInspectionRisk>()
        .AddScoped<AidRoundSteps>()
        .AddScoped<AidRoundRows>()
        .AddScoped<CreateAidRound>()
        .AddScoped<AddAidEntry>()
        .AddScoped<SetAidEntryTier>()
        .AddScoped<WithdrawAidEntry>()
        .AddScoped<RevokeApprovedAidEntry>()
        .AddScoped<PublishAidRound>()
        .AddScoped<RecordAidObjection>()
        .AddScoped<AnswerAidObjection>()
        .AddScoped<SubmitAidRound>()
        .AddScoped<ReviewAidRound>()
        .AddScoped<ReopenAidDeadline>()
        .AddScoped<ListLateAidApprovals>()
        .AddScoped<ListAidRounds>()
        .AddScoped<GetAidRound>()
        .AddScoped<GetAidEntry>()
        .AddScoped<ListAidEntries>()
        .AddScoped<ExportAidEntries>()
        .AddScoped<AidPublication>()
        .AddScoped<StudentAidRecords>()
        .AddScoped<AidRoundCandidates>()
        .AddScoped<AidReports>()
        .AddScoped<IPayableAidLines, PayableAidLinesQuery>()
        .AddScoped<IAidFundingFacts, AidFundingFactsService>()
        .AddScoped<ITodoSource, AidRoundTodo>()
        .AddScoped<AidStatusFlags>()
        .AddScoped<ResolveAidStatusFlag>()
        .AddScoped<ITodoSource, AidStatusTodo>()
        .AddScoped<IYearlyReportSource, AidYearlyReportSource>()
        .AddScoped<IDashboardSource, AidRoundDashboardSource>();

    public static void MapAidRoundEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/students/{id:guid}/aid-explanation", (Guid id, int? schoolYear, Semester? semester, DateOnly? date, AidEligibilityRules rules, TimeProvider clock, CancellationToken ct) =>
        {
            var term = schoolYear is { } y && semester is { } s ? new AidTerm(y, s) : AidTerm.Of(clock.Today());
            return rules.ExplainAsync(id, term, date, ct);
        }).RequirePermission(Permission.ViewStudents)
            .WithTags("资助名单").WithSummary("学生某学期享受国家助学金、免学费的资格及原因（符合或不符合都说明理由；不填学年学期为当前学期）")
            .ProducesProblem(400).ProducesProblem(404);
        StudentAidRecords.Map(api);
        AidStatusFlags.Map(api);
        AidPublication.Map(api);

        var rounds = api.MapGroup("/aid-rounds").WithTags("资助名单");
        ListAidRounds.Map(rounds);
        CreateAidRound.Map(rounds);
        GetAidRound.Map(rounds);
        ListAidEntries.Map(rounds);
        ResolveAidStatusFlag.Map(rounds);
        ExportAidEntries.Map(rounds);
        AddAidEntry.Map(rounds);
        PublishAidRound.Map(rounds);
        SubmitAidRound.Map(rounds);
        ReviewAidRound.Map(rounds);
        ReopenAidDeadline.Map(rounds);
        ListLateAidApprovals.Map(rounds);

        var entries = api.MapGroup("/aid-entries").WithTags("资助名单");
        GetAidEntry.Map(entries);
        SetAidEntryTier.Map(entries);
        WithdrawAidEntry.Map(entries);
        RecordAidObjection.Map(entries);
        AnswerAidObjection.Map(entries);

        AidReports.Map(api.MapGroup("/aid-reports").WithTags("资助名单"));
    }
}
