using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Modules.Todo;

namespace TechSchoolAid.Modules.Funds.Features.Payments;

/// <summary>资金发放（FND-1、STA-5）：银行卡、发放批次、代发文件、银行回盘、失败重发、免学费补助、停发与追回. Registers this area's use cases and maps their endpoints.</summary>
public static class PaymentFeatures
{
    public static IServiceCollection Add(IServiceCollection services) => services
        .AddScoped<SetPaymentRule>()
        .AddScoped<GetPaymentRule>()
        .AddScoped<RecordBankCard>()
        .AddScoped<CorrectBankCard>()
        .AddScoped<RevealBankCard>()
        .AddScoped<ListStudentCards>()
        .AddScoped<StudentPayments>()
        .AddScoped<BuildPaymentBatch>()
        .AddScoped<ListPaymentBatches>()
        .AddScoped<GetPaymentBatch>()
        .AddScoped<ExportBankFile>()
        .AddScoped<ImportReturnFile>()
        .AddScoped<FailedPayments>()
        .AddScoped<BuildRepayment>()
        .AddScoped<RecordWaiverCompensation>()
        .AddScoped<ConfirmCompensationReceipt>()
        .AddScoped<ListWaiverCompensations>()
        .AddScoped<ITodoSource, PaymentTodo>();

    public static void Map(IEndpointRouteBuilder api)
    {
        var g = api.MapGroup("/funds").WithTags("资金发放");
        SetPaymentRule.Map(g);
        GetPaymentRule.Map(g);
        ListStudentCards.Map(g);
        RecordBankCard.Map(g);
        CorrectBankCard.Map(g);
        RevealBankCard.Map(g);
        StudentPayments.Map(g);
        ListPaymentBatches.Map(g);
        BuildPaymentBatch.Map(g);
        BuildRepayment.Map(g);
        GetPaymentBatch.Map(g);
        ExportBankFile.Map(g);
        ImportReturnFile.Map(g);
        FailedPayments.Map(g);
        ListWaiverCompensations.Map(g);
        RecordWaiverCompensation.Map(g);
        ConfirmCompensationReceipt.Map(g);
    }
}
