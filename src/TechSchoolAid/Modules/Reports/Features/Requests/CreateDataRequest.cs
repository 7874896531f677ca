using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Reports.Contracts;
using TechSchoolAid.Modules.Reports.Domain;

namespace TechSchoolAid.Modules.Reports.Features.Requests;

public sealed class DataFieldInput
{
    public string? Name { get; set; }

    public DataFieldKind? Kind { get; set; }
}

public sealed class DataRequestInput
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public List<DataFieldInput>? Fields { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>The provinces asked; empty or omitted = every province.</summary>
    public List<string>? ProvinceCodes { get; set; }
}

/// <summary>The ministry sends a data request (「相关工作情况及时报我部」): title, description, the fields asked and a deadline, to all or chosen provinces.</summary>
public sealed class CreateDataRequest(TsaDbContext db, DataRequestReads reads, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/data-requests", async (DataRequestInput input, CreateDataRequest f, CancellationToken ct) =>
        {
            var detail = await f.HandleAsync(input, ct);
            return TypedResults.Created($"/api/v1/reports/data-requests/{detail.Id}", detail);
        }).RequireAccess(ReportAccess.ManageRequests)
            .WithSummary("部级发起数据报送通知（标题、说明、所需字段及类型、截止日期；发给全部或指定省份）")
            .Produces<DataRequestDetail>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403);

    public async Task<DataRequestDetail> HandleAsync(DataRequestInput input, CancellationToken ct)
    {
        db.Actor.Demand(ReportAccess.ManageRequests, "/");
        var today = clock.Today();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.ContainsKey(field))
            {
                errors[field] = [message];
            }
        }

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            Add("title", "请填写标题");
        }
        else if (InputGuard.TextProblem(title, DataRequest.MaxTitleLength) is { } p1)
        {
            Add("title", $"标题{p1}");
        }

        var description = input.Description?.Trim() ?? "";
        if (InputGuard.TextProblem(description, DataRequest.MaxDescriptionLength) is { } p2)
        {
            Add("description", $"说明{p2}");
        }

        var fields = new List<DataField>();
        if (input.Fields is not { Count: > 0 })
        {
            Add("fields", "请至少列出一个需要填报的字段");
        }
        else if (input.Fields.Count > DataRequest.MaxFields)
        {
            Add("fields", $"字段不能超过 {DataRequest.MaxFields} 个");
        }
        else
        {
            for (var i = 0; i < input.Fields.Count; i++)
            {
                var f = input.Fields[i];
                var name = f?.Name?.Trim() ?? "";
                if (name.Length == 0)
                {
                    Add($"fields[{i}].name", $"第 {i + 1} 个字段缺少名称");
                }
                else if (InputGuard.TextProblem(name, DataRequest.MaxFieldNameLength) is { } p3)
                {
                    Add($"fields[{i}].name", $"字段名称{p3}");
                }
                else if (fields.Any(x => x.Name == name))
                {
                    Add($"fields[{i}].name", $"字段名称「{name}」重复");
                }

                if (f?.Kind is not { } kind || !Enum.IsDefined(kind))
                {
                    Add($"fields[{i}].kind", $"第 {i + 1} 个字段的类型只能是数字、文字、日期或文件");
                }
                else if (name.Length > 0)
                {
                    fields.Add(new DataField(name, kind));
                }
            }
        }

        if (input.DueOn is not { } dueOn)
        {
            Add("dueOn", "请填写截止日期");
        }
        else if (InputGuard.DateProblem(dueOn) is { } p4)
        {
            Add("dueOn", p4);
        }
        else if (dueOn < today)
        {
            Add("dueOn", $"截止日期不能早于今天（{ChinaTime.Iso(today)}）");
        }

        var provinces = await db.Organizations().Where(o => o.Level == OrgLevel.Province).Select(o => new { o.Id, o.Code, o.Name, o.ScopePath }).ToListAsync(ct);
        var asked = (input.ProvinceCodes ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct().ToList();
        var unknown = asked.Where(c => provinces.All(p => p.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            Add("provinceCodes", $"省份代码不存在：{string.Join("、", unknown.Take(5))}");
        }

        InputGuard.ThrowIfAny(errors);
        var targets = asked.Count == 0 ? provinces : provinces.Where(p => asked.Contains(p.Code)).ToList();
        if (targets.Count == 0)
        {
            throw AppException.Invalid("provinceCodes", "没有可发送的省份");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var request = new DataRequest(Guid.CreateVersion7(), title, description, DataRequestReads.FieldsJson(fields), input.DueOn!.Value, db.Actor.UserName, now);
        db.Add(request);
        foreach (var p in targets)
        {
            db.Add(new DataRequestRecipient(Guid.CreateVersion7(), request.Id, p.Id, p.Code, p.Name, p.ScopePath));
        }

        db.Record(ReportAuditActions.RequestSent, request.Id.ToString(), "/", null,
            new { title, dueOn = ChinaTime.Iso(request.DueOn), fields = fields.Select(f => $"{f.Name}（{DataRequestReads.KindText(f.Kind)}）"), provinces = targets.Select(p => p.Code) }, clock);
        await ReportSteps.SaveAsync(db, ct);
        return await reads.DetailAsync(request.Id, today, ct);
    }
}
