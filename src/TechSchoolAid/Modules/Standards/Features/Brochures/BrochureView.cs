using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Standards.Contracts;
using TechSchoolAid.Modules.Standards.Domain;

namespace TechSchoolAid.Modules.Standards.Features.Brochures;

/// <summary>A brochure as the API and the pages show it: its intake, file, checklist, state and the actions the caller may take on it.</summary>
public sealed record BrochureView(Guid Id, string SchoolCode, string SchoolName, int Year, IntakeSeason Season, string Intake, string? FileName, string? ContentType, int Size,
    bool StatesWaiver, string? WaiverPage, bool StatesGrant, string? GrantPage, bool StatesHotline, string? HotlinePage, IReadOnlyList<string> MissingItems,
    BrochureStatus Status, string StatusText, string? SubmittedBy, DateTime? SubmittedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? ReturnReason, int Returns,
    int Version, IReadOnlyList<string> Actions)
{
    /// <summary>Names of the actions: "edit" and "submit" for the school while draft or returned, "review" for the direct supervisor while submitted.</summary>
    public static BrochureView Of(Brochure b, Actor actor) => Of(Head(b), actor);

    public static BrochureHead Head(Brochure b) =>
        new(b.Id, b.SchoolCode, b.SchoolName, b.ScopePath, b.Year, b.Season, b.FileName, b.ContentType, b.Size, b.StatesWaiver, b.WaiverPage, b.StatesGrant, b.GrantPage,
            b.StatesHotline, b.HotlinePage, b.Status, b.SubmittedBy, b.SubmittedAtUtc, b.DecidedBy, b.DecidedAtUtc, b.ReturnReason, b.Returns, b.Version);

    public static BrochureView Of(BrochureHead b, Actor actor)
    {
        var hasFile = b.Size > 0;
        var actions = new List<string>();
        if (b.Status is BrochureStatus.Draft or BrochureStatus.Returned && actor.May(StandardsAccess.Keep, b.ScopePath))
        {
            actions.Add("edit");
            if (hasFile)
            {
                actions.Add("submit");
            }
        }

        if (b.Status == BrochureStatus.Submitted)
        {
            actions.AddRange(actor.ActionsOn(b.ScopePath, StandardsAccess.ReviewBrochure));
        }

        return new BrochureView(b.Id, b.SchoolCode, b.SchoolName, b.Year, b.Season, StandardsText.Intake(b.Year, b.Season), hasFile ? b.FileName : null,
            hasFile ? b.ContentType : null, b.Size, b.StatesWaiver, b.WaiverPage, b.StatesGrant, b.GrantPage, b.StatesHotline, b.HotlinePage,
            Brochure.Missing(b.StatesWaiver, b.WaiverPage, b.StatesGrant, b.GrantPage, b.StatesHotline, b.HotlinePage).Select(m => m.Name).ToList(),
            b.Status, b.Status.ToChinese(), b.SubmittedBy, b.SubmittedAtUtc, b.DecidedBy, b.DecidedAtUtc, b.ReturnReason, b.Returns, b.Version, actions);
    }

    public string SubmittedAtText => ChinaTime.Format(SubmittedAtUtc);

    public string DecidedAtText => ChinaTime.Format(DecidedAtUtc);
}

/// <summary>A brochure without its file's content, as lists read it.</summary>
public sealed record BrochureHead(Guid Id, string SchoolCode, string SchoolName, string ScopePath, int Year, IntakeSeason Season, string FileName, string ContentType, int Size,
    bool StatesWaiver, string? WaiverPage, bool StatesGrant, string? GrantPage, bool StatesHotline, string? HotlinePage, BrochureStatus Status, string? SubmittedBy,
    DateTime? SubmittedAtUtc, string? DecidedBy, DateTime? DecidedAtUtc, string? ReturnReason, int Returns, int Version);
