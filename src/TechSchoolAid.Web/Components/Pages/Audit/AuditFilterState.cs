using TechSchoolAid.Modules.Audit.Features;

namespace TechSchoolAid.Web.Components.Pages.Audit;

/// <summary>What the audit page's filter bar holds, turned into an <see cref="AuditFilter"/> for each load.</summary>
public sealed class AuditFilterState
{
    public string? Person { get; set; }

    public string? School { get; set; }

    public string? Student { get; set; }

    public string? Action { get; set; }

    /// <summary>One exact account (a click on a row's person).</summary>
    public string? Actor { get; set; }

    /// <summary>One object (a click on a row's object, or ?subject= in the address).</summary>
    public string? SubjectId { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public void Clear()
    {
        Person = School = Student = Action = Actor = SubjectId = null;
        From = To = null;
    }

    public AuditFilter ToFilter(int page, int pageSize) => new()
    {
        Person = Person,
        School = School,
        Student = Student,
        Action = Action is { Length: > 0 } a && a[0] != '#' ? a : null,
        Actor = Actor,
        SubjectId = SubjectId,
        From = From is { } f ? DateOnly.FromDateTime(f) : null,
        To = To is { } t ? DateOnly.FromDateTime(t) : null,
        Page = page,
        PageSize = pageSize,
    };
}
