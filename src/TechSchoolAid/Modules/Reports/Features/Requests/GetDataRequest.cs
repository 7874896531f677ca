using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

/// <summary>One data request with the answers the caller may see (the ministry every province's, a province its own).</summary>
public sealed class GetDataRequest(DataRequestReads reads, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapGet("/data-requests/{id:guid}", (Guid id, GetDataRequest f, CancellationToken ct) => f.HandleAsync(id, ct))
            .RequireAccess(ReportAccess.View)
            .WithSummary("数据报送通知详情及填报情况（省级仅见本省填报）")
            .Produces<DataRequestDetail>().ProducesProblem(403).ProducesProblem(404);

    public Task<DataRequestDetail> HandleAsync(Guid id, CancellationToken ct) => reads.DetailAsync(id, clock.Today(), ct);
}
