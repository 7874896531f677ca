namespace TechSchoolAid.Web.Tests;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the Inspections module's endpoints; one per endpoint, see the rules in AuthorizationMatrixTests.cs.</summary>
    private static Endpoint[] InspectionsEndpoints => [];
}
