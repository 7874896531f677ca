using System.Security.Cryptography;
using TechSchoolAid.Kernel.Errors;

namespace TechSchoolAid.Kernel.Files;

/// <summary>An accepted evidence file: a safe display name, the type read from its bytes, and its SHA-256.</summary>
public sealed record CheckedUpload(string FileName, string ContentType, string Sha256);

/// <summary>
/// Evidence attached to a change or a measure (STA-1, STA-4): PDF, JPG or PNG, at most 5 MB, the type decided by the
/// bytes and never by the name, the name cut to its last path segment so nothing path-like is stored or shown.
/// </summary>
public static class EvidenceUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <param name="what">What the user calls the file in messages, e.g. 证明材料.</param>
    public static CheckedUpload Check(byte[] content, string? fileName, string what)
    {
        if (content.Length > MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"{what}不能超过 5 MB");
        }

        var type = Sniff(content) ?? throw AppException.Invalid("file", $"只能上传 PDF、JPG 或 PNG 格式的{what}（按文件内容判断）");
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = string.IsNullOrWhiteSpace(name) ? what : name.Length > 200 ? name[^200..] : name;
        return new CheckedUpload(name, type, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;
}
