using System.Globalization;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Features;

namespace TechSchoolAid.Web.Components.Pages.Students;

/// <summary>What the student list's filter bar holds: the same filter for the table, the export link and a reset.</summary>
public sealed class StudentListFilters
{
    public string? Search { get; set; }

    public RegistrationState? State { get; set; }

    /// <summary>The enrolment status (在籍, 休学, 退学 …).</summary>
    public EnrolmentStatus? Status { get; set; }

    public int? IntakeYear { get; set; }

    public IntakeSeason? Season { get; set; }

    public string? ClassName { get; set; }

    public string? SchoolCode { get; set; }

    public void Reset()
    {
        Search = ClassName = SchoolCode = null;
        State = null;
        Status = null;
        IntakeYear = null;
        Season = null;
    }

    /// <summary>The query's filter; a school user always sees its own school.</summary>
    public StudentFilter ToFilter(string? ownSchool, int page = 1, int pageSize = 50) => new()
    {
        SchoolCode = ownSchool ?? Blank(SchoolCode),
        Search = Blank(Search),
        State = State,
        Status = Status,
        IntakeYear = IntakeYear,
        IntakeSeason = Season,
        ClassName = Blank(ClassName),
        Page = page,
        PageSize = pageSize,
    };

    /// <summary>The Excel export of the same filter, as a plain download link.</summary>
    public string ExportUrl(string? ownSchool)
    {
        var f = ToFilter(ownSchool);
        var query = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                query.Add($"{key}={Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!)}");
            }
        }

        Add("schoolCode", f.SchoolCode);
        Add("search", f.Search);
        Add("state", f.State);
        Add("status", f.Status);
        Add("intakeYear", f.IntakeYear);
        Add("intakeSeason", f.IntakeSeason);
        Add("className", f.ClassName);
        return "/api/v1/students/export" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
