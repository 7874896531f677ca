using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

public sealed record DataFieldView(string Name, DataFieldKind Kind, string KindText);

public sealed record DataFileView(Guid Id, string Field, string FileName, string ContentType, int Size, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>One province's answer: "open" (not yet answered), "overdue" (not answered after the deadline), "answered" or "late" (answered after it).</summary>
public sealed record RecipientView(
    string ProvinceCode,
    string ProvinceName,
    string State,
    string StateText,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyList<DataFileView> Files,
    string? AnsweredBy,
    DateTime? AnsweredAtUtc,
    bool Late,
    int Corrections,
    int Version);

public sealed record DataRequestSummary(Guid Id, string Title, DateOnly DueOn, string State, string StateText, int Recipients, int Answered, int Late, DateTime CreatedAtUtc, string? MyState, string? MyStateText);

public sealed record DataRequestDetail(
    Guid Id,
    string Title,
    string Description,
    IReadOnlyList<DataFieldView> Fields,
    DateOnly DueOn,
    string State,
    string StateText,
    string CreatedBy,
    DateTime CreatedAtUtc,
    IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<string> Actions);

/// <summary>Reading requests and answers: a province reaches a request only through its own recipient row (404 otherwise).</summary>
public sealed class DataRequestReads(TsaDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KindText(DataFieldKind kind) => kind switch
    {
        DataFieldKind.Number => "数字",
        DataFieldKind.Text => "文字",
        DataFieldKind.Date => "日期",
        DataFieldKind.File => "文件",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<DataField> Fields(DataRequest r) => JsonSerializer.Deserialize<List<DataField>>(r.FieldsJson, Json) ?? [];

    public static string FieldsJson(IEnumerable<DataField> fields) => JsonSerializer.Serialize(fields, Json);

    public static Dictionary<string, string?> Values(DataRequestRecipient r) =>
        r.ValuesJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(r.ValuesJson, Json) ?? [];

    public static string ValuesJson(IDictionary<string, string?> values) => JsonSerializer.Serialize(values, Json);

    public static (string State, string Text) StateOf(DataRequestRecipient r, DataRequest request, DateOnly today) =>
        r.Answered ? (r.Late ? ("late", "逾期填报") : ("answered", "已填报"))
        : today > request.DueOn ? ("overdue", "逾期未填报") : ("open", "待填报");

    /// <summary>The request, for the ministry; for a province only when it was sent to it (404 otherwise, its existence not confirmed).</summary>
    public async Task<(DataRequest Request, List<DataRequestRecipient> Recipients)> LoadAsync(Guid id, bool track, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.View);
        var recipientsQuery = track ? db.Set<DataRequestRecipient>() : db.Set<DataRequestRecipient>().AsNoTracking();
        var recipients = await recipientsQuery.Where(r => r.RequestId == id).OrderBy(r => r.ProvinceCode).ToListAsync(ct);
        if (db.Actor.Level != OrgLevel.Ministry && recipients.Count == 0)
        {
            throw AppException.NotFound("数据报送通知");
        }

        var requests = track ? db.Set<DataRequest>() : db.Set<DataRequest>().AsNoTracking();
        var request = await requests.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AppException.NotFound("数据报送通知");
        return (request, recipients);
    }

    public async Task<DataRequestDetail> DetailAsync(Guid id, DateOnly today, CancellationToken ct)
    {
        var (request, recipients) = await LoadAsync(id, track: false, ct);
        var recipientIds = recipients.Select(r => r.Id).ToList();
        var files = await db.Set<DataRequestFile>().AsNoTracking().Where(f => recipientIds.Contains(f.RecipientId)).OrderBy(f => f.UploadedAtUtc)
            .Select(f => new { f.RecipientId, View = new DataFileView(f.Id, f.Field, f.FileName, f.ContentType, f.Content.Length, f.Sha256, f.UploadedBy, f.UploadedAtUtc) })
            .ToListAsync(ct);
        var actor = db.Actor;
        var actions = new List<string>();
        if (request.State == DataRequestState.Open)
        {
            actions.AddRange(actor.ActionsOn(request.ScopePath, ReportAccess.ManageRequests));
            if (recipients.Count == 1)
            {
                actions.AddRange(actor.ActionsOn(recipients[0].ScopePath, ReportAccess.Answer));
            }
        }

        return new DataRequestDetail(request.Id, request.Title, request.Description,
            Fields(request).Select(f => new DataFieldView(f.Name, f.Kind, KindText(f.Kind))).ToList(), request.DueOn,
            request.State == DataRequestState.Open ? "open" : "closed", request.State == DataRequestState.Open ? "收集中" : "已关闭",
            request.CreatedBy, request.CreatedAtUtc,
            recipients.Select(r =>
            {
                var (state, text) = StateOf(r, request, today);
                return new RecipientView(r.ProvinceCode, r.ProvinceName, state, text, Values(r), files.Where(f => f.RecipientId == r.Id).Select(f => f.View).ToList(),
                    r.AnsweredBy, r.AnsweredAtUtc, r.Late, r.Corrections, r.Version);
            }).ToList(), actions);
    }
}
