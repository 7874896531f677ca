namespace TechSchoolAid.Modules.Aid.Contracts;

/// <summary>One document of the school's yearly work file (建档备查) that Aid holds: a CSV text and what it is.</summary>
public sealed record AidWorkFileDocument(string FileName, string Description, string Csv);

/// <summary>
/// FND-2: what the yearly work file needs from Aid for one school and fiscal year (the calendar year: the spring term of
/// the school year before and the autumn term of the year) — hardship applications with their panel records, the
/// publications, the approved lists. Read on the caller's context and scope; the caller has decided the actor may read
/// the school's records.
/// </summary>
public interface IAidWorkFile
{
    Task<IReadOnlyList<AidWorkFileDocument>> DocumentsAsync(int schoolId, int fiscalYear, CancellationToken ct);
}
