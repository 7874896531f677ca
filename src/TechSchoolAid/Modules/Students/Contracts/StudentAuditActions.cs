using TechSchoolAid.Modules.Audit.Contracts;

namespace TechSchoolAid.Modules.Students.Contracts;

/// <summary>What the Students module (records and registration) records in the audit chain (block 500, ADR 0017). Codes are sealed in the chain: never change one.</summary>
[AuditCatalogue("学籍与注册", 500)]
public static class StudentAuditActions
{
    public static readonly AuditAction Registered = new(501, "student.registered", "登记新生", "Student");
    public static readonly AuditAction Updated = new(502, "student.updated", "修改学生信息", "Student");
    public static readonly AuditAction Verified = new(503, "student.verified", "现场核验", "Student");
    public static readonly AuditAction Submitted = new(504, "student.submitted", "报送注册", "Student");
    public static readonly AuditAction Approved = new(505, "student.approved", "注册审核通过", "Student");
    public static readonly AuditAction Returned = new(506, "student.returned", "注册退回", "Student");
    public static readonly AuditAction IdNumberViewed = new(507, "student.id_number_viewed", "查看完整证件号码", "Student");
    public static readonly AuditAction Imported = new(510, "students.imported", "批量导入新生", "School");
    public static readonly AuditAction BulkImported = new(511, "students.bulk_imported", "大批量导入新生", "School");
    public static readonly AuditAction Exported = new(512, "students.exported", "导出学生名单", "StudentList");
    public static readonly AuditAction BatchSubmitted = new(520, "registration.batch_submitted", "报送注册批次", "RegistrationBatch");
    public static readonly AuditAction RegistrationReopened = new(521, "registration.reopened", "重新开放注册", "School");
    public static readonly AuditAction IntakeDeclared = new(522, "intake.declared", "申报招生人数", "School");
}
