using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSchoolAid.Kernel;
using TechSchoolAid.Kernel.Errors;
using TechSchoolAid.Modules.Students.Contracts;
using TechSchoolAid.Modules.Students.Domain;
using TechSchoolAid.Modules.Students.Features;
using TechSchoolAid.Tests.Support;

namespace TechSchoolAid.Tests.Kernel;

public sealed class InputGuardTests
{
    [Theory]
    [InlineData("张三")]
    [InlineData("第一行\r\n第二行\t缩进")]
    [InlineData("𠀀 (a supplementary character)")]
    public void TextProblem_OrdinaryText_None(string text) => Assert.Null(InputGuard.TextProblem(text));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u202Ab")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u2066b")]
    [InlineData("a\u2069b")]
    [InlineData("a\u200Eb")]
    [InlineData("a\u061Cb")]
    [InlineData("a\uFEFFb")]
    [InlineData("a\uFFFAb")]
    public void TextProblem_ControlBidiOrBrokenCharacter_RefusedInChinese(string text) =>
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", InputGuard.TextProblem(text) ?? "");

    [Fact]
    public void TextProblem_LoneSurrogate_Refused() =>
        Assert.NotNull(InputGuard.TextProblem("a" + (char)0xD800 + "b")); // built here: an attribute's string cannot carry it

    [Fact]
    public void TextProblem_LongerThanTheBound_Refused()
    {
        Assert.Null(InputGuard.TextProblem(new string('x', InputGuard.MaxTextLength)));
        Assert.Contains("不能超过", InputGuard.TextProblem(new string('x', 1_000_000)), StringComparison.Ordinal);
    }

    [Fact]
    public void EnumAndDate_OutOfBounds_Refused()
    {
        Assert.NotNull(InputGuard.EnumProblem((Household)99));
        Assert.Null(InputGuard.EnumProblem(Household.Rural));
        Assert.NotNull(InputGuard.DateProblem(DateOnly.MinValue));
        Assert.NotNull(InputGuard.DateProblem(DateOnly.MaxValue));
        Assert.Null(InputGuard.DateProblem(new DateOnly(2026, 10, 15)));
    }

    /// <summary>The entry form calls the handler directly, not the API: the write itself refuses, and writes nothing.</summary>
    [Fact]
    public async Task Register_BidiInClassNameFromTheForm_RefusedOnThatFieldAndNothingWritten()
    {
        await using var db = await TestDatabase.CreateAsync(TestDatabase.Sqlite, studentsPerSchool: 1);
        var school = await db.ActorOf("school-44010004");
        var input = TestIds.Student();
        input.ClassName = "2026级\u202E班1控数";
        var before = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter(), default));

        var error = await Assert.ThrowsAsync<AppException>(() => db.As(school, sp => sp.GetRequiredService<RegisterStudent>().HandleAsync("44010004", input, default)));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.True(error.Errors.ContainsKey("className"), string.Join(",", error.Errors.Keys));
        var after = await db.As(school, sp => sp.GetRequiredService<StudentQueries>().ListAsync(new StudentFilter(), default));
        Assert.Equal(before.Total, after.Total);
    }
}
