using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Data;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Standards.Contracts;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>
/// A member of a school's aid staff (资助工作人员, INS-2): name, 专职/兼职 and post, phone (personal data: kept encrypted,
/// shown masked), appointment and end date. Current while not ended on the day asked about.
/// </summary>
public sealed class AidStaffMember : IScoped
{
    private AidStaffMember()
    {
    }

    public AidStaffMember(Guid id, int schoolId, string schoolCode, string scopePath, string name, StaffPostKind postKind, string post,
        byte[] phoneCipher, string phoneMasked, DateOnly appointedOn, string by, DateTime atUtc)
    {
        Id = id;
        SchoolId = schoolId;
        SchoolCode = schoolCode;
        ScopePath = scopePath;
        Name = name;
        PostKind = postKind;
        Post = post;
        PhoneCipher = phoneCipher;
        PhoneMasked = phoneMasked;
        AppointedOn = appointedOn;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int SchoolId { get; private set; }

    public string SchoolCode { get; private set; } = "";

    public string ScopePath { get; private set; } = "";

    public string Name { get; private set; } = "";

    public StaffPostKind PostKind { get; private set; }

    /// <summary>岗位, e.g. 学生资助管理中心主任.</summary>
    public string Post { get; private set; } = "";

    public byte[] PhoneCipher { get; private set; } = [];

    /// <summary>138****1234.</summary>
    public string PhoneMasked { get; private set; } = "";

    public DateOnly AppointedOn { get; private set; }

    public DateOnly? EndedOn { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public bool IsCurrentOn(DateOnly day) => AppointedOn <= day && (EndedOn is null || EndedOn >= day);

    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw AppException.Conflict("该工作人员记录已被他人修改，请刷新后重试");
        }
    }

    /// <summary>The member leaves the post on <paramref name="on"/>: not before the appointment, once.</summary>
    public void End(DateOnly on)
    {
        if (EndedOn is not null)
        {
            throw AppException.Conflict($"该工作人员已于 {ChinaTime.Iso(EndedOn.Value)} 离岗");
        }

        if (on < AppointedOn)
        {
            throw AppException.Invalid("endedOn", $"离岗日期不能早于任职日期（{ChinaTime.Iso(AppointedOn)}）");
        }

        EndedOn = on;
        Version++;
    }
}
