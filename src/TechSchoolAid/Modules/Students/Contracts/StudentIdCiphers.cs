using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>A record's encrypted ID number and document type, for the few national exchanges that must send the number itself.</summary>
public sealed record StudentIdCipher
{
    public Guid Id { get; init; }

    public IdDocumentType DocumentType { get; init; }

    public byte[] IdNumberCipher { get; init; } = [];
}

public static class StudentIdCiphers
{
    /// <summary>Records in the actor's scope (the DbContext's filter applies). Callers decrypt, audit the export and never log the number.</summary>
    public static IQueryable<StudentIdCipher> StudentIdCiphersInScope(this TsaDbContext db) =>
        db.Set<StudentRecord>().Select(s => new StudentIdCipher { Id = s.Id, DocumentType = s.DocumentType, IdNumberCipher = s.IdNumberCipher });
}
