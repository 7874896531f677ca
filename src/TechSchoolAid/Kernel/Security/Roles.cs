namespace TechSchoolAid.Kernel.Security;

public enum OrgLevel
{
    Public = 0,
    Ministry = 1,
    Province = 2,
    City = 3,
    School = 4,
}

/// <summary>Roles of ORG-3. Numbers are stored in the database: never renumber.</summary>
public enum Role
{
    Anonymous = 0,
    MinistryAdmin = 10,
    MinistryViewer = 11,
    ProvinceAdmin = 20,
    ProvinceReviewer = 21,
    CityReviewer = 30,
    SchoolAdmin = 40,
    SchoolRecordsOfficer = 41,
    SchoolAidOfficer = 42,
    SchoolFinanceOfficer = 43,
    Inspector = 50,
    SystemJob = 99,
}

public enum Permission
{
    ViewStudents,
    RegisterStudents,
    ReviewRegistrations,
    ReopenRegistration,
    RevealPersonalData,
    ManageAccounts,
    ViewAudit,
    ManageCalendar,
    ManagePolicy,
    ExportData,
    ManageStatusChanges,  // enter, submit and (receiving school) accept status changes: the school's records staff
    ApproveStatusChanges, // approve, return and undo: the supervising authority; the school administrator for school-level kinds
    RunPresenceChecks,    // open, record and close verification campaigns; review the answers to hanging flags: city and province
    IssueSupervisionMeasures, // issue and close 约谈 / 警告 / 通报 against a school it supervises directly: city and province
    RespondToSupervision, // answer hanging flags and record rectification: the school's records staff
    ManageHardship,       // AID-1 hardship identification: apply, panel, decide, publish, objections, archive: the school's aid and records staff
    ManageAidRounds,      // AID-5 the school's grant and waiver lists: build, publish, objections, submit: the school's aid staff
    ReviewAidRounds,      // AID-5 approve or return a list, per student or whole: the direct supervisor (city or province)
    ReopenAidDeadline,    // AID-5 reopen the approval deadline of a term for the province: the provincial administrator
    RunCrossCheck,        // CHK-1/2 load the ministry of education's monthly list and run the internal check: the ministry administrator
    ClearCrossCheckCases, // CHK-2 answer the school's duplicate cases (clear or revoke): the school's aid staff
    ManageGraduation,     // GRD-1 open a graduation round, assess, submit: the school's records staff
    ApproveGraduation,    // GRD-1 approve or return a graduation list, upgrade a certificate: the school's direct supervisor
    ManageSchools,        // ORG-1/2 create a school, edit its attributes and its approved tuition (核定学费标准): the school's supervising authority
    ViewFunds,            // FND-1..3 read budgets, payments, final accounts and performance within the scope: finance, supervisors, ministry, inspectors
    ManageBudgets,        // FND-1 record allocations received and sub-allocate them to the level below: ministry, province and city
    ManageBankCards,      // STA-5 record and correct the students' payment cards: the school's aid and finance staff
    ManagePayments,       // FND-1 build payment batches, bank files and return files, record compensation and recoveries, attach vouchers: the school's finance staff
    CloseFundsYear,       // FND-2 draw up the final accounts (决算) of the own organisation and close its year: every level's finance owner
    ManagePerformance,    // FND-3 set the province's performance targets (绩效目标) and record its self-evaluation (自评): the provincial administrator
    PlanInspections,      // INS-1 propose, adjust and confirm the province's yearly inspection plan; close rectifications: the provincial administrator
    RecordInspections,    // INS-1 record visits, findings and rectification tasks; the ministry's spot checks (抽查): provincial staff, the ministry's administrator and inspectors
    AnswerInspections,    // INS-1 the school's self-inspection (自查) and its answers to rectification tasks: the school's administrator and aid staff
    KeepAidStandards,     // INS-2, PUB-2 the school's aid rules, aid staff and their training, its enrolment brochures: the school's administrator and aid staff
    ManageTrainings,      // INS-2 the trainings a province runs and who attended: the provincial administrator
    ReviewBrochures,      // PUB-2 approve or return a school's enrolment brochure: the school's direct supervisor (city or province)
    HandleComplaints,     // PUB-1 answer the public's consultations and complaints routed to the own organisation: school, city, province, ministry staff
    ManagePublicInfo,     // PUB-1 the province's hotline and address, the answer deadlines: provincial and ministry administrators
    SubmitReports,        // RPT-1 submit the province's yearly report and answer the ministry's data requests: the provincial administrator
    ManageDataRequests,   // RPT-1 send data requests to provinces and track the yearly reports: the ministry's administrator
    ManageCatalogues,     // ENR-1 load a new edition of the national major catalogue (技工院校专业目录): the ministry's administrator
}

