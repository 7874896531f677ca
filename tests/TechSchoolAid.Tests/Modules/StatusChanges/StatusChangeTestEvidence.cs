using TechSchoolAid.Modules.StatusChanges.Features;

namespace TechSchoolAid.Tests.Modules.StatusChanges;

/// <summary>Evidence the tests enter changes with (issue 13, item 2: a kind that requires evidence is not approved without it).</summary>
public static class StatusChangeTestEvidence
{
    /// <summary>The 8-byte PNG signature and an IHDR start: enough for the type check by content.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    /// <summary>One scanned application, as a clerk attaches it on the entry form.</summary>
    public static IReadOnlyList<NewEvidence> Application { get; } = [new NewEvidence("本人及监护人申请.png", Png)];
}
