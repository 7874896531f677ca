using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Net.Http.Headers;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// The response headers and cookie flags every environment outside development needs, in one place (issue 14): a
/// registered <see cref="IStartupFilter"/> puts the middleware in front of the whole pipeline, so error pages, static
/// files, the API and the Blazor pages all get them, and Program.cs needs one line.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Blazor Server needs only its own scripts and its WebSocket (<c>'self'</c> covers ws/wss to the same host);
    /// MudBlazor sets inline <c>style</c> attributes, hence <c>'unsafe-inline'</c> for styles only. QR codes are data:
    /// images. Nothing is framed, no plugin runs, forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>A year, subdomains included: the national system is served over HTTPS only.</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Development and the test hosts run on plain http://127.0.0.1; everywhere else a cookie sent over http would be
        // readable on the wire, so the browser is told never to send it without TLS.
        // Security:AllowPlainHttp is for a closed loopback host only (the pages benchmark); it is never set in production.
        var plainHttpAllowed = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
            || builder.Configuration.GetValue("Security:AllowPlainHttp", false);

        // Behind a load balancer that ends TLS, requests arrive over http: the scheme and the client address come from
        // X-Forwarded-Proto / X-Forwarded-For, trusted only from loopback and the networks in Proxy:KnownNetworks (CIDR
        // list). Without this every page would refuse its antiforgery cookie and every client would share one address
        // for the sign-in limits.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in (builder.Configuration["Proxy:KnownNetworks"] ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        var policy = plainHttpAllowed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.SecurePolicy = policy);
        builder.Services.PostConfigure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = policy);
        builder.Services.AddSingleton<IStartupFilter>(new Filter(hsts: !plainHttpAllowed));
        return builder;
    }

    private sealed class Filter(bool hsts) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            app.Use((http, nextMiddleware) =>
            {
                http.Response.OnStarting(() =>
                {
                    Apply(http, hsts);
                    return Task.CompletedTask;
                });
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    private static void Apply(HttpContext http, bool hsts)
    {
        var headers = http.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.XFrameOptions] = "DENY";
        // The API reference page (Scalar) is the OpenAPI mapping's own page with its own inline bootstrap; every other
        // page is ours and gets the full policy.
        if (!http.Request.Path.StartsWithSegments("/api/reference", StringComparison.OrdinalIgnoreCase))
        {
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        }

        if (hsts && http.Request.IsHttps)
        {
            headers[HeaderNames.StrictTransportSecurity] = StrictTransportSecurity;
        }

        // Files handed out (Excel, CSV, ZIP, PDF, evidence) and API answers carry personal data: no browser or proxy
        // may keep a copy. Static assets keep their own caching.
        if (headers.ContentDisposition.Count > 0 || http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers[HeaderNames.CacheControl] = "no-store";
            headers[HeaderNames.Pragma] = "no-cache";
        }
    }
}
