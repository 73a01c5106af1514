using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Scheduling;

/// <summary>
/// The stage threads stop with the host, after the bus and before the container releases the models they run
/// (releasing a session under a running stage crashes the process): what was queued still runs, what comes later is
/// canceled, so its job's message goes back to the queue instead of failing.
/// </summary>
public sealed class StageThreadsStopperTests
{
    [Fact]
    public async Task Stopping_lets_queued_stages_finish_and_cancels_stages_asked_for_later()
    {
        var threads = new StageThreads(Options.Create(new StageThreadOptions { StageThreads = 1, StageNice = 0 }), NullLogger<StageThreads>.Instance);
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = threads.RunAsync(() =>
        {
            running.Set();
            release.Wait();
            return 1;
        });
        var queued = threads.RunAsync(() => 2);
        running.Wait(TimeSpan.FromSeconds(30));

        // Stopping waits for the stages queued, so it runs beside the test.
        var stopping = Task.Run(() => new StageThreadsStopper(threads).StopAsync(CancellationToken.None));
        await Task.Delay(100);
        release.Set();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((1, 2), (await first, await queued));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => threads.RunAsync(() => 3));
    }

    [Fact]
    public async Task The_worker_stops_its_stage_threads_after_its_bus()
    {
        var settings = FarmSettings.OnlyPainter("ink");
        try
        {
            await using var worker = new FarmHost<PaintPortraitConsumer>(settings);

            // Hosted services stop in reverse order of registration: the stopper must come before the bus's.
            var order = worker.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName ?? "").ToList();
            var stopper = order.FindIndex(name => name.EndsWith(nameof(StageThreadsStopper), StringComparison.Ordinal));
            var bus = order.FindIndex(name => name.StartsWith("MassTransit.", StringComparison.Ordinal));
            Assert.True(stopper >= 0 && bus >= 0 && stopper < bus, $"hosted services in order: {string.Join(", ", order)}");
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
