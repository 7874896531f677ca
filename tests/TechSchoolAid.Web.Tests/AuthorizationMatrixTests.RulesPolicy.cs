namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the endpoints of the rules work (average standard, national approval deadlines, reopening, city central shares); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesPolicyEndpoints =>
    [
    ];
}
