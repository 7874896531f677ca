using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// Makes /openapi/v1.json a document a client generator (Kiota, NSwag, openapi-generator) can live on, from what the
/// endpoints already declare rather than from per-endpoint annotations nobody keeps up to date:
/// the two sign-in schemes (bearer token for systems, cookie for people) and, per operation, the requirement that
/// follows from its authorization metadata; a stable operationId derived from method and route; and the problem-details
/// responses (RFC 9457) every operation can answer with, so a generated client maps 4xx answers to a typed error
/// instead of "no error factory is registered".
/// </summary>
public static class OpenApiConventions
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemMediaType = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "TechSchoolAid 全国技工院校学籍与资助 API";
            doc.Info.Version = "v1";
            doc.Info.Description = "人社厅函〔2024〕53号 全国技工院校学籍与资助信息系统。系统对接使用 Bearer 令牌（POST /api/v1/auth/token），"
                + "浏览器使用登录 Cookie；所有错误按 RFC 9457 以 application/problem+json 返回，标题与说明为中文。";

            // A server URL with a trailing slash makes generated clients build "//api/v1/…".
            foreach (var server in doc.Servers ?? [])
            {
                if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
                {
                    server.Url = url.TrimEnd('/');
                }
            }

            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            doc.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "POST /api/v1/auth/token 取得的访问令牌（1 小时有效，可用刷新令牌续期）",
            };
            doc.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "tsa.auth",
                Description = "浏览器登录后的 Cookie（写操作另需防伪令牌）",
            };
            doc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            if (!doc.Components.Schemas.ContainsKey(ProblemSchema))
            {
                doc.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();
        var route = description.RelativePath ?? string.Empty;

        operation.OperationId ??= OperationId(method, route);

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var secured = !anonymous && metadata.OfType<IAuthorizeData>().Any();
        if (secured)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
        }
        else
        {
            // An explicit empty requirement says "no sign-in" rather than leaving it to a global default.
            operation.Security = [];
        }

        var hasInput = description.ParameterDescriptions.Count > 0 || operation.RequestBody is not null;
        var writes = method is "POST" or "PUT" or "PATCH" or "DELETE";
        var rateLimited = metadata.OfType<EnableRateLimitingAttribute>().Any();

        if (hasInput)
        {
            AddProblem(operation, context, 400, "输入有误（中文说明，errors 按字段列出）");
        }

        if (secured)
        {
            AddProblem(operation, context, 401, "未登录或令牌无效");
            AddProblem(operation, context, 403, "无此权限或不在管理范围内");
        }

        if (route.Contains('{', StringComparison.Ordinal))
        {
            AddProblem(operation, context, 404, "未找到（或不在管理范围内）");
        }

        if (writes && secured)
        {
            AddProblem(operation, context, 409, "与当前状态冲突（已被他人处理、状态不允许或重复）");
        }

        if (rateLimited)
        {
            AddProblem(operation, context, 429, "请求过于频繁");
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string text)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        var problem = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
        if (operation.Responses.TryGetValue(key, out var existing))
        {
            // ProducesProblem(…) already declared it: make sure the body is described as problem details.
            if (existing is OpenApiResponse concrete)
            {
                concrete.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
                concrete.Content.TryAdd(ProblemMediaType, problem);
                if (string.IsNullOrEmpty(concrete.Description) || concrete.Description.Length < 4)
                {
                    concrete.Description = text;
                }
            }

            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [ProblemMediaType] = problem },
        };
    }

    /// <summary>"POST api/v1/status-changes/{id}/approve" → "postStatusChangesByIdApprove": unique as routes are, stable across builds.</summary>
    public static string OperationId(string method, string relativePath)
    {
        var sb = new StringBuilder(method.ToLowerInvariant());
        var path = relativePath.Split('?')[0];
        foreach (var raw in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw is "api" or "v1")
            {
                continue;
            }

            if (raw.StartsWith('{'))
            {
                var name = raw.Trim('{', '}').Split(':', '=', '?')[0];
                sb.Append("By");
                AppendPascal(sb, name);
                continue;
            }

            AppendPascal(sb, raw);
        }

        return sb.ToString();
    }

    private static void AppendPascal(StringBuilder sb, string words)
    {
        foreach (var word in words.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        }
    }

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details；title 与 detail 为中文，errors 为字段 → 错误说明",
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "字段 → 该字段的错误说明（仅输入有误时）",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
