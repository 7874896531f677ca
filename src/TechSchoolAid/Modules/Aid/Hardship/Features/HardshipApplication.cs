using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Aid.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Contracts;
using TechSchoolAid.Modules.Aid.Hardship.Domain;
using TechSchoolAid.Modules.Students.Contracts;

namespace TechSchoolAid.Modules.Aid.Hardship.Features;

/// <summary>The checks of an application (a first one or a semester's re-assessment): every refusal in Chinese, keyed by the JSON field.</summary>
internal static class HardshipApplication
{
    internal sealed record Values(int SchoolYear, Semester Semester, string FamilySituation, PriorityGroups Priority, WatchGroups Watch, DateOnly CommitmentSignedOn);

    public static Values Validate(HardshipApplicationInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.CommitmentSigned != true)
        {
            errors["commitmentSigned"] = ["学生未签署个人承诺，不能提交家庭经济困难认定申请"];
        }

        if (input.CommitmentSignedOn is not { } signedOn)
        {
            errors["commitmentSignedOn"] = ["请填写个人承诺的签署日期"];
            signedOn = today;
        }
        else if (signedOn > today)
        {
            errors["commitmentSignedOn"] = ["个人承诺的签署日期不能晚于今天"];
        }

        if (input.SchoolYear is not { } year || year < 2000 || year > today.Year + 1)
        {
            errors["schoolYear"] = ["请填写学年（如 2026 表示 2026-2027 学年）"];
            year = today.Year;
        }

        if (input.Semester is not { } semester || !Enum.IsDefined(semester))
        {
            errors["semester"] = ["请选择学期"];
            semester = Semester.Autumn;
        }

        var family = input.FamilySituation?.Trim();
        if (string.IsNullOrEmpty(family))
        {
            errors["familySituation"] = ["请填写家庭经济情况"];
        }
        else if (family.Length > 2000)
        {
            errors["familySituation"] = ["家庭经济情况不能超过 2000 字"];
        }

        var priority = (input.PriorityGroups ?? []).Aggregate(PriorityGroups.None, (acc, g) => acc | g);
        if ((input.PriorityGroups ?? []).Any(g => g == PriorityGroups.None || !Enum.IsDefined(g)))
        {
            errors["priorityGroups"] = ["重点保障群体选项无效"];
        }

        var watch = (input.WatchGroups ?? []).Aggregate(WatchGroups.None, (acc, g) => acc | g);
        if ((input.WatchGroups ?? []).Any(g => g == WatchGroups.None || !Enum.IsDefined(g)))
        {
            errors["watchGroups"] = ["关注群体选项无效"];
        }

        if (errors.Count > 0)
        {
            throw AppException.Invalid(errors);
        }

        return new Values(year, semester, family!, priority, watch, signedOn);
    }

    /// <summary>Only a student whose registration is approved and who is in school may be identified.</summary>
    public static void RequireActive(StudentStatusInfo s)
    {
        if (!s.RegistrationApproved || s.Status != EnrolmentStatus.Active)
        {
            throw AppException.Conflict($"学生{s.Name}当前学籍状态为“{s.Status.ToChinese()}”，不是在籍学生，不能办理家庭经济困难认定");
        }
    }

    public static HardshipAssessment New(StudentStatusInfo s, Values v, byte[] familyCipher, int version, Guid? previousId, string by, TimeProvider clock) =>
        new(Guid.CreateVersion7(), s.Id, s.SchoolId, s.SchoolCode, s.ScopePath, s.Name, s.ClassName, v.SchoolYear, v.Semester, version, previousId,
            familyCipher, v.Priority, v.Watch, v.CommitmentSignedOn, by, clock.GetUtcNow().UtcDateTime);

    /// <summary>What the audit event of an application keeps (no family situation).</summary>
    public static object Audited(HardshipAssessment a) =>
        new { student = a.StudentName, schoolYear = a.SchoolYear, semester = a.Semester, priority = a.PriorityGroups, watch = a.WatchGroups, commitmentSignedOn = ChinaTime.Iso(a.CommitmentSignedOn) };
}
