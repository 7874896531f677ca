namespace TechSchoolAid.Kernel;

/// <summary>
/// The organisation tree as scope paths ("/44/4401/44010004/"). A school hangs under the authority that supervises it, so
/// a school's direct supervisor — the city for 市管, the province for 省管 — is simply the parent path.
/// </summary>
public static class ScopePaths
{
    public static string ParentOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[..(trimmed.LastIndexOf('/') + 1)];
    }
}
