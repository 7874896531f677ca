using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>
/// Who may do what with students and their registration (ADR 0017): declared once here, evaluated only through
/// <see cref="Access"/> by the handlers, the queries, the to-do list and (through the <c>actions</c> of detail views) the pages.
/// </summary>
public static class StudentAccess
{
    private const string RegistrarOnly = "只有学校学籍管理员可以登记新生";

    /// <summary>Reads students and the registration figures: every role that holds the permission, in its scope.</summary>
    public static readonly AccessRule View = new("view", Permission.ViewStudents, Relation.InScope, "您的角色没有此权限");

    /// <summary>Registers a new student (form, screen import, bulk import of a new intake) at the school itself.</summary>
    public static readonly AccessRule Register = new("register", Permission.RegisterStudents, Relation.OwnOrganization, RegistrarOnly, OrgLevel.School) { SystemMayAct = true };

    /// <summary>Corrects a student the school has not submitted, or one the authority returned.</summary>
    public static readonly AccessRule Edit = new("edit", Permission.RegisterStudents, Relation.OwnOrganization, RegistrarOnly, OrgLevel.School) { SystemMayAct = true };

    /// <summary>Records the on-site verification (现场点名) of the school's own students.</summary>
    public static readonly AccessRule Verify = new("verify", Permission.RegisterStudents, Relation.OwnOrganization, RegistrarOnly, OrgLevel.School) { SystemMayAct = true };

    /// <summary>Submits a batch of the school's own students for review.</summary>
    public static readonly AccessRule Submit = new("submit", Permission.RegisterStudents, Relation.OwnOrganization, RegistrarOnly, OrgLevel.School) { SystemMayAct = true };

    /// <summary>Declares the school's intake count (ENR-4).</summary>
    public static readonly AccessRule Declare = new("declare", Permission.RegisterStudents, Relation.OwnOrganization, RegistrarOnly, OrgLevel.School) { SystemMayAct = true };

    /// <summary>
    /// Lands records already approved (the national load): no organisation's role may, only the scheduler's system actor
    /// (<c>tsa import students</c>).
    /// </summary>
    public static readonly AccessRule ImportApproved = new("import-approved", Permission.RegisterStudents, Relation.InScope, "只有系统批处理（tsa 命令行）可以导入已审核通过的学籍", OrgLevel.Public) { SystemMayAct = true };

    /// <summary>Re-encrypts every school's personal data under the current key: the operator's batch job only (<c>tsa keys rotate</c>).</summary>
    public static readonly AccessRule RotateKeys = new("rotate-keys", Permission.RevealPersonalData, Relation.InScope, "密钥轮换只能由系统任务（tsa keys rotate）执行", OrgLevel.Public) { SystemMayAct = true };

    /// <summary>Approves a submitted student (issuing the 学籍号): the school's direct supervisor (the city for 市管, the province for 省管).</summary>
    public static readonly AccessRule Approve = new("approve", Permission.ReviewRegistrations, Relation.DirectSupervisor, "只有主管部门的审核人员可以审核学籍注册", OrgLevel.Province, OrgLevel.City);

    /// <summary>Returns a submitted student to the school with a reason: the same direct supervisor.</summary>
    public static readonly AccessRule Return = new("return", Permission.ReviewRegistrations, Relation.DirectSupervisor, "只有主管部门的审核人员可以审核学籍注册", OrgLevel.Province, OrgLevel.City);

    /// <summary>Reopens one school's registration after the deadline: the province.</summary>
    public static readonly AccessRule Reopen = new("reopen", Permission.ReopenRegistration, Relation.InScope, "只有省级主管部门可以重新开放注册", OrgLevel.Province);

    /// <summary>Shows one clear ID number (audited); without it the birth date is withheld too (docs/adr/0003).</summary>
    public static readonly AccessRule RevealIdNumber = new("reveal-id-number", Permission.RevealPersonalData, Relation.InScope, "您的角色不能查看完整证件号码");

    /// <summary>Exports the filtered list to Excel.</summary>
    public static readonly AccessRule Export = new("export", Permission.ExportData, Relation.InScope, "您的角色没有此权限");

    /// <summary>The rules a student's detail view lists in its <c>actions</c>.</summary>
    public static IReadOnlyList<string> ActionsOnStudent(Actor actor, string scopePath) =>
        actor.ActionsOn(scopePath, Edit, Verify, Submit, Approve, Return, RevealIdNumber);

    /// <summary>The rules a registration batch's view lists in its <c>actions</c>.</summary>
    public static IReadOnlyList<string> ActionsOnBatch(Actor actor, string scopePath) =>
        actor.ActionsOn(scopePath, Approve, Return);
}
