using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Pipeline;

public class StageThreadsTests
{
    static StageThreads Create(int threads, int nice) =>
        new(Options.Create(new StageThreadOptions { StageThreads = threads, StageNice = nice }), NullLogger<StageThreads>.Instance);

    [Fact]
    public async Task Stages_run_on_their_own_threads_at_the_configured_nice_value()
    {
        using var stageThreads = Create(threads: 2, nice: 7);
        var callerNice = ThreadNice.Current();

        var (name, nice) = await stageThreads.RunAsync(() => (Thread.CurrentThread.Name, ThreadNice.Current()));

        Assert.StartsWith("stage ", name);
        Assert.Equal(7, nice);
        Assert.Equal(callerNice, ThreadNice.Current()); // lowering them left the caller's thread alone
    }

    [Fact]
    public async Task Pool_threads_that_continue_after_a_stage_keep_their_priority()
    {
        using var stageThreads = Create(threads: 2, nice: 9);
        var expected = ThreadNice.Current();
        var seen = new List<int>();

        // Many completions at once make the thread pool start more threads; none may inherit a stage thread's nice.
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            await stageThreads.RunAsync(() => i);
            var nice = ThreadNice.Current();
            Thread.Sleep(5); // holds this pool thread so that the pool needs others
            lock (seen) seen.Add(nice);
        }));

        Assert.All(seen, nice => Assert.Equal(expected, nice));
    }

    [Fact]
    public async Task No_more_stages_run_at_once_than_there_are_stage_threads()
    {
        using var stageThreads = Create(threads: 2, nice: 0);
        var running = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => stageThreads.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
            return now;
        })));

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task A_failing_stage_fails_its_task_and_the_threads_keep_working()
    {
        using var stageThreads = Create(threads: 1, nice: 0);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stageThreads.RunAsync<int>(() => throw new InvalidOperationException("broken photo")));
        var next = await stageThreads.RunAsync(() => 42);

        Assert.Equal("broken photo", failure.Message);
        Assert.Equal(42, next);
    }

    [Fact]
    public async Task The_callers_trace_span_is_current_inside_the_stage()
    {
        using var stageThreads = Create(threads: 1, nice: 0);
        using var source = new ActivitySource("stage-threads-test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var job = source.StartActivity("job")!;

        var seen = await stageThreads.RunAsync(() => Activity.Current?.TraceId);

        Assert.Equal(job.TraceId, seen);
    }

    [Fact]
    public async Task An_idle_worker_shares_a_steps_parts_among_its_stage_threads_and_runs_each_once()
    {
        using var stageThreads = Create(threads: 2, nice: 0);
        var runs = new int[64];
        var threadsSeen = new HashSet<int>();

        await stageThreads.RunAsync(() =>
        {
            stageThreads.Run(runs.Length, part =>
            {
                Interlocked.Increment(ref runs[part]);
                lock (threadsSeen) threadsSeen.Add(Environment.CurrentManagedThreadId);
                Thread.Sleep(5); // long enough that the idle thread takes some parts
            });
            return 0;
        });

        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.Equal(2, threadsSeen.Count);
    }

    [Fact]
    public async Task A_step_whose_helpers_are_all_busy_is_finished_by_its_own_thread()
    {
        using var stageThreads = Create(threads: 2, nice: 0);
        using var release = new ManualResetEventSlim();
        var busy = stageThreads.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30))); // another job holds the other thread
        var runs = 0;

        var threadsUsed = await stageThreads.RunAsync(() =>
        {
            var seen = new HashSet<int>();
            stageThreads.Run(16, _ =>
            {
                Interlocked.Increment(ref runs);
                lock (seen) seen.Add(Environment.CurrentManagedThreadId);
            });
            return seen.Count;
        });
        release.Set();

        Assert.Equal(16, runs);
        Assert.Equal(1, threadsUsed);
        Assert.True(await busy);
    }

    [Fact]
    public async Task A_failing_part_is_thrown_to_the_step_after_every_other_part_ran()
    {
        using var stageThreads = Create(threads: 2, nice: 0);
        var runs = 0;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => stageThreads.RunAsync(() =>
        {
            stageThreads.Run(8, part =>
            {
                Interlocked.Increment(ref runs);
                if (part == 3) throw new InvalidOperationException("part 3");
            });
            return 0;
        }));

        Assert.Equal("part 3", failure.Message);
        Assert.Equal(8, runs);
    }

    [Fact]
    public void A_step_still_running_when_the_threads_shut_down_does_every_part_itself()
    {
        var stageThreads = Create(threads: 2, nice: 0);
        stageThreads.Dispose();
        var runs = new int[8];

        stageThreads.Run(runs.Length, part => runs[part]++);

        Assert.All(runs, count => Assert.Equal(1, count));
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
