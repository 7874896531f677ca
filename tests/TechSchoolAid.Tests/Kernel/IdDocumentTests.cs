using TechSchoolAid.Kernel.Identity;

namespace TechSchoolAid.Tests.Kernel;

// Check characters below were worked out by hand (ISO 7064 MOD 11-2) and hard-coded, so the tests do
// not merely agree with the implementation they are checking.
public class IdDocumentTests
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

    [Fact]
    public void Check_ForeignCard2023Format_Accepted()
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "933156200801010028", Today, Provinces);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal("933156200801010028", check.Normalized);
        Assert.Equal(new DateOnly(2008, 1, 1), check.BirthDate);
        Assert.Equal(Sex.Female, check.Sex);
    }

    [Fact]
    public void Check_ForeignCard2023WrongCheckDigit_Rejected()
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "933156200801010029", Today, Provinces);

        AssertInvalid(check, "外国人永久居留身份证号码校验位不正确，请核对");
    }

    [Fact]
    public void Check_ForeignCard18DigitsNotStartingWithNine_Rejected()
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "110105200801010014", Today, Provinces);

        AssertInvalid(check, "外国人永久居留身份证号码（2023版）应以 9 开头");
    }

    [Fact]
    public void Check_ForeignCard2004Format_AcceptedWithoutSex()
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "usa310108010101", Today, Provinces);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal("USA310108010101", check.Normalized);
        Assert.Equal(new DateOnly(2008, 1, 1), check.BirthDate);
        Assert.Null(check.Sex);
    }

    [Fact]
    public void Check_ForeignCard2004TwoDigitYear_CenturyKeepsDateInPast()
    {
        // "85" cannot be 2085, so 1985.
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "CAN440085061501", Today, Provinces);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(new DateOnly(1985, 6, 15), check.BirthDate);
    }

    [Theory]
    [InlineData("US3101080101011")]
    [InlineData("USA31010801010")]
    [InlineData("USA3101080101A1")]
    public void Check_ForeignCard2004Malformed_Rejected(string number)
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, number, Today, Provinces);

        AssertInvalid(check, "外国人永久居留身份证号码（2004版）应为3位字母加12位数字");
    }

    [Fact]
    public void Check_ForeignCard2004ImpossibleDate_Rejected()
    {
        var check = IdDocument.Check(IdDocumentType.ForeignPermanentResidentCard, "USA310108023001", Today, Provinces);

        AssertInvalid(check, "外国人永久居留身份证号码中的出生日期 08-02-30 不存在");
    }

    [Theory]
    [InlineData("E12345678", "E12345678")]
    [InlineData("g1234", "G1234")]
    [InlineData(" EA 1234567 ", "EA1234567")]
    [InlineData("12345678901234567", "12345678901234567")]
    public void Check_PassportAlphanumeric_AcceptedWithoutBirthDateOrSex(string raw, string expected)
    {
        var check = IdDocument.Check(IdDocumentType.Passport, raw, Today, Provinces);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Normalized);
        Assert.Null(check.BirthDate);
        Assert.Null(check.Sex);
    }

    [Theory]
    [InlineData("E123")]
    [InlineData("123456789012345678")]
    public void Check_PassportWrongLength_Rejected(string raw)
    {
        AssertInvalid(IdDocument.Check(IdDocumentType.Passport, raw, Today, Provinces), "护照号码应为5–17位字母或数字");
    }

    [Theory]
    [InlineData("E1234-567")]
    [InlineData("E1234.567")]
    [InlineData("护照E123456")]
    public void Check_PassportPunctuation_Rejected(string raw)
    {
        AssertInvalid(IdDocument.Check(IdDocumentType.Passport, raw, Today, Provinces), "护照号码含有非法字符（只能是字母和数字）");
    }

    [Theory]
    [InlineData("440524200901015368", "440**************8")]
    [InlineData("440524700315123", "440***********3")]
    [InlineData("440524********5368", "440**************8")] // an older, weaker mask is masked again
    [InlineData("E12345678", "E1*****78")]
    [InlineData("G1234", "G1*34")]
    [InlineData("AB12", "****")]
    [InlineData("", "")]
    public void Mask_VariousLengths_HidesMiddle(string input, string expected)
    {
        Assert.Equal(expected, IdDocument.Mask(input));
    }

    [Theory]
    [InlineData("居民身份证", IdDocumentType.ResidentIdCard)]
    [InlineData("身份证", IdDocumentType.ResidentIdCard)]
    [InlineData(" 港澳台居民居住证 ", IdDocumentType.HkMacaoTaiwanResidencePermit)]
    [InlineData("外国人永久居留身份证", IdDocumentType.ForeignPermanentResidentCard)]
    [InlineData("护照", IdDocumentType.Passport)]
    [InlineData("4", IdDocumentType.Passport)]
    [InlineData("Passport", IdDocumentType.Passport)]
    [InlineData("residentidcard", IdDocumentType.ResidentIdCard)]
    public void TryParseChinese_KnownDocumentText_Parsed(string text, IdDocumentType expected)
    {
        Assert.True(IdDocumentType.TryParseChinese(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("驾驶证")]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("1,4")]
    [InlineData("-1")]
    public void TryParseChinese_UnknownDocumentText_ReturnsFalse(string text)
    {
        Assert.False(IdDocumentType.TryParseChinese(text, out _));
    }

    [Fact]
    public void ToChinese_EachDocumentType_RoundTrips()
    {
        foreach (var type in Enum.GetValues<IdDocumentType>())
        {
            Assert.True(IdDocumentType.TryParseChinese(type.ToChinese(), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.Equal("港澳台居民居住证", IdDocumentType.HkMacaoTaiwanResidencePermit.ToChinese());
    }

    [Theory]
    [InlineData("男", Sex.Male)]
    [InlineData("女", Sex.Female)]
    [InlineData(" 女 ", Sex.Female)]
    public void TryParseChinese_SexText_Parsed(string text, Sex expected)
    {
        Assert.True(Sex.TryParseChinese(text, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("未知")]
    [InlineData("3")]
    public void TryParseChinese_UnknownSexText_ReturnsFalse(string text)
    {
        Assert.False(Sex.TryParseChinese(text, out _));
    }

    [Fact]
    public void ToChinese_Sex_ReturnsSingleCharacter()
    {
        Assert.Equal("男", Sex.Male.ToChinese());
        Assert.Equal("女", Sex.Female.ToChinese());
    }
}
