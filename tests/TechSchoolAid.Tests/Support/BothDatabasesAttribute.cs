using System.Reflection;
using Xunit.Sdk;

namespace TechSchoolAid.Tests.Support;

/// <summary>
/// Runs a data test once on SQLite and once on PostgreSQL (the test takes the provider's name as its first argument and
/// passes it to <see cref="TestDatabase.CreateAsync"/>). The one way to say "on both databases" (ADR 0005, 0017).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[TestDatabase.Sqlite], [TestDatabase.Postgres]];
}
