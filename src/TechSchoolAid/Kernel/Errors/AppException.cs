namespace TechSchoolAid.Kernel.Errors;

/// <summary>How a refused request maps onto HTTP and onto the screen.</summary>
public enum ErrorKind
{
    Validation = 400,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    TooLarge = 413,

    /// <summary>An edit or decision sent without the version it was based on (If-Match).</summary>
    PreconditionRequired = 428,
}

/// <summary>
/// A request the domain refuses. The message is Chinese and safe to show to the user; <see cref="Errors"/> are keyed by
/// the JSON field name of the request so the API's problem details and the form can point at the same field.
/// </summary>
public class AppException : Exception
{
    public AppException(ErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public AppException()
        : this(ErrorKind.Validation, "请求无效")
    {
    }

    public AppException(string message)
        : this(ErrorKind.Validation, message)
    {
    }

    public AppException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ErrorKind.Validation;
        Errors = new Dictionary<string, string[]>();
    }

    public ErrorKind Kind { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static AppException Invalid(string field, string message) =>
        new(ErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [message] });

    public static AppException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorKind.Validation, errors.Values.SelectMany(v => v).FirstOrDefault() ?? "输入有误", errors);

    public static AppException NotFound(string what) => new(ErrorKind.NotFound, $"{what}不存在或不在您的管理范围内");

    public static AppException Forbidden(string message = "超出您的数据权限范围") => new(ErrorKind.Forbidden, message);

    public static AppException Conflict(string message) => new(ErrorKind.Conflict, message);
}
