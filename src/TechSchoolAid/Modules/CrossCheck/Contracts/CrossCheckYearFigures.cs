namespace TechSchoolAid.Modules.CrossCheck.Contracts;

/// <summary>A school's duplicate cases found in a calendar year and, of those, the ones cleared (kept, withdrawn or transferred).</summary>
public sealed record SchoolDuplicateFigures(int SchoolId, string ScopePath, int Found, int Cleared);

/// <summary>What the performance figures (FND-3) may know of the cross-check: the cases per school of a year, over the caller's scope, counted in SQL.</summary>
public interface ICrossCheckYearFigures
{
    Task<IReadOnlyList<SchoolDuplicateFigures>> DuplicatesAsync(int year, CancellationToken ct);
}
