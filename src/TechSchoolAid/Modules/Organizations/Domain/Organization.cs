using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Security;
using TechSchoolAid.Modules.Organizations.Contracts;

namespace TechSchoolAid.Modules.Organizations.Domain;

/// <summary>
/// A node of the tree ministry → provincial unit → city → school (ORG-1). The scope path places a school under the
/// authority that supervises it: a 省管 school hangs directly under its province, a 市管 school under its city, so the
/// supervisor of any organisation is simply its parent and "in scope" is a prefix test.
/// </summary>
public sealed class Organization : IScoped
{
    private Organization()
    {
    }

    public int Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public OrgLevel Level { get; private set; }

    public int? ParentId { get; private set; }

    public string ScopePath { get; private set; } = "/";

    public string? ProvinceCode { get; private set; }

    /// <summary>The city the school stands in (also for 省管 schools, whose supervisor is the province).</summary>
    public string? CityCode { get; private set; }

    public SchoolKind? Kind { get; private set; }

    public Ownership? Ownership { get; private set; }

    public ManagedBy? ManagedBy { get; private set; }

    public string? Address { get; private set; }

    public string? Principal { get; private set; }

    public string? AidOfficeContact { get; private set; }

    public string? AidOfficePhone { get; private set; }

    /// <summary>Concurrency token: raised by every edit of the school and by every write of its tuition (which it serialises).</summary>
    public int Version { get; private set; }

    public static Organization Ministry() => new()
    {
        Code = "000000",
        Name = "人力资源社会保障部",
        Level = OrgLevel.Ministry,
        ScopePath = "/",
    };

    public static Organization Province(Organization ministry, string code, string name) => new()
    {
        Code = code,
        Name = name,
        Level = OrgLevel.Province,
        ParentId = ministry.Id,
        ScopePath = $"/{code}/",
        ProvinceCode = code,
    };

    public static Organization City(Organization province, string code, string name) => new()
    {
        Code = code,
        Name = name,
        Level = OrgLevel.City,
        ParentId = province.Id,
        ScopePath = $"{province.ScopePath}{code}/",
        ProvinceCode = province.Code,
        CityCode = code,
    };

    public static Organization School(
        Organization supervisor,
        string cityCode,
        string code,
        string name,
        SchoolKind kind,
        Ownership ownership,
        string? address,
        string? principal,
        string? aidOfficeContact,
        string? aidOfficePhone)
    {
        if (supervisor.Level is not (OrgLevel.Province or OrgLevel.City))
        {
            throw new InvalidOperationException("A school is supervised by a province or a city.");
        }

        return new Organization
        {
            Code = code,
            Name = name,
            Level = OrgLevel.School,
            ParentId = supervisor.Id,
            ScopePath = $"{supervisor.ScopePath}{code}/",
            ProvinceCode = supervisor.ProvinceCode,
            CityCode = cityCode,
            Kind = kind,
            Ownership = ownership,
            ManagedBy = supervisor.Level == OrgLevel.Province ? Contracts.ManagedBy.Province : Contracts.ManagedBy.City,
            Address = address,
            Principal = principal,
            AidOfficeContact = aidOfficeContact,
            AidOfficePhone = aidOfficePhone,
        };
    }

    /// <summary>Corrects a school's attributes (ORG-2); the handler has checked the values and the caller's right.</summary>
    public void EditSchool(string name, SchoolKind kind, Ownership ownership, string? address, string? principal, string? aidOfficeContact, string? aidOfficePhone)
    {
        if (Level != OrgLevel.School)
        {
            throw new InvalidOperationException("Only a school has these attributes.");
        }

        Name = name;
        Kind = kind;
        Ownership = ownership;
        Address = address;
        Principal = principal;
        AidOfficeContact = aidOfficeContact;
        AidOfficePhone = aidOfficePhone;
        Version++;
    }

    /// <summary>
    /// Marks a change that depends on the school as a whole (a tuition period recorded or corrected), so two writers
    /// working from the same state cannot both pass the overlap check: the second save fails its version (409).
    /// </summary>
    public void Touch() => Version++;

    /// <summary>The code of the supervising organisation, read off the scope path (the segment before this one).</summary>
    public string? SupervisorCode
    {
        get
        {
            var parts = ScopePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 ? parts[^2] : parts.Length == 1 ? "000000" : null;
        }
    }
}
