namespace TechSchoolAid.Modules.Students.Contracts;

public enum IntakeSeason
{
    Spring = 1,
    Autumn = 2,
}

/// <summary>
/// 户籍性质 in the aid policies' three-way sense (issue 11, item 6): 农村 / 县镇 / 城市. The tuition waiver covers
/// 「农村（含县镇）」 students (财教〔2012〕376号, 一; its successors keep the wording); the grant's designated areas cover
/// 「农村学生（不含县城）」 (财教〔2019〕25号, 第五条 as amended by 财教〔2024〕181号). The values 1 and 2 are unchanged, so the
/// stored records need no data migration: a record entered as 农村 before 县镇 existed stays 农村.
/// </summary>
public enum Household
{
    Rural = 1, // 农村
    Urban = 2, // 城市
    CountyTown = 3, // 县镇
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
