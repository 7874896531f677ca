using TechSchoolAid.Modules.Dashboards.Features;
using TechSchoolAid.Kernel.Security;

namespace TechSchoolAid.Tests.Modules.Dashboards;

/// <summary>
/// The overview's stampede guard: while one request counts an overview, the others with the same key wait for its
/// result instead of counting again; a failed or cancelled count never leaves a waiter without an answer.
/// </summary>
public sealed class DashboardFlightsTests
{
    private static DashboardView View(string code) =>
        new(code, "测试", OrgLevel.Province, "省级", true, new DateOnly(2026, 10, 15), 2026, 2000, 2027, [], []);

    [Fact]
    public async Task Requests_arriving_during_a_count_wait_for_it_and_count_nothing_themselves()
    {
        var flights = new DashboardFlights();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counts = 0;
        async Task<DashboardView> Count()
        {
            Interlocked.Increment(ref counts);
            await gate.Task;
            return View("44");
        }

        var leader = flights.RunAsync("k", Count, default);
        var waiters = Enumerable.Range(0, 15).Select(_ => flights.RunAsync("k", Count, default)).ToList();
        Assert.Equal(1, flights.Counting);
        gate.SetResult();
        var views = await Task.WhenAll(waiters.Prepend(leader));

        Assert.Equal(1, counts);
        Assert.All(views, v => Assert.Same(views[0], v));
        Assert.Equal(0, flights.Counting);
    }

    [Fact]
    public async Task Different_keys_count_separately()
    {
        var flights = new DashboardFlights();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counts = 0;
        async Task<DashboardView> Count(string code)
        {
            Interlocked.Increment(ref counts);
            await gate.Task;
            return View(code);
        }

        var a = flights.RunAsync("a", () => Count("44"), default);
        var b = flights.RunAsync("b", () => Count("51"), default);
        gate.SetResult();

        Assert.Equal("44", (await a).OrganizationCode);
        Assert.Equal("51", (await b).OrganizationCode);
        Assert.Equal(2, counts);
    }

    [Fact]
    public async Task When_the_counting_request_fails_a_waiter_counts_for_itself_and_the_failure_reaches_only_the_first()
    {
        var flights = new DashboardFlights();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<DashboardView> Failing()
        {
            await gate.Task;
            throw new InvalidOperationException("计数失败");
        }

        var leader = flights.RunAsync("k", Failing, default);
        var waiter = flights.RunAsync("k", () => Task.FromResult(View("44")), default);
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => leader);
        Assert.Equal("44", (await waiter).OrganizationCode);
        Assert.Equal(0, flights.Counting);
    }

    [Fact]
    public async Task A_waiter_that_is_cancelled_stops_waiting_without_stopping_the_count()
    {
        var flights = new DashboardFlights();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<DashboardView> Count()
        {
            await gate.Task;
            return View("44");
        }

        var leader = flights.RunAsync("k", Count, default);
        using var cancel = new CancellationTokenSource();
        var waiter = flights.RunAsync("k", Count, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        gate.SetResult();
        Assert.Equal("44", (await leader).OrganizationCode);
    }
}