public static class Permissions
{
    private static readonly Dictionary<Role, HashSet<Permission>> Map = new()
    {
        [Role.MinistryAdmin] = [Permission.ViewStudents, Permission.ManageAccounts, Permission.ViewAudit, Permission.ManageCalendar, Permission.ManagePolicy, Permission.ExportData, Permission.RevealPersonalData, Permission.RunCrossCheck, Permission.ViewFunds, Permission.ManageBudgets, Permission.CloseFundsYear, Permission.RecordInspections, Permission.HandleComplaints, Permission.ManagePublicInfo, Permission.ManageDataRequests, Permission.ManageCatalogues],
        [Role.MinistryViewer] = [Permission.ViewStudents, Permission.ExportData, Permission.ViewFunds],
        [Role.ProvinceAdmin] = [Permission.ViewStudents, Permission.ReviewRegistrations, Permission.ApproveStatusChanges, Permission.RunPresenceChecks, Permission.IssueSupervisionMeasures, Permission.ReopenRegistration, Permission.ManageAccounts, Permission.ViewAudit, Permission.ManagePolicy, Permission.ExportData, Permission.RevealPersonalData, Permission.ReviewAidRounds, Permission.ReopenAidDeadline, Permission.ApproveGraduation, Permission.ManageSchools, Permission.ViewFunds, Permission.ManageBudgets, Permission.CloseFundsYear, Permission.ManagePerformance, Permission.PlanInspections, Permission.RecordInspections, Permission.ManageTrainings, Permission.ReviewBrochures, Permission.HandleComplaints, Permission.ManagePublicInfo, Permission.SubmitReports],
        [Role.ProvinceReviewer] = [Permission.ViewStudents, Permission.ReviewRegistrations, Permission.ApproveStatusChanges, Permission.RunPresenceChecks, Permission.IssueSupervisionMeasures, Permission.ExportData, Permission.ReviewAidRounds, Permission.ApproveGraduation, Permission.ViewFunds, Permission.RecordInspections, Permission.ReviewBrochures, Permission.HandleComplaints],
        [Role.CityReviewer] = [Permission.ViewStudents, Permission.ReviewRegistrations, Permission.ApproveStatusChanges, Permission.RunPresenceChecks, Permission.IssueSupervisionMeasures, Permission.ManageAccounts, Permission.ViewAudit, Permission.ExportData, Permission.ReviewAidRounds, Permission.ApproveGraduation, Permission.ManageSchools, Permission.ViewFunds, Permission.ManageBudgets, Permission.CloseFundsYear, Permission.ReviewBrochures, Permission.HandleComplaints],
        [Role.SchoolAdmin] = [Permission.ViewStudents, Permission.RegisterStudents, Permission.ManageStatusChanges, Permission.ManageHardship, Permission.ApproveStatusChanges, Permission.RespondToSupervision, Permission.ManageAccounts, Permission.ViewAudit, Permission.ExportData, Permission.RevealPersonalData, Permission.ManageAidRounds, Permission.ManageGraduation, Permission.ClearCrossCheckCases, Permission.ViewFunds, Permission.ManageBankCards, Permission.ManagePayments, Permission.CloseFundsYear, Permission.AnswerInspections, Permission.KeepAidStandards, Permission.HandleComplaints],
        [Role.SchoolRecordsOfficer] = [Permission.ViewStudents, Permission.RegisterStudents, Permission.ManageStatusChanges, Permission.ManageHardship, Permission.RespondToSupervision, Permission.ExportData, Permission.RevealPersonalData, Permission.ManageGraduation],
        [Role.SchoolAidOfficer] = [Permission.ViewStudents, Permission.ManageHardship, Permission.ExportData, Permission.ManageAidRounds, Permission.ClearCrossCheckCases, Permission.ViewFunds, Permission.ManageBankCards, Permission.AnswerInspections, Permission.KeepAidStandards, Permission.HandleComplaints],
        [Role.SchoolFinanceOfficer] = [Permission.ViewStudents, Permission.ViewFunds, Permission.ManageBankCards, Permission.ManagePayments, Permission.CloseFundsYear],
        [Role.Inspector] = [Permission.ViewStudents, Permission.ViewFunds, Permission.RecordInspections],
        [Role.SystemJob] = [.. Enum.GetValues<Permission>()],
    };

    public static bool Has(Role role, Permission permission) =>
        Map.TryGetValue(role, out var set) && set.Contains(permission);

    /// <summary>The level of organisation a role belongs to; an account's role must match its organisation's level.</summary>
    public static OrgLevel LevelOf(Role role) => role switch
    {
        Role.MinistryAdmin or Role.MinistryViewer or Role.Inspector => OrgLevel.Ministry,
        Role.ProvinceAdmin or Role.ProvinceReviewer => OrgLevel.Province,
        Role.CityReviewer => OrgLevel.City,
        Role.SchoolAdmin or Role.SchoolRecordsOfficer or Role.SchoolAidOfficer or Role.SchoolFinanceOfficer => OrgLevel.School,
        _ => OrgLevel.Public,
    };

    /// <summary>Roles that administer their organisation and may create accounts for the level below.</summary>
    public static bool IsAdministrator(Role role) =>
        role is Role.MinistryAdmin or Role.ProvinceAdmin or Role.CityReviewer or Role.SchoolAdmin;

    public static string ToChinese(this Role role) => role switch
    {
        Role.MinistryAdmin => "部级管理员",
        Role.MinistryViewer => "部级查询员",
        Role.ProvinceAdmin => "省级管理员",
        Role.ProvinceReviewer => "省级审核员",
        Role.CityReviewer => "市级审核员",
        Role.SchoolAdmin => "学校系统管理员",
        Role.SchoolRecordsOfficer => "学籍管理员",
        Role.SchoolAidOfficer => "资助专干",
        Role.SchoolFinanceOfficer => "财务人员",
        Role.Inspector => "核查人员",
        Role.SystemJob => "系统任务",
        _ => "公众",
    };

    public static string ToChinese(this OrgLevel level) => level switch
    {
        OrgLevel.Ministry => "部级",
        OrgLevel.Province => "省级",
        OrgLevel.City => "市级",
        OrgLevel.School => "学校",
        _ => "公众",
    };
}
