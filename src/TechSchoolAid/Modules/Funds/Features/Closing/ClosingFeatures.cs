using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>凭证、年度档案与决算（FND-2）及学籍异动的资金后果（STA-5）：停发、追回、追溯；凭证哈希、年度资助工作档案、收支平衡的决算、关闭年度. Registers this area's use cases and maps their endpoints.</summary>
public static class ClosingFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services
        .AddScoped<FinalAccountsCalculator>()
        .AddScoped<FinalAccountsSteps>()
        .AddScoped<GetFinalAccounts>()
        .AddScoped<GetProvinceAccounts>()
        .AddScoped<DrawUpFinalAccounts>()
        .AddScoped<CloseFundsYear>()
        .AddScoped<ReopenFundsYear>()
        .AddScoped<RecordFundsRefund>()
        .AddScoped<ExportFinalAccounts>()
        .AddScoped<IPaymentStops, PaymentStops>()
        .AddScoped<ListRecoveries>()
        .AddScoped<RecordRecovery>()
        .AddScoped<GetPaymentTrace>()
        .AddScoped<AddFundsVoucher>()
        .AddScoped<ListFundsVouchers>()
        .AddScoped<DownloadFundsVoucher>()
        .AddScoped<DownloadWorkFile>()
        .AddScoped<ITodoSource, RecoveryTodo>();

    public static void Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/funds").WithTags("资助资金：决算、凭证与追回");
        GetProvinceAccounts.Map(g);
        GetFinalAccounts.Map(g);
        DrawUpFinalAccounts.Map(g);
        CloseFundsYear.Map(g);
        ReopenFundsYear.Map(g);
        RecordFundsRefund.Map(g);
        ExportFinalAccounts.Map(g);
        ListRecoveries.Map(g);
        RecordRecovery.Map(g);
        GetPaymentTrace.Map(g);
        AddFundsVoucher.Map(g);
        ListFundsVouchers.Map(g);
        DownloadFundsVoucher.Map(g);
        DownloadWorkFile.Map(g);
    }
}
