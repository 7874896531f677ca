using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Inspections.Contracts;
using TechSchoolAid.Modules.Organizations.Contracts;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;
using TechSchoolAid.Modules.Standards.Features.Brochures;
using TechSchoolAid.Modules.Standards.Features.Oversight;
using TechSchoolAid.Modules.Standards.Features.Rules;
using TechSchoolAid.Modules.Standards.Features.Staff;

namespace TechSchoolAid.Modules.Standards.Features.Overview;

/// <summary>One school's line in an authority's list: the four items and what is missing.</summary>
public sealed record SchoolStandardsRow(string SchoolCode, string SchoolName, int RulesCurrent, int StaffCurrent, int StaffTrained, string? Intake,
    BrochureStatus? BrochureStatus, string BrochureText, IReadOnlyList<string> MissingKeys, IReadOnlyList<string> MissingItems);

/// <summary>A staff member with the trainings on record.</summary>
public sealed record StaffWithTrainings(AidStaffRow Staff, IReadOnlyList<StaffTrainingRow> Trainings);

/// <summary>One school's standards page: the four facts, its rules, staff with their trainings, brochures, and what the caller may do.</summary>
public sealed record SchoolStandardsView(string SchoolCode, string SchoolName, IReadOnlyList<ComplianceFact> Facts, IReadOnlyList<AidRuleRow> Rules,
    IReadOnlyList<StaffWithTrainings> Staff, IReadOnlyList<BrochureView> Brochures, IReadOnlyList<string> Actions);

/// <summary>INS-2: a school's standards (rules, staff, training, brochures and the missing items), and an authority's list of its schools, filterable by missing item.</summary>
public sealed class StandardsOverview(TsaDbContext db, SchoolDirectory schools, StandardsFacts facts, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/schools", (string? missing, string? q, StandardsOverview f, CancellationToken ct) => f.SchoolsAsync(missing, q, ct))
            .RequireAccess(StandardsAccess.View)
            .WithSummary("本范围内学校的资助工作规范化情况（制度、人员、培训、招生简章；missing=aid-rules|aid-staff|training|brochure|any 只列缺项学校）")
            .Produces<IReadOnlyList<SchoolStandardsRow>>().ProducesProblem(400).ProducesProblem(403);
        g.MapGet("/schools/{schoolCode}", (string schoolCode, StandardsOverview f, CancellationToken ct) => f.SchoolAsync(schoolCode, ct))
            .RequireAccess(StandardsAccess.View)
            .WithSummary("一所学校的资助工作制度、资助工作人员及培训、招生简章和缺项")
            .Produces<SchoolStandardsView>().ProducesProblem(403).ProducesProblem(404);
    }

    public const int MaxRows = 2000;

    public async Task<IReadOnlyList<SchoolStandardsRow>> SchoolsAsync(string? missing, string? search, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        if (missing is not null && missing != "any" && SchoolStanding.Items.All(i => i.Key != missing))
        {
            throw AppException.Invalid("missing", "缺项筛选只能是 aid-rules、aid-staff、training、brochure 或 any");
        }

        var text = StandardsSteps.Optional(search, "q", "搜索内容", 50);
        var standings = await facts.StandingsAsync(null, null, clock.Today(), ct);
        return standings
            .Where(s => missing is null || (missing == "any" ? s.MissingKeys.Count > 0 : !s.Met(missing)))
            .Where(s => text is null || s.Code.Contains(text, StringComparison.Ordinal) || s.Name.Contains(text, StringComparison.Ordinal))
            .Take(MaxRows).Select(ToRow).ToList();
    }

    public static SchoolStandardsRow ToRow(SchoolStanding s) =>
        new(s.Code, s.Name, s.RulesCurrent, s.StaffCurrent, s.StaffTrained, s.Intake, s.Brochure, s.Brochure?.ToChinese() ?? "未上传", s.MissingKeys,
            SchoolStanding.Items.Where(i => s.MissingKeys.Contains(i.Key)).Select(i => i.Name).ToList());

    public async Task<SchoolStandardsView> SchoolAsync(string schoolCode, CancellationToken ct)
    {
        db.Actor.Demand(StandardsAccess.View);
        var school = await schools.ForReadAsync(schoolCode, ct);
        var today = clock.Today();
        var standing = (await facts.StandingsAsync([school.Code], null, today, ct)).Single();
        var rules = await db.Set<AidRuleDocument>().AsNoTracking().Where(r => r.SchoolCode == school.Code)
            .OrderBy(r => r.Status).ThenBy(r => r.Kind).ThenByDescending(r => r.AdoptedOn).ToListAsync(ct);
        var staff = await db.Set<AidStaffMember>().AsNoTracking().Where(s => s.SchoolCode == school.Code).OrderBy(s => s.EndedOn != null).ThenBy(s => s.AppointedOn).ToListAsync(ct);
        var trainings = (await db.Set<StaffTraining>().AsNoTracking().Where(t => t.SchoolCode == school.Code).OrderByDescending(t => t.CompletedOn)
            .Select(t => new { t.Id, t.StaffId, t.Source, t.TrainingId, t.Title, t.Organizer, t.CompletedOn, t.Hours, HasCertificate = t.CertificateName != null }).ToListAsync(ct))
            .ToLookup(t => t.StaffId);
        var brochures = await db.Set<Brochure>().AsNoTracking().Where(b => b.SchoolId == school.Id).OrderByDescending(b => b.Year).ThenByDescending(b => b.Season).ToListAsync(ct);
        return new SchoolStandardsView(school.Code, school.Name, standing.Facts(), rules.Select(AddAidRule.ToRow).ToList(),
            staff.Select(s =>
            {
                var list = trainings[s.Id].Select(t => new StaffTrainingRow(t.Id, t.StaffId, t.Source, t.Source.ToChinese(), t.TrainingId, t.Title, t.Organizer, t.CompletedOn,
                    t.Hours, t.HasCertificate)).ToList();
                return new StaffWithTrainings(AddAidStaff.ToRow(s, today, list.Count == 0 ? null : list.Max(t => t.CompletedOn)), list);
            }).ToList(),
            brochures.Select(b => BrochureView.Of(b, db.Actor)).ToList(), db.Actor.ActionsOn(school.ScopePath, StandardsAccess.Keep));
    }
}
