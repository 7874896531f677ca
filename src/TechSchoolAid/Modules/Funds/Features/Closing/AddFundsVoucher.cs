using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Funds.Contracts;
using TechSchoolAid.Modules.Funds.Domain;

namespace TechSchoolAid.Modules.Funds.Features.Closing;

/// <summary>A voucher as listed: what it is, its file and its SHA-256.</summary>
public sealed record VoucherRow(Guid Id, Guid? BatchId, Guid? CompensationId, VoucherKind Kind, string KindText, string FileName, string ContentType, int Size,
    string Sha256, string? Note, string UploadedBy, DateTime UploadedAt);

/// <summary>
/// FND-2: attaches a voucher (银行回单, 签领名单, 其他) to a payment batch or a waiver compensation of the actor's school. PDF,
/// JPG or PNG, at most 5 MB, decided by the bytes; the name's extension must say the same type (a .pdf that is a PNG or
/// a program is refused). Stored with its SHA-256; the year must be open.
/// </summary>
public sealed class AddFundsVoucher(TsaDbContext db, FundsYearGuard guard, TimeProvider clock)
{
    public const int MaxPerRecord = 20;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/batches/{id:guid}/vouchers", async (Guid id, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] VoucherKind? kind,
                [Microsoft.AspNetCore.Mvc.FromForm] string? note, AddFundsVoucher f, CancellationToken ct) =>
            {
                var added = await f.HandleAsync(id, null, kind, note, file.FileName, await EvidenceUpload.ReadAsync(file, "凭证", ct), ct);
                return TypedResults.Created($"/api/v1/funds/vouchers/{added.Id}", added);
            }).RequireAccess(FundsAccess.Pay).DisableAntiforgery()
            .WithSummary("为发放批次上传凭证（银行回单、签领名单等；PDF/JPG/PNG，按文件内容校验，≤5 MB）")
            .Produces<VoucherRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
        g.MapPost("/compensations/{id:guid}/vouchers", async (Guid id, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] VoucherKind? kind,
                [Microsoft.AspNetCore.Mvc.FromForm] string? note, AddFundsVoucher f, CancellationToken ct) =>
            {
                var added = await f.HandleAsync(null, id, kind, note, file.FileName, await EvidenceUpload.ReadAsync(file, "凭证", ct), ct);
                return TypedResults.Created($"/api/v1/funds/vouchers/{added.Id}", added);
            }).RequireAccess(FundsAccess.Pay).DisableAntiforgery()
            .WithSummary("为免学费补助资金上传凭证（PDF/JPG/PNG，按文件内容校验，≤5 MB）")
            .Produces<VoucherRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);
    }

    public async Task<VoucherRow> HandleAsync(Guid? batchId, Guid? compensationId, VoucherKind? kind, string? note, string fileName, byte[] content, CancellationToken ct)
    {
        db.Actor.Demand(FundsAccess.Pay);
        int schoolId;
        string scopePath;
        int fiscalYear;
        if (batchId is { } b)
        {
            var batch = await db.Set<PaymentBatch>().AsNoTracking().Where(x => x.Id == b).Select(x => new { x.SchoolId, x.ScopePath, x.FiscalYear }).FirstOrDefaultAsync(ct)
                ?? throw AppException.NotFound("发放批次");
            (schoolId, scopePath, fiscalYear) = (batch.SchoolId, batch.ScopePath, batch.FiscalYear);
        }
        else
        {
            var comp = await db.Set<WaiverCompensation>().AsNoTracking().Where(x => x.Id == compensationId).Select(x => new { x.SchoolId, x.ScopePath, x.FiscalYear })
                .FirstOrDefaultAsync(ct) ?? throw AppException.NotFound("免学费补助资金记录");
            (schoolId, scopePath, fiscalYear) = (comp.SchoolId, comp.ScopePath, comp.FiscalYear);
        }

        db.Actor.Demand(FundsAccess.Pay, scopePath);
        if (kind is not { } k || !Enum.IsDefined(k))
        {
            throw AppException.Invalid("kind", "请选择凭证类别（银行回单、签领名单或其他）");
        }

        var text = note?.Trim();
        if (text is { Length: > 200 })
        {
            throw AppException.Invalid("note", "凭证说明不能超过 200 字");
        }

        var declared = DeclaredType(fileName);
        var (name, type, sha) = EvidenceUpload.Check(content, fileName, "凭证");
        if (type != declared)
        {
            throw AppException.Invalid("file", $"凭证的文件内容与扩展名不符（文件名为 {Path.GetExtension(fileName)}，内容是 {TypeName(type)}），请上传真实的 PDF、JPG 或 PNG 文件");
        }

        await guard.EnsureOpenAsync(scopePath, fiscalYear, ct);
        if (await db.Set<FundsVoucher>().CountAsync(v => v.BatchId == batchId && v.CompensationId == compensationId, ct) >= MaxPerRecord)
        {
            throw AppException.Conflict($"每个批次或补助记录最多上传 {MaxPerRecord} 个凭证");
        }

        var voucher = new FundsVoucher(Guid.CreateVersion7(), batchId, compensationId, schoolId, scopePath, fiscalYear, k, name, type, content, sha,
            string.IsNullOrEmpty(text) ? null : text, db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        db.Add(voucher);
        db.Record(FundsAuditActions.VoucherAdded, voucher.Id.ToString(), scopePath, null,
            new { batchId, compensationId, kind = k, file = name, size = content.Length, sha256 = sha }, clock);
        await db.SaveChangesAsync(ct);
        return ToRow(voucher);
    }

    public static VoucherRow ToRow(FundsVoucher v) =>
        new(v.Id, v.BatchId, v.CompensationId, v.Kind, v.Kind.ToChinese(), v.FileName, v.ContentType, v.Size, v.Sha256, v.Note, v.UploadedBy, v.UploadedAtUtc);

    /// <summary>The type the name declares by its extension; a name without one of .pdf, .jpg, .jpeg, .png is refused.</summary>
    public static string DeclaredType(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        _ => throw AppException.Invalid("file", "凭证只能是 PDF、JPG 或 PNG 文件（文件名须以 .pdf、.jpg、.jpeg 或 .png 结尾）"),
    };

    private static string TypeName(string type) => type switch
    {
        "application/pdf" => "PDF",
        "image/jpeg" => "JPG 图片",
        _ => "PNG 图片",
    };
}
