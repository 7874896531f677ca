using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Files;

/// <summary>A stored evidence file as it is served: every module's evidence download returns this one type.</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content)
{
    /// <summary>The download, under the safe name (<see cref="EvidenceUpload.SafeName"/>), never the stored one as it is.</summary>
    public FileContentHttpResult ToResult(string what = "证明材料") =>
        TypedResults.File(Content, ContentType, EvidenceUpload.SafeName(FileName, ContentType, what));
}

/// <summary>An accepted evidence file: a safe display name, the type read from its bytes, and its SHA-256.</summary>
public sealed record CheckedUpload(string FileName, string ContentType, string Sha256);

/// <summary>
/// Evidence attached to a change or a measure (STA-1, STA-4): PDF, JPG or PNG, at most 5 MB, the type decided by the
/// bytes and never by the name. The stored and served name is chosen here: the extension always comes from the detected
/// type, and of the uploaded name only letters, digits and a few harmless marks of its stem are kept, so 证明.bat,
/// note.html or a name with U+202E cannot come back as something a browser or Windows would run or render.
/// </summary>
public static class EvidenceUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>
    /// The one upload reader: refuses a file over <see cref="MaxBytes"/> with 413 before reading it, then reads it whole
    /// (the content is checked by <see cref="Check"/> in the feature, which owns the transaction).
    /// </summary>
    /// <param name="what">What the user calls the file in messages, e.g. 证明材料.</param>
    public static async Task<byte[]> ReadAsync(IFormFile file, string what, CancellationToken ct)
    {
        if (file.Length > MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"{what}不能超过 5 MB");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <param name="what">What the user calls the file in messages, e.g. 证明材料.</param>
    public static CheckedUpload Check(byte[] content, string? fileName, string what)
    {
        if (content.Length > MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"{what}不能超过 5 MB");
        }

        var type = Sniff(content) ?? throw AppException.Invalid("file", $"只能上传 PDF、JPG 或 PNG 格式的{what}（按文件内容判断）");
        return new CheckedUpload(SafeName(fileName, type, what), type, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    /// <summary>
    /// The name a file is stored and served under: the uploaded stem reduced to letters, digits, spaces and <c>-_()（）</c>
    /// (at most 60), or <paramref name="what"/> when nothing is left, plus the extension of the detected type. Applied
    /// again when serving, so rows stored before this rule are served safely too.
    /// </summary>
    public static string SafeName(string? fileName, string contentType, string what = "证明材料")
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            _ => ".bin",
        };
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var kept = new string(stem.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '(' or ')' or '（' or '）').Take(60).ToArray()).Trim();
        return (kept.Length == 0 ? what : kept) + extension;
    }

    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;
}
