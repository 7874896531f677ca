extern alias bench;

using bench::TechSchoolAid.Bench;
using Xunit.Abstractions;

namespace TechSchoolAid.Web.Tests;

[CollectionDefinition(nameof(PagesBenchTests), DisableParallelization = true)]
public sealed class PagesBenchCollection;

/// <summary>
/// Issue 5: CI runs the small-scale versions of the benchmarks as tests. The pages benchmark's own code (PagesBench)
/// at a few thousand students: a throwaway PostgreSQL database on the TSA_TEST_POSTGRES server, the national loader, the
/// real web host of this build (TechSchoolAid.Web.dll next to this test assembly, started as its own process) and a few
/// concurrent clients on every endpoint. It checks behaviour only — every endpoint answered, no errors, the loaded data
/// is visible — never latency. Without TSA_TEST_POSTGRES it fails, never skips.
/// </summary>
[Collection(nameof(PagesBenchTests))]
public sealed class PagesBenchTests(ITestOutputHelper output)
{
    private const int Students = 3_000;

    [Fact]
    public async Task PagesBench_SmallScale_EveryEndpointAnswersWithoutErrors_AndTheListsShowTheLoadedData()
    {
        var server = Environment.GetEnvironmentVariable(PostgresTestApp.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{PostgresTestApp.EnvironmentVariable} is not set, so the pages benchmark cannot run. Run the suite with scripts/test, or first " +
                "`eval \"$(scripts/start-postgres)\"` (and scripts/stop-postgres afterwards). This test never skips silently.");
        }

        // The web host of the build under test: the referenced TechSchoolAid.Web project's output is copied next to this
        // assembly (with its runtimeconfig, deps, appsettings and static web assets manifest), whatever the configuration.
        var web = Path.Combine(AppContext.BaseDirectory, "TechSchoolAid.Web.dll");
        Assert.True(File.Exists(web), $"{web} is missing: the test project must reference TechSchoolAid.Web.");
        var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        PagesBenchResult result;
        try
        {
            result = await PagesBench.RunAsync(server, new PagesBenchOptions
            {
                Students = Students,
                SchoolsPerCity = 0, // the 20 demo schools: about 150 students each, so every actor's lists have rows
                Seconds = 1,
                Clients = 4,
                SoloSeconds = 0,
                WebDll = web,
                ContentRoot = AppContext.BaseDirectory,
                Out = log,
            }, timeout.Token);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The pages benchmark failed. Its output:\n{log}", e);
        }
        finally
        {
            output.WriteLine(log.ToString()); // the benchmark's table, in the test results (latencies are not asserted)
        }

        var report = $"\n{log}\nweb host log:\n{result.WebHostLog}";
        Assert.Equal(Students, result.Students);
        Assert.Equal(20, result.Schools);
        Assert.True(result.StudentsInProvince44 > 0, report);
        Assert.True(result.AidLines > 0, report);
        Assert.Equal(result.Schools * 2, result.AidRounds);

        // Every endpoint of the benchmark's table was requested and answered 200 every time.
        Assert.Equal(
            ["static: /health", "students, page 1", "students, page 1", "students, page 1", "late status changes", "hanging list (open)",
                "aid lists waiting for me", "aid lists of the term", "a school's aid list lines", "home to-do panel",
                "page /students (SSR)", "page /students (SSR)", "page / home to-do (SSR)", "page /aid/rounds (SSR)"],
            result.Endpoints.Select(e => e.Name));
        Assert.All(result.Endpoints, e =>
        {
            Assert.True(e.Requests > 0, $"{e.Name} ({e.Actor}): no request{report}");
            Assert.True(e.Errors == 0, $"{e.Name} ({e.Actor}): {e.Errors} errors, first {e.FirstError}{report}");
            Assert.Equal([200], e.Statuses.Keys);
            Assert.Equal(e.Requests, e.Statuses[200]);
        });

        // The loaded data is what the lists show: the students of each actor's scope (the province at least those loaded
        // there; the web host's start may add demo records), the aid lists of the term, the lines of the school's waiver list.
        var lists = result.Endpoints.Where(e => e.Url.StartsWith("/api/", StringComparison.Ordinal)).ToDictionary(e => (e.Name, e.Actor));
        var schoolStudents = lists[("students, page 1", "school-44010004-records")];
        var cityStudents = lists[("students, page 1", "city-4401")];
        var provinceStudents = lists[("students, page 1", "prov-44")];
        Assert.InRange(provinceStudents.Total ?? 0, result.StudentsInProvince44, result.Students);
        Assert.InRange(schoolStudents.Total ?? 0, 1, (cityStudents.Total ?? 0) - 1);
        Assert.InRange(cityStudents.Total ?? 0, 1, (provinceStudents.Total ?? 0) - 1);
        Assert.All([schoolStudents, cityStudents, provinceStudents], e => Assert.Equal(Math.Min(50, e.Total ?? 0), e.Rows));
        Assert.True(lists[("aid lists of the term", "prov-44")].Rows > 0, report);
        Assert.True(lists[("a school's aid list lines", "school-44010004-aid")].Rows > 0, report);
    }
}
