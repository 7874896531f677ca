namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the endpoints of the rules work (household kinds, designated areas, the funding gap by cause); one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] RulesAreasEndpoints =>
    [
    ];
}
