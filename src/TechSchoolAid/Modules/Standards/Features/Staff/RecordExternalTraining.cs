using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Files;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Audit;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Staff;

/// <summary>One training of a staff member as listed.</summary>
public sealed record StaffTrainingRow(Guid Id, Guid StaffId, TrainingSource Source, string SourceText, Guid? TrainingId, string Title, string Organizer,
    DateOnly CompletedOn, int Hours, bool HasCertificate);

public sealed record ExternalTrainingInput(string? Title, string? Organizer, DateOnly? CompletedOn, int? Hours);

/// <summary>
/// INS-2: a school records a training one of its current staff took outside the province's own trainings (e.g. a
/// ministry or city training), with the certificate (PDF or image, by its bytes). It counts for the training item as a
/// province training does. Audited.
/// </summary>
public sealed class RecordExternalTraining(TsaDbContext db, StandardsSteps steps, TimeProvider clock)
{
    public const int MaxHours = 200;

    public static void Map(RouteGroupBuilder g) =>
        g.MapPost("/staff/{id:guid}/trainings", async (Guid id, IFormFile file, [FromForm] string? title, [FromForm] string? organizer, [FromForm] DateOnly? completedOn,
                [FromForm] int? hours, RecordExternalTraining f, CancellationToken ct) =>
            {
                var row = await f.HandleAsync(id, new ExternalTrainingInput(title, organizer, completedOn, hours), file.FileName, await EvidenceUpload.ReadAsync(file, "培训证书", ct), ct);
                return TypedResults.Created($"/api/v1/standards/staff-trainings/{row.Id}", row);
            }).RequireAccess(StandardsAccess.Keep).DisableAntiforgery()
            .WithSummary("学校登记资助工作人员参加的外部培训（名称、举办单位、结业日期、学时、培训证书：PDF/图片）")
            .Produces<StaffTrainingRow>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

    public async Task<StaffTrainingRow> HandleAsync(Guid staffId, ExternalTrainingInput input, string? fileName, byte[] content, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.Keep);
        var member = await db.Set<AidStaffMember>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct) ?? throw AppException.NotFound("资助工作人员");
        db.Actor.Demand(StandardsAccess.Keep, member.ScopePath);
        var title = StandardsSteps.Required(input.Title, "title", "培训名称", 100);
        var organizer = StandardsSteps.Required(input.Organizer, "organizer", "举办单位", 100);
        var completed = StandardsSteps.Date(input.CompletedOn, "completedOn", "结业日期");
        var today = clock.Today();
        if (completed > today)
        {
            throw AppException.Invalid("completedOn", $"结业日期不能晚于今天（{ChinaTime.Iso(today)}）");
        }

        if (input.Hours is not { } hours || hours < 1 || hours > MaxHours)
        {
            throw AppException.Invalid("hours", $"学时须为 1 至 {MaxHours} 之间的整数");
        }

        var upload = StandardsSteps.PdfOrImage(content, fileName, "培训证书");
        var record = new StaffTraining(Guid.CreateVersion7(), member.Id, member.SchoolCode, member.ScopePath, TrainingSource.External, null, title, organizer, completed, hours,
            db.Actor.UserName, clock.GetUtcNow().UtcDateTime);
        record.AttachCertificate(upload.FileName, upload.ContentType, content, upload.Sha256);
        db.Add(record);
        db.Record(StandardsAuditActions.ExternalTrainingRecorded, member.Id.ToString(), member.ScopePath, null,
            new { staff = member.Name, title, organizer, completedOn = ChinaTime.Iso(completed), hours, certificate = upload.FileName, sha256 = upload.Sha256 }, clock);
        await steps.SaveAsync(ct);
        return ToRow(record);
    }

    public static StaffTrainingRow ToRow(StaffTraining t) =>
        new(t.Id, t.StaffId, t.Source, t.Source.ToChinese(), t.TrainingId, t.Title, t.Organizer, t.CompletedOn, t.Hours, t.CertificateName is not null);
}
