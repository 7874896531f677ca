namespace TechSchoolAid.Modules.Supervision.Contracts;

/// <summary>A school's supervision measures issued in a calendar year and, of those, the ones closed.</summary>
public sealed record SchoolRectificationFigures(int SchoolId, string ScopePath, int Issued, int Closed);

/// <summary>What the performance figures (FND-3) may know of supervision: the measures per school of a year, over the caller's scope, counted in SQL.</summary>
public interface ISupervisionYearFigures
{
    Task<IReadOnlyList<SchoolRectificationFigures>> RectificationAsync(int year, CancellationToken ct);
}
