using TechSchoolAid.Kernel.Data;

namespace TechSchoolAid.Modules.Standards.Domain;

/// <summary>A training a province ran for the schools' aid staff (INS-2): title, kind, dates, hours and place; its attendance is <see cref="StaffTraining"/>.</summary>
public sealed class Training : IScoped
{
    private Training()
    {
    }

    public Training(Guid id, int provinceId, string scopePath, string title, Contracts.TrainingKind kind, DateOnly startsOn, DateOnly endsOn, int hours,
        string place, string by, DateTime atUtc)
    {
        Id = id;
        ProvinceId = provinceId;
        ScopePath = scopePath;
        Title = title;
        Kind = kind;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Hours = hours;
        Place = place;
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    public int ProvinceId { get; private set; }

    /// <summary>The province's path.</summary>
    public string ScopePath { get; private set; } = "";

    public string Title { get; private set; } = "";

    public Contracts.TrainingKind Kind { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>学时.</summary>
    public int Hours { get; private set; }

    public string Place { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void EnsureVersionFor(int? expected)
    {
        if (expected is { } v && v != Version)
        {
            throw Kernel.Errors.AppException.Conflict("该培训的参训名单已被他人修改，请刷新后重试");
        }
    }

    /// <summary>Counts a change of attendance (so two clerks adding attendees at once are told).</summary>
    public void Touch() => Version++;
}
