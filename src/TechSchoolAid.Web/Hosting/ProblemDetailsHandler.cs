using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Web.Hosting;

/// <summary>Every refused request answers RFC 9457 problem details with a Chinese title and detail; never a 500 for bad input.</summary>
public sealed class ProblemDetailsHandler(IProblemDetailsService problems, ILogger<ProblemDetailsHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            AppException a => ((int)a.Kind, TitleOf(a.Kind), a.Message, a.Errors),
            BadHttpRequestException b when b.StatusCode == 413 => (413, "文件过大", "上传内容超过大小限制", null),
            BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } => (400, "请求格式错误", "字段格式不正确：请检查类型与日期格式（yyyy-MM-dd）",
                (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]> { [FieldOf(path)] = ["格式不正确"] }),
            BadHttpRequestException b when BindingErrors.Describe(b) is { } d => (b.StatusCode, "请求格式错误", d.Detail, d.Field is null ? null : new Dictionary<string, string[]> { [d.Field] = [d.Detail] }),
            BadHttpRequestException b => (b.StatusCode, "请求格式错误", "请求内容无法解析：请检查 JSON 字段类型与日期格式（yyyy-MM-dd）", null),
            // Another writer changed the row between this request's read and its write (optimistic concurrency, ADR 0015).
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, TitleOf(ErrorKind.Conflict), Kernel.Data.VersionPreconditions.StaleMessage, null),
            AntiforgeryValidationException => (400, "请求已过期", "页面已过期或缺少防伪令牌，请刷新页面后重试", null),
            _ => (0, "", "", null),
        };
        if (status == 0)
        {
            log.LogError(exception, "Unhandled error on {Path}, reference {Reference}", http.Request.Path, ErrorReference.Of(http));
            return false;
        }

        http.Response.StatusCode = status;
        var problem = errors is { Count: > 0 }
            ? new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status, Title = title, Detail = detail }
            : new ProblemDetails { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>"$.birthDate" → "birthDate": the same key the validation errors use.</summary>
    private static string FieldOf(string jsonPath) => jsonPath.TrimStart('$', '.');

    public static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "输入有误",
        ErrorKind.Forbidden => "无权操作",
        ErrorKind.NotFound => "未找到",
        ErrorKind.Conflict => "与现有数据冲突",
        ErrorKind.TooLarge => "文件过大",
        ErrorKind.PreconditionRequired => "缺少版本号",
        _ => "请求无效",
    };
}
