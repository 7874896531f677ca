using System.IO.Pipelines;
using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using TechSchoolAid.Kernel;

namespace TechSchoolAid.Web.Hosting;

/// <summary>
/// Runs <see cref="InputGuard"/> over every bound argument of every API endpoint it is added to (route values, query
/// objects, JSON bodies), before the handler: one place instead of a check per endpoint. Which arguments are input is
/// decided once per endpoint, when it is built: services, the cancellation token, the HTTP context and uploaded files
/// are not.
/// </summary>
public static class InputGuardFilter
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var inputs = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(x => IsInput(x.Parameter, isService))
            .Select(x => (x.Index, Name: IsObject(x.Parameter) ? null : Camel(x.Parameter.Name ?? "value")))
            .ToArray();
        if (inputs.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            var errors = new Dictionary<string, List<string>>();
            foreach (var (index, name) in inputs)
            {
                if (index < invocation.Arguments.Count)
                {
                    InputGuard.Collect(invocation.Arguments[index], name, errors);
                }
            }

            InputGuard.ThrowIfAny(errors);
            return next(invocation);
        };
    }

    private static bool IsInput(ParameterInfo p, IServiceProviderIsService? isService)
    {
        var t = p.ParameterType;
        return p.GetCustomAttribute<FromServicesAttribute>() is null
            && p.GetCustomAttribute<FromKeyedServicesAttribute>() is null
            && t != typeof(CancellationToken) && t != typeof(HttpContext) && t != typeof(HttpRequest) && t != typeof(HttpResponse)
            && t != typeof(ClaimsPrincipal) && t != typeof(Stream) && t != typeof(PipeReader)
            && !typeof(IFormFile).IsAssignableFrom(t) && !typeof(IFormFileCollection).IsAssignableFrom(t) && !typeof(IFormCollection).IsAssignableFrom(t)
            && isService?.IsService(t) != true;
    }

    /// <summary>A body or an [AsParameters] object: its properties are the fields the client named.</summary>
    private static bool IsObject(ParameterInfo p) =>
        p.GetCustomAttribute<AsParametersAttribute>() is not null
        || p.GetCustomAttribute<FromBodyAttribute>() is not null
        || (p.ParameterType.IsClass && p.ParameterType != typeof(string) && p.ParameterType.Namespace?.StartsWith("TechSchoolAid", StringComparison.Ordinal) == true);

    private static string Camel(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// The framework's binding failures (query strings, route values, forms) come as English sentences; this turns them into
/// a Chinese detail and the field the client sent, so they read like every other refusal.
/// </summary>
public static partial class BindingErrors
{
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[^" ]+)" from "[^"]*"\.?$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.?$""")]
    private static partial Regex NotProvided();

    [GeneratedRegex("""^Failed to read parameter "(?<type>[^"]+) (?<name>[^" ]+)" from the request body""")]
    private static partial Regex UnreadableBody();

    /// <summary>The detail and, where one is named, the field; null when the message is not a binding failure it knows.</summary>
    public static (string Detail, string? Field)? Describe(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var name = Camel(bind.Groups["name"].Value);
            return ($"参数「{name}」的值无法识别：{Expected(bind.Groups["type"].Value)}", name);
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            var name = Camel(missing.Groups["name"].Value);
            return missing.Groups["source"].Value.Contains("form", StringComparison.Ordinal)
                ? ($"缺少上传文件：请以 multipart/form-data 表单的「{name}」字段上传", name)
                : missing.Groups["source"].Value.Contains("body", StringComparison.Ordinal)
                    ? ("缺少请求内容：请以 JSON 提交", null)
                    : ($"缺少必填参数「{name}」", name);
        }

        if (UnreadableBody().Match(message) is { Success: true })
        {
            return ("请求内容无法解析：请以 JSON 提交（Content-Type: application/json）", null);
        }

        if (message.StartsWith("Expected a supported form media type", StringComparison.Ordinal) || message.StartsWith("Failed to read the request form", StringComparison.Ordinal))
        {
            return ("上传内容无法解析：请以 multipart/form-data 表单上传文件", "file");
        }

        return null;
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" or "short" => "应为整数",
        "DateOnly" or "DateTime" or "DateTimeOffset" => "应为 yyyy-MM-dd 格式的日期",
        "Guid" => "应为有效的编号（GUID）",
        "bool" or "Boolean" => "应为 true 或 false",
        "decimal" or "double" => "应为数字",
        _ => "不是有效的取值",
    };

    private static string Camel(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// Answers the framework writes itself, without an exception (415 for a form sent as JSON, 404 and 405 from routing, 401
/// and 403 from authorization), get a Chinese title and detail like every other problem.
/// </summary>
public static class ChineseStatusProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is >= 500 && context.Exception is not null and not Kernel.Errors.AppException)
        {
            // An unexpected error: nothing internal, only the reference number the log carries.
            var reference = ErrorReference.Of(context.HttpContext);
            (problem.Title, problem.Detail) = ("服务器内部错误", $"系统处理请求时出现意外错误，请稍后重试；如问题仍然存在，请把参考编号 {reference} 告知系统管理员。");
            problem.Extensions["reference"] = reference;
            return;
        }

        if (context.Exception is not null || problem.Detail is not null || problem.Status is not { } status)
        {
            return;
        }

        (string Title, string Detail)? text = status switch
        {
            400 => ("请求无效", "请求无法处理，请检查参数"),
            401 => ("未登录", "请先登录或提供有效的访问令牌"),
            403 => ("无权操作", "您的角色没有此权限"),
            404 => ("未找到", "请求的地址或数据不存在"),
            405 => ("不支持的请求方法", "该地址不支持此请求方法"),
            413 => ("文件过大", "上传内容超过大小限制"),
            // Every upload endpoint takes its file in the form field "file".
            415 => ("不支持的内容类型", "请求的内容类型不被接受：上传文件请以 multipart/form-data 表单的「file」字段提交，其他请求请以 JSON（application/json）提交"),
            _ => null,
        };
        if (text is null)
        {
            return;
        }

        (problem.Title, problem.Detail) = text.Value;
    }
}
