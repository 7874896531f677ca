namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the endpoints of the rules work (status-change completion, registration deadlines, expected end of schooling); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesStudentsEndpoints =>
    [
    ];
}
