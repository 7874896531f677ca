using TechSchoolAid.Kernel.Identity;

namespace TechSchoolAid.Tests.Kernel;

// Check characters below were worked out by hand (ISO 7064 MOD 11-2) and hard-coded, so the tests do
// not merely agree with the implementation they are checking.
public partial class IdDocumentTests
{
    private static readonly DateOnly Today = new(2025, 9, 1);

    private static readonly IReadOnlySet<string> Provinces = new HashSet<string>(StringComparer.Ordinal)
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
        "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    };

    private static IdDocumentCheck CheckId(string raw) =>
        IdDocument.Check(IdDocumentType.ResidentIdCard, raw, Today, Provinces);

    private static void AssertInvalid(IdDocumentCheck check, string expectedError)
    {
        Assert.False(check.IsValid);
        Assert.Equal(expectedError, check.Error);
        Assert.Null(check.Normalized);
        Assert.Null(check.BirthDate);
        Assert.Null(check.Sex);
    }

    [Fact]
    public void ComputeCheckChar_StandardExample_IsX()
    {
        Assert.Equal('X', IdDocument.ComputeCheckChar("11010519491231002"));
    }

    [Fact]
    public void ComputeCheckChar_ClassicExample_IsFour()
    {
        Assert.Equal('4', IdDocument.ComputeCheckChar("44052418800101001"));
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void ComputeCheckChar_NotSeventeenDigits_Throws(string input)
    {
        Assert.Throws<ArgumentException>(() => IdDocument.ComputeCheckChar(input));
    }

    [Fact]
    public void Normalize_FullWidthSpacesAndLowerCase_FoldedToAscii()
    {
        Assert.Equal("11010520080101009X", IdDocument.Normalize(" １１０１０５\u3000２００８０１０１ 009ｘ\t"));
        Assert.Equal("E12345678", IdDocument.Normalize("ｅ１２３４５６７８"));
        Assert.Equal("ABC", IdDocument.Normalize("ＡＢc"));
    }

    [Fact]
    public void Check_ValidMaleNumber_ReturnsBirthDateAndSex()
    {
        var check = CheckId("110105200801010014");

        Assert.True(check.IsValid);
        Assert.Null(check.Error);
        Assert.Equal("110105200801010014", check.Normalized);
        Assert.Equal(new DateOnly(2008, 1, 1), check.BirthDate);
        Assert.Equal(Sex.Male, check.Sex);
    }

    [Fact]
    public void Check_ValidFemaleNumber_ReturnsFemale()
    {
        var check = CheckId("440524200906150029");

        Assert.True(check.IsValid);
        Assert.Equal(new DateOnly(2009, 6, 15), check.BirthDate);
        Assert.Equal(Sex.Female, check.Sex);
    }

    [Fact]
    public void Check_StandardExampleWithContemporaryToday_IsValidFemale()
    {
        // Born 1949, so only plausible as a student when "today" is in the 1960s–2000s.
        var check = IdDocument.Check(IdDocumentType.ResidentIdCard, "11010519491231002X", new DateOnly(1990, 9, 1), Provinces);

        Assert.True(check.IsValid);
        Assert.Equal(new DateOnly(1949, 12, 31), check.BirthDate);
        Assert.Equal(Sex.Female, check.Sex);
    }

    [Fact]
    public void Check_WrongCheckDigit_RejectedWithoutRevealingExpectedDigit()
    {
        AssertInvalid(CheckId("110105200801010015"), "身份证号码校验位不正确，请核对");
    }

    [Fact]
    public void Check_XWhereDigitExpected_Rejected()
    {
        AssertInvalid(CheckId("11010520080101001X"), "身份证号码校验位不正确，请核对");
    }

    [Fact]
    public void Check_LowerCaseX_AcceptedAndUpperCased()
    {
        var check = CheckId("11010520080101009x");

        Assert.True(check.IsValid);
        Assert.Equal("11010520080101009X", check.Normalized);
        Assert.Equal(Sex.Male, check.Sex);
    }

    [Fact]
    public void Check_FullWidthDigits_Accepted()
    {
        var check = CheckId("１１０１０５２００８０１０１００１４");

        Assert.True(check.IsValid);
        Assert.Equal("110105200801010014", check.Normalized);
    }

    [Fact]
    public void Check_SpacesInside_Accepted()
    {
        var check = CheckId(" 110105 20080101 0014 ");

        Assert.True(check.IsValid);
        Assert.Equal("110105200801010014", check.Normalized);
    }

    [Fact]
    public void Check_FifteenDigitLegacyNumber_UpgradedToEighteen()
    {
        var check = CheckId("440524700315123");

        Assert.True(check.IsValid);
        Assert.Equal("440524197003151237", check.Normalized);
        Assert.Equal(new DateOnly(1970, 3, 15), check.BirthDate);
        Assert.Equal(Sex.Male, check.Sex);
    }

    [Fact]
    public void Upgrade15To18_LegacyNumber_InsertsCenturyAndAppendsCheck()
    {
        Assert.Equal("110105190801010018", IdDocument.Upgrade15To18("110105080101001"));
        Assert.Equal("440524197003151237", IdDocument.Upgrade15To18("440524700315123"));
    }

    [Theory]
    [InlineData("11010508010100")]
    [InlineData("11010508010100X")]
    public void Upgrade15To18_NotFifteenDigits_Throws(string input)
    {
        Assert.Throws<ArgumentException>(() => IdDocument.Upgrade15To18(input));
    }

    [Fact]
    public void Check_FifteenDigitsEndingInX_Rejected()
    {
        AssertInvalid(CheckId("44052470031512X"), "身份证号码含有非法字符");
    }

    [Fact]
    public void Check_February30_RejectedAsNonexistentDate()
    {
        AssertInvalid(CheckId("110105200802300013"), "身份证号码中的出生日期 2008-02-30 不存在");
    }

    [Fact]
    public void Check_February29InCommonYear_Rejected()
    {
        AssertInvalid(CheckId("440524202302290011"), "身份证号码中的出生日期 2023-02-29 不存在");
    }

    [Fact]
    public void Check_FutureBirthDate_Rejected()
    {
        AssertInvalid(CheckId("110105202601010019"), "身份证号码中的出生日期晚于今天");
    }

    [Fact]
    public void Check_TooYoung_Rejected()
    {
        AssertInvalid(CheckId("110105201501010017"), "按身份证号码计算年龄为 10 岁，不在 12–60 岁的合理范围内");
    }

    [Fact]
    public void Check_TooOld_Rejected()
    {
        AssertInvalid(CheckId("110105196001010017"), "按身份证号码计算年龄为 65 岁，不在 12–60 岁的合理范围内");
    }

    [Theory]
    [InlineData("110105201309010017", true)] // 12th birthday is today
    [InlineData("110105201309020012", false)] // turns 12 tomorrow
    [InlineData("110105196409020016", true)] // 61st birthday is tomorrow
    [InlineData("110105196409010010", false)] // turned 61 today
    public void Check_AgeBoundaries_InclusiveTwelveToSixty(string number, bool expectedValid)
    {
        Assert.Equal(expectedValid, CheckId(number).IsValid);
    }

    [Fact]
    public void Check_UnknownProvincePrefix_Rejected()
    {
        AssertInvalid(CheckId("990105200801010018"), "身份证号码前两位 99 不是有效的省级行政区代码");
    }

    [Theory]
    [InlineData("1101052008O1010014")]
    [InlineData("110105-20080101001")]
    [InlineData("1101052008X1010014")]
    public void Check_NonDigitCharacters_Rejected(string input)
    {
        AssertInvalid(CheckId(input), "身份证号码含有非法字符");
    }

    [Theory]
    [InlineData("11010520080101001")]
    [InlineData("1101052008010100144")]
    [InlineData("1234")]
    public void Check_WrongLength_Rejected(string input)
    {
        AssertInvalid(CheckId(input), "身份证号码应为18位（或15位旧号码）");
    }

    [Fact]
    public void Check_Empty_AsksForNumber()
    {
        AssertInvalid(CheckId("   "), "未填写身份证号码");
    }

    [Theory]
    [InlineData("810000200801010012", 1)]
    [InlineData("820000200801010022", 2)]
    [InlineData("830000200801010016", 1)]
    public void Check_ResidencePermitWithValidPrefix_Accepted(string number, int expectedSex)
    {
        // Province codes are not consulted for permits: 81/82/83 are not among the 31 provinces.
        var check = IdDocument.Check(IdDocumentType.HkMacaoTaiwanResidencePermit, number, Today, Provinces);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(new DateOnly(2008, 1, 1), check.BirthDate);
        Assert.Equal((Sex)expectedSex, check.Sex);
    }

    [Theory]
    [InlineData("840000200801010018")]
    [InlineData("810001200801010019")]
    [InlineData("110105200801010014")]
    public void Check_ResidencePermitWithInvalidPrefix_Rejected(string number)
    {
        var check = IdDocument.Check(IdDocumentType.HkMacaoTaiwanResidencePermit, number, Today, Provinces);

        AssertInvalid(check, "港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头");
    }

    [Fact]
    public void Check_ResidencePermitWrongCheckDigit_Rejected()
    {
        var check = IdDocument.Check(IdDocumentType.HkMacaoTaiwanResidencePermit, "810000200801010013", Today, Provinces);

        AssertInvalid(check, "港澳台居民居住证号码校验位不正确，请核对");
    }
}
