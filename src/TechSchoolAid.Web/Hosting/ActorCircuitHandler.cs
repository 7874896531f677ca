using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TechSchoolAid.Kernel;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// Interactive pages run in a circuit, not in a request: this keeps the circuit's actor (and so the data scope of its
/// DbContext) equal to the signed-in user, as the request middleware does for HTTP.
/// </summary>
public sealed class ActorCircuitHandler(AuthenticationStateProvider auth, ActorAccessor accessor, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    private string? _clientAddress;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _clientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        auth.AuthenticationStateChanged += OnChanged;
        return Update(auth.GetAuthenticationStateAsync());
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await Update(auth.GetAuthenticationStateAsync());
            await next(context);
        };

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;

    private void OnChanged(Task<AuthenticationState> task) => _ = Update(task);

    private async Task Update(Task<AuthenticationState> task)
    {
        var state = await task;
        accessor.Actor = ActorClaims.ToActor(state.User, _clientAddress);
    }
}
