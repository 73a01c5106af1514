using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Scheduling;

/// <summary>
/// How jobs on their way to a stage model are gathered into runs: real stage threads, a model faked as arithmetic (the
/// models' batched runs are FreeBatchDimensionTests' and StageModelBatchingTests'), and a fake clock, so "the job that
/// was coming never came" is a moment the test chooses, not a race.
/// </summary>
public sealed class StageModelBatchesTests : IDisposable
{
    readonly StageThreads stageThreads = new(Options.Create(new StageThreadOptions { StageThreads = 2, StageNice = 0 }), NullLogger<StageThreads>.Instance);
    readonly FakeTimeProvider time = new();
    readonly ConcurrentQueue<int[]> runs = new();

    StageModelBatches<int, int> Batches(int maxBatch = 4, Func<IReadOnlyList<int>, IReadOnlyList<int>>? model = null) => new(items =>
    {
        runs.Enqueue([.. items]);
        return model is null ? items.Select(item => item * 10).ToList() : model(items);
    }, maxBatch, stageThreads, time);

    public void Dispose() => stageThreads.Dispose();

    static async Task<T> Soon<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_job_alone_runs_at_once_in_a_batch_of_one()
    {
        var batches = Batches();
        using var ticket = batches.Expect();

        Assert.Equal(70, await Soon(batches.RunAsync(7, ticket)));

        Assert.Equal([7], Assert.Single(runs));
    }

    [Fact]
    public async Task Jobs_that_said_they_were_coming_run_together_and_each_gets_its_own_result()
    {
        var batches = Batches();
        var tickets = Enumerable.Range(0, 3).Select(_ => batches.Expect()).ToList();

        var first = batches.RunAsync(1, tickets[0]);
        var second = batches.RunAsync(2, tickets[1]);
        await Task.Delay(50);
        Assert.False(first.IsCompleted); // the third is still coming
        var third = batches.RunAsync(3, tickets[2]);

        var results = await Soon(Task.WhenAll(first, second, third));
        Assert.Equal([10, 20, 30], results);
        Assert.Equal([1, 2, 3], Assert.Single(runs));
        Assert.Equal(0, batches.Coming);
    }

    [Fact]
    public async Task A_job_that_leaves_before_it_arrives_is_no_longer_waited_for()
    {
        var batches = Batches();
        using var arriving = batches.Expect();
        var leaving = batches.Expect();

        var result = batches.RunAsync(5, arriving);
        await Task.Delay(50);
        Assert.False(result.IsCompleted);
        leaving.Dispose(); // its photo failed to decode, say

        Assert.Equal(50, await Soon(result));
        Assert.Equal([5], Assert.Single(runs));
    }

    [Fact]
    public async Task A_job_still_coming_holds_the_others_only_until_the_wait_is_over()
    {
        var batches = Batches();
        using var arriving = batches.Expect();
        using var late = batches.Expect();

        var result = batches.RunAsync(4, arriving);
        await Task.Delay(50);
        Assert.False(result.IsCompleted);
        time.Advance(StageModelBatches<int, int>.MaxWait);

        Assert.Equal(40, await Soon(result));
        Assert.Equal(1, batches.Coming); // still expected: the next gathering waits for it
    }

    [Fact]
    public async Task A_full_batch_runs_without_waiting_for_the_jobs_behind_it()
    {
        var batches = Batches(maxBatch: 2);
        var tickets = Enumerable.Range(0, 3).Select(_ => batches.Expect()).ToList();

        var full = await Soon(Task.WhenAll(batches.RunAsync(1, tickets[0]), batches.RunAsync(2, tickets[1])));
        var last = await Soon(batches.RunAsync(3, tickets[2]));

        Assert.Equal([10, 20], full);
        Assert.Equal(30, last);
        Assert.Equal([[1, 2], [3]], runs);
    }

    [Fact]
    public async Task A_failed_run_fails_every_job_in_it()
    {
        var batches = Batches(model: _ => throw new InvalidOperationException("the device fell over"));
        var tickets = Enumerable.Range(0, 2).Select(_ => batches.Expect()).ToList();

        var jobs = new[] { batches.RunAsync(1, tickets[0]), batches.RunAsync(2, tickets[1]) };

        foreach (var job in jobs)
            Assert.Equal("the device fell over", (await Assert.ThrowsAsync<InvalidOperationException>(() => Soon(job))).Message);
    }
}
