using TechSchoolAid.Kernel.Identity;

namespace TechSchoolAid.Tests.Kernel;

/// <summary>The documents that are not the resident ID card: foreign cards, passports, and the mask.</summary>
public partial class IdDocumentTests
{
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
