using TechSchoolAid.Kernel;

namespace TechSchoolAid.Tests.Kernel;

public sealed class ScopePathsTests
{
    [Theory]
    [InlineData("/44/4401/44010004/", "/44/4401/")] // 市管 school → its city
    [InlineData("/44/44010001/", "/44/")]           // 省管 school → its province
    [InlineData("/44/4401/", "/44/")]
    [InlineData("/44/", "/")]
    public void ParentOf_SchoolCityProvince_IsTheSupervisor(string path, string parent) =>
        Assert.Equal(parent, ScopePaths.ParentOf(path));
}
