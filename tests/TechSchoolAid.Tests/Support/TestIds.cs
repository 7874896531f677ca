using System.Globalization;
using TechSchoolAid.Kernel.Identity;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;

namespace TechSchoolAid.Tests.Support;

/// <summary>Valid test people: ID numbers built with an independent implementation of the GB 11643 check character.</summary>
public static class TestIds
{
    private static int _next = 100;

    public static string Make(string county = "440305", string birth = "20100315", bool male = true)
    {
        var order = Interlocked.Increment(ref _next) % 1000;
        var seq = order - (order % 2) + (male ? 1 : 0);
        var first17 = county + birth + (seq % 1000).ToString("D3", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    public static StudentInput Student(string? idNumber = null, string name = "张测试") => new()
    {
        Name = name,
        DocumentType = IdDocumentType.ResidentIdCard,
        IdNumber = idNumber ?? Make(),
        Ethnicity = "汉族",
        Household = Household.Rural,
        HouseholdCountyCode = "440305",
        Major = "数控加工",
        MajorIsAgricultural = false,
        TrainingLevel = TrainingLevel.Intermediate,
        EntryEducation = EntryEducation.JuniorMiddle,
        SchoolingYears = 3,
        IsFullTime = true,
        IntakeYear = 2026,
        IntakeSeason = IntakeSeason.Autumn,
        EnrolmentDate = new DateOnly(2026, 9, 1),
        ClassName = "2026级数控1班",
        Phone = "13800138000",
    };
}
