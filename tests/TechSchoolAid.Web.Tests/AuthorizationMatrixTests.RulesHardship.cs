namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the endpoints of the rules work (hardship advance notice and publication, cross-check clearance confirmation); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesHardshipEndpoints =>
    [
    ];
}
