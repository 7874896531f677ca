using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TechSchoolAid.Kernel;
using TechSchoolAid.Modules.Accounts.Features;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// Interactive pages run in a circuit, not in a request: this keeps the circuit's actor (and so the data scope of its
/// DbContext) equal to the signed-in user, as the request middleware does for HTTP. The circuit lives for hours on one
/// sign-in, so before every inbound event it also checks that the account is still enabled and its security stamp
/// unchanged; if not, the circuit acts as anonymous from that event on (every scoped read and write fails closed) and the
/// browser is sent to the sign-in page, whose request clears the cookie.
/// </summary>
public sealed class ActorCircuitHandler(
    AuthenticationStateProvider auth,
    ActorAccessor accessor,
    IHttpContextAccessor http,
    SessionStamps stamps,
    NavigationManager navigation) : CircuitHandler, IDisposable
{
    public const string SignedOutAddress = "/account/login?reason=session-ended";

    private string? _clientAddress;
    private bool _ended;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _clientAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        auth.AuthenticationStateChanged += OnChanged;
        return RefreshAsync(cancellationToken);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await RefreshAsync(CancellationToken.None);
            await next(context);
        };

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;

    /// <summary>Sets the circuit's actor from the signed-in user, or anonymous once the account's session has ended.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var actor = ActorClaims.ToActor((await auth.GetAuthenticationStateAsync()).User, _clientAddress);
        if (_ended || (actor.IsAuthenticated && !await stamps.IsCurrentAsync(actor.UserName, actor.SecurityStamp, ct)))
        {
            accessor.Actor = Actor.Anonymous with { ClientAddress = _clientAddress };
            if (!_ended)
            {
                _ended = true;
                navigation.NavigateTo(SignedOutAddress, forceLoad: true);
            }

            return;
        }

        accessor.Actor = actor;
    }

    private void OnChanged(Task<AuthenticationState> task) => _ = RefreshAsync(CancellationToken.None);
}
