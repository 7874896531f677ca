using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

public sealed class DataAnswerInput
{
    /// <summary>The value of each number, text or date field by its name (dates as yyyy-MM-dd); file fields are uploaded separately.</summary>
    public Dictionary<string, string?>? Values { get; set; }

    public int? Version { get; set; }
}

/// <summary>
/// A province answers a data request sent to it, or corrects its answer, until the ministry closes the request. An
/// answer after the deadline is accepted and marked late.
/// </summary>
public sealed class AnswerDataRequest(TsaDbContext db, DataRequestReads reads, TimeProvider clock)
{
    public const int MaxTextValue = 2000;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPut("/data-requests/{id:guid}/answer", (Guid id, DataAnswerInput input, AnswerDataRequest f, CancellationToken ct) => f.HandleAsync(id, input, ct))
            .RequireAccess(ReportAccess.Answer)
            .WithSummary("省级填报或更正数据报送（截止后仍可填报，标记为逾期；通知关闭后不能再更正）")
            .Produces<DataRequestDetail>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

    public async Task<DataRequestDetail> HandleAsync(Guid id, DataAnswerInput input, CancellationToken ct)
    {
        var actor = db.Actor;
        actor.Demand(ReportAccess.Answer);
        var (request, recipients) = await reads.LoadAsync(id, track: true, ct);
        var recipient = recipients.FirstOrDefault(r => r.ScopePath == actor.ScopePath) ?? throw AppException.NotFound("数据报送通知");
        actor.Demand(ReportAccess.Answer, recipient.ScopePath);
        if (request.State == DataRequestState.Closed)
        {
            throw AppException.Conflict("该数据报送通知已关闭，不能再填报或更正");
        }

        if (input.Version is { } v && recipient.Answered && v != recipient.Version)
        {
            throw AppException.Conflict("本省的填报已被他人修改，请刷新后重试");
        }

        var values = Check(DataRequestReads.Fields(request), input.Values ?? []);
        var old = recipient.ValuesJson;
        var first = !recipient.Answered;
        var today = clock.Today();
        recipient.Answer(request, DataRequestReads.ValuesJson(values), actor.UserName, clock.GetUtcNow().UtcDateTime, today);
        db.Record(first ? ReportAuditActions.RequestAnswered : ReportAuditActions.RequestCorrected, request.Id.ToString(), recipient.ScopePath,
            old, new { values, late = recipient.Late }, clock);
        await ReportSteps.SaveAsync(db, ct);
        return await reads.DetailAsync(id, today, ct);
    }

    /// <summary>Every number, text and date field answered in its kind; no field the request did not ask; file fields carry no value here.</summary>
    public static Dictionary<string, string?> Check(IReadOnlyList<DataField> fields, IDictionary<string, string?> input)
    {
        var errors = new Dictionary<string, List<string>>();
        foreach (var name in input.Keys.Where(k => fields.All(f => f.Name != k)))
        {
            errors[$"values.{name}"] = [$"通知中没有字段「{Short(name)}」"];
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => f.Kind != DataFieldKind.File))
        {
            var key = $"values.{field.Name}";
            var value = input.TryGetValue(field.Name, out var raw) ? raw?.Trim() ?? "" : "";
            if (value.Length == 0)
            {
                errors[key] = [$"请填写「{field.Name}」"];
                continue;
            }

            switch (field.Kind)
            {
                case DataFieldKind.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                    errors[key] = [$"「{field.Name}」应填写数字"];
                    break;
                case DataFieldKind.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || InputGuard.DateProblem(d) is not null:
                    errors[key] = [$"「{field.Name}」应填写日期（如 2026-03-31）"];
                    break;
                case DataFieldKind.Text when InputGuard.TextProblem(value, MaxTextValue) is { } problem:
                    errors[key] = [$"「{field.Name}」{problem}"];
                    break;
                default:
                    values[field.Name] = value;
                    break;
            }
        }

        InputGuard.ThrowIfAny(errors);
        return values;
    }

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
