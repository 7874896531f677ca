namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the FundsBudgets endpoints (one per endpoint; see the rules in AuthorizationMatrixTests.cs).</summary>
    private static Endpoint[] FundsBudgetsEndpoints => [];
}
