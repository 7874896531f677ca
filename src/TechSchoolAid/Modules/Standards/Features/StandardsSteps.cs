using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;

namespace TechSchoolAid.Modules.Standards.Features;

/// <summary>The steps every Standards use case shares: checked text, phone numbers, files by their bytes, saving with 409 on a concurrent change.</summary>
public sealed partial class StandardsSteps(TsaDbContext db)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string DocType = "application/msword";

    /// <summary>Saves; a concurrent change or a duplicate answers 409 in Chinese.</summary>
    public async Task SaveAsync(CancellationToken ct, string duplicate = "该记录已存在，请刷新后重试")
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw AppException.Conflict("数据刚被其他用户修改或审核，请刷新后重试");
        }
        catch (DbUpdateException ex) when (ex.InnerException is not null && IsUnique(ex))
        {
            throw AppException.Conflict(duplicate);
        }
    }

    private static bool IsUnique(DbUpdateException ex) =>
        UniqueIndex.IsViolation(ex, "IX_standards_brochures_SchoolId_Year_Season", "standards_brochures.SchoolId")
        || UniqueIndex.IsViolation(ex, "IX_standards_staff_trainings_TrainingId_StaffId", "standards_staff_trainings.TrainingId")
        || UniqueIndex.IsViolation(ex, "IX_standards_policies_ProvinceCode_ValidFrom", "standards_policies.ProvinceCode");

    /// <summary>Required text: trimmed, not empty, at most <paramref name="max"/> characters, no control or direction characters.</summary>
    public static string Required(string? value, string field, string label, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw AppException.Invalid(field, $"请填写{label}");
        }

        return Checked(text, field, label, max);
    }

    /// <summary>Optional text: null when empty, else checked as <see cref="Required"/>.</summary>
    public static string? Optional(string? value, string field, string label, int max)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null : Checked(text, field, label, max);
    }

    private static string Checked(string text, string field, string label, int max)
    {
        if (InputGuard.TextProblem(text, max) is { } problem)
        {
            throw AppException.Invalid(field, $"{label}{problem}");
        }

        return text;
    }

    public static DateOnly Date(DateOnly? value, string field, string label)
    {
        if (value is not { } d)
        {
            throw AppException.Invalid(field, $"请填写{label}");
        }

        if (InputGuard.DateProblem(d) is { } problem)
        {
            throw AppException.Invalid(field, $"{label}{problem}");
        }

        return d;
    }

    public static TEnum Enum<TEnum>(TEnum? value, string field, string label)
        where TEnum : struct, Enum
    {
        if (value is not { } v || !System.Enum.IsDefined(v))
        {
            throw AppException.Invalid(field, $"请选择{label}");
        }

        return v;
    }

    /// <summary>A mainland mobile (11 digits from 13–19) or a landline with its area code (0 + 2–3 digits, 7–8 digits, a hyphen allowed); spaces and hyphens are dropped.</summary>
    public static string Phone(string? value, string field = "phone")
    {
        var digits = (value ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.Length == 0)
        {
            throw AppException.Invalid(field, "请填写联系电话");
        }

        if (!MobileOrLandline().IsMatch(digits))
        {
            throw AppException.Invalid(field, "联系电话格式不正确：请填写11位手机号码（如 13812341234）或带区号的固定电话（如 020-12345678）");
        }

        return digits;
    }

    /// <summary>The phone as shown: the first three and the last four digits (138****1234).</summary>
    public static string MaskPhone(string digits) => digits.Length < 8 ? "****" : digits[..3] + "****" + digits[^4..];

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}\d{7,8})$")]
    private static partial Regex MobileOrLandline();

    /// <summary>A document (an aid rule): PDF, JPG, PNG or Word (.docx, .doc), decided by the bytes; the stored name gets the extension of the detected type.</summary>
    public static CheckedUpload Document(byte[] content, string? fileName, string what)
    {
        if (content.Length == 0)
        {
            throw AppException.Invalid("file", $"请上传{what}文件");
        }

        if (EvidenceUpload.Sniff(content) is not null)
        {
            return EvidenceUpload.Check(content, fileName, what);
        }

        if (content.Length > EvidenceUpload.MaxBytes)
        {
            throw new AppException(ErrorKind.TooLarge, $"{what}不能超过 5 MB");
        }

        var type = WordType(content) ?? throw AppException.Invalid("file", $"{what}只能是 PDF、图片（JPG/PNG）或 Word 文档（按文件内容判断）");
        var name = EvidenceUpload.SafeName(fileName, type, what);
        name = name[..^4] + (type == DocxType ? ".docx" : ".doc");
        return new CheckedUpload(name, type, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    /// <summary>A brochure or a certificate: PDF or image only, decided by the bytes (a Word file or a program named .pdf is refused).</summary>
    public static CheckedUpload PdfOrImage(byte[] content, string? fileName, string what)
    {
        if (content.Length == 0)
        {
            throw AppException.Invalid("file", $"请上传{what}文件");
        }

        if (EvidenceUpload.Sniff(content) is null)
        {
            throw AppException.Invalid("file", $"{what}只能是 PDF 或图片（JPG/PNG）文件（按文件内容判断，不看文件名）");
        }

        return EvidenceUpload.Check(content, fileName, what);
    }

    private static string? WordType(byte[] content)
    {
        ReadOnlySpan<byte> ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if (content.AsSpan().StartsWith(ole))
        {
            return DocType;
        }

        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return null;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null ? DocxType : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The province code of a scope path ("/44/4401/44010004/" → "44").</summary>
    public static string ProvinceOf(string scopePath)
    {
        var parts = scopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "" : parts[0];
    }
}
