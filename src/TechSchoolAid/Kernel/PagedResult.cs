namespace TechSchoolAid.Kernel;

/// <summary>
/// One page of a list, for every list of the API and the pages. <see cref="TotalIsCapped"/>: there are more than
/// <see cref="Total"/> rows (a list over a whole province counts only up to a cap).
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalIsCapped = false);
