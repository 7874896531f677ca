using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Data;

/// <summary>
/// Optimistic concurrency on the API (docs/adr/0015): the detail GET of a versioned resource answers its version as a
/// strong ETag (<c>"7"</c>); every edit or decision on it must send <c>If-Match</c> with that ETag. Missing → 428, stale → 409,
/// both as Chinese problem details. The version is also handed to <see cref="VersionPreconditions"/>, so a writer that
/// commits between this check and the handler's save still makes this request fail with 409 instead of overwriting.
/// </summary>
public static class Versioning
{
    public static string ETagOf(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>Marks a route on <typeparamref name="T"/> whose key is the route value <paramref name="routeKey"/>.</summary>
    public static RouteHandlerBuilder Versioned<T>(this RouteHandlerBuilder builder, string routeKey = "id")
        where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var raw = http.Request.RouteValues[routeKey]?.ToString();
            if (raw is null)
            {
                return await next(context);
            }

            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                // Read before the handler: if a write lands in between, the ETag is older than the body, so the client's
                // next If-Match fails safe (409) rather than letting it overwrite what it has not seen.
                var db = http.RequestServices.GetRequiredService<TsaDbContext>();
                if (KeyOf<T>(db, raw) is { } key && await CurrentVersionAsync<T>(db, key, http.RequestAborted) is { } version)
                {
                    http.Response.Headers.ETag = ETagOf(version);
                }

                return await next(context);
            }

            await RequireAsync<T>(http, raw);
            return await next(context);
        });

    /// <summary>
    /// The If-Match check for a resource named outside the route (a batch id in the body): 428 without it, 409 when stale,
    /// and the seen version registered for the save.
    /// </summary>
    public static async Task RequireAsync<T>(HttpContext http, object rawKey)
        where T : class
    {
        var db = http.RequestServices.GetRequiredService<TsaDbContext>();
        var key = KeyOf<T>(db, rawKey.ToString()!);
        var current = key is null ? null : await CurrentVersionAsync<T>(db, key, http.RequestAborted);
        if (key is null || current is null)
        {
            // Not there or out of scope: the handler gives its own 404, exactly as without the header.
            return;
        }

        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new AppException(ErrorKind.PreconditionRequired,
                "修改或审核须带上所依据的版本：请先获取该记录（响应头 ETag），再在请求头 If-Match 中原样带回。");
        }

        if (header.Trim() == "*")
        {
            return;
        }

        var seen = ParseIfMatch(header)
            ?? throw AppException.Invalid("If-Match", "If-Match 格式不正确，应为获取记录时响应头 ETag 的值，例如 \"3\"");
        if (seen != current)
        {
            throw new AppException(ErrorKind.Conflict, VersionPreconditions.StaleMessage);
        }

        http.RequestServices.GetRequiredService<VersionPreconditions>().Expect<T>(key, seen);
    }

    /// <summary><c>"7"</c> or <c>W/"7"</c> → 7; anything else → null.</summary>
    public static long? ParseIfMatch(string header)
    {
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length >= 3 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
    }

    private static object? KeyOf<T>(TsaDbContext db, string raw)
    {
        var keyType = db.Model.FindEntityType(typeof(T))?.FindPrimaryKey()?.Properties[0].ClrType;
        return keyType switch
        {
            _ when keyType == typeof(Guid) => Guid.TryParse(raw, out var g) ? g : null,
            _ when keyType == typeof(int) => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when keyType == typeof(long) => long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when keyType == typeof(string) => raw,
            _ => null,
        };
    }

    /// <summary>The row's current version inside the caller's scope (query filters on), or null when it is not visible.</summary>
    private static async Task<long?> CurrentVersionAsync<T>(TsaDbContext db, object key, CancellationToken ct)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var keyProperty = entityType.FindPrimaryKey()!.Properties[0];
        var token = VersionPreconditions.TokenOf(entityType)
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no version (concurrency token).");
        var e = Expression.Parameter(typeof(T), "e");
        var keyAccess = Expression.Call(typeof(EF), nameof(EF.Property), [keyProperty.ClrType], e, Expression.Constant(keyProperty.Name));
        // The key through a closure-like box, so EF sends it as a parameter (one cached plan), not as a literal.
        var box = Activator.CreateInstance(typeof(System.Runtime.CompilerServices.StrongBox<>).MakeGenericType(keyProperty.ClrType), key)!;
        var keyValue = Expression.Field(Expression.Constant(box), "Value");
        var where = Expression.Lambda<Func<T, bool>>(Expression.Equal(keyAccess, keyValue), e);
        var tokenAccess = Expression.Call(typeof(EF), nameof(EF.Property), [token.ClrType], e, Expression.Constant(token.Name));
        var select = Expression.Lambda<Func<T, long?>>(Expression.Convert(tokenAccess, typeof(long?)), e);
        return await db.Set<T>().AsNoTracking().Where(where).Select(select).FirstOrDefaultAsync(ct);
    }
}
