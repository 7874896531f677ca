namespace TechSchoolAid.Modules.Students.Contracts;

public enum IntakeSeason
{
    Spring = 1,
    Autumn = 2,
}

public enum Household
{
    Rural = 1, // 农村
    Urban = 2, // 城市
}

public enum TrainingLevel
{
    Intermediate = 1,  // 中级工
    Senior = 2,        // 高级工
    PreTechnician = 3, // 预备技师
}

public enum EntryEducation
{
    JuniorMiddle = 1, // 初中
    SeniorMiddle = 2, // 高中
}

/// <summary>Where a new student's registration stands (ENR-3): 采集 → 报送 → 审核通过 / 退回.</summary>
public enum RegistrationState
{
    Collected = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
}
