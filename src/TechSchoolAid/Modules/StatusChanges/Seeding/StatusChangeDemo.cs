using System.Security.Cryptography;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Modules.StatusChanges.Domain;

namespace TechSchoolAid.Modules.StatusChanges.Seeding;

/// <summary>Demo evidence for the seeded changes: a small PNG standing for the scanned application, as a clerk would upload it.</summary>
public static class StatusChangeDemo
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");

    /// <summary>Attaches the demo application scan to <paramref name="change"/>; answers the evidence on file for its approval.</summary>
    public static EvidenceOnFile AttachEvidence(TsaDbContext db, StatusChange change, string fileName, string by, DateTime atUtc)
    {
        db.Add(new StatusChangeEvidence(Guid.CreateVersion7(), change.Id, change.ScopePath, fileName, "image/png", Png, Convert.ToHexStringLower(SHA256.HashData(Png)), by, atUtc));
        db.Add(new StatusChangeEvent(change.Id, change.ScopePath, "evidence", by, atUtc, fileName));
        return new EvidenceOnFile(fileName, 1);
    }
}
