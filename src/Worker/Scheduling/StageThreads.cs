using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// The few dedicated threads that run a job's CPU stages (decode, face detection, framing, style, encoding), one per
/// core by default, at a lower scheduling priority than the painter's. Where the painter runs on the CPU, the model
/// then takes the cores whenever it wants them and these stages fill the gaps between its operators instead of
/// stalling it; on a GPU box they simply run. Bounded threads also keep eight jobs in flight from decoding at once.
/// A stage whose work splits into parts (<see cref="IPartRunner"/>) shares them with the stage threads that are idle.
/// </summary>
public sealed class StageThreads : IPartRunner, IDisposable
{
    readonly BlockingCollection<Action> work = new();
    readonly BlockingCollection<Action> completions = new();
    readonly Thread[] threads;
    readonly Thread completer;
    int disposed;

    public StageThreads(IOptions<StageThreadOptions> options, ILogger<StageThreads> logger)
    {
        var settings = options.Value;
        var count = settings.StageThreads > 0 ? settings.StageThreads : Environment.ProcessorCount;
        var lowered = 0;
        using var started = new CountdownEvent(count);
        threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            if (ThreadNice.TryLower(settings.StageNice)) Interlocked.Increment(ref lowered);
            started.Signal();
            foreach (var item in work.GetConsumingEnumerable()) item();
        })
        { IsBackground = true, Name = $"stage {i}" }).ToArray();
        foreach (var thread in threads) thread.Start();
        // Threads inherit their creator's nice value, and the .NET thread pool starts new threads from whichever thread
        // queues work to it. So stage threads never complete a job's task themselves (its continuation goes to the
        // pool): this thread, at the priority StageThreads was created with, does.
        completer = new Thread(() =>
        {
            foreach (var complete in completions.GetConsumingEnumerable()) complete();
        })
        { IsBackground = true, Name = "stage completions" };
        completer.Start();
        started.Wait();
        logger.StageThreadsStarted(count, lowered, settings.StageNice);
    }

    /// <summary>Runs <paramref name="stage"/> on a stage thread, in the caller's execution context (trace spans flow).</summary>
    public Task<T> RunAsync<T>(Func<T> stage) => RunAsync(stage, ExecutionContext.Capture());

    /// <summary>Runs <paramref name="stage"/> on a stage thread in <paramref name="context"/>: a job's, captured where the call comes from another thread (the painter's).</summary>
    public Task<T> RunAsync<T>(Func<T> stage, ExecutionContext? context)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Stopped (the worker is shutting down): the job is canceled, so its message goes back to the queue for another
        // worker, instead of failing as if the job itself were at fault.
        if (!TryOffer(() =>
        {
            try
            {
                var result = context is null ? stage() : RunIn(context, stage);
                Complete(() => done.SetResult(result));
            }
            catch (Exception ex)
            {
                Complete(() => done.SetException(ex));
            }
        }))
            done.SetCanceled();
        return done.Task;
    }

    /// <summary>
    /// Runs the parts of a step on the calling thread and on every stage thread that is free to help: each gets an
    /// offer to take parts, and whoever asks first takes the next part. Under load the other stage threads are busy
    /// with other jobs' stages, their offers come after the caller has taken every part and cost nothing, and the
    /// step costs what it did on one thread; on an idle worker (a GPU node between batches) one job's step spreads
    /// over the cores and its portrait comes back sooner. Helpers never wait on anything, so this cannot deadlock.
    /// </summary>
    public void Run(int count, Action<int> part)
    {
        if (count <= 1 || threads.Length == 1)
        {
            InlineParts.Instance.Run(count, part);
            return;
        }
        var parts = new SharedParts(count, part);
        for (var i = Math.Min(count, threads.Length) - 1; i > 0 && TryOffer(parts.Take); i--) { }
        parts.TakeAndWait();
    }

    // Once the worker shuts down the queue takes no more work: a stage still running then does every part itself, and
    // a new stage is canceled.
    bool TryOffer(Action offer)
    {
        try
        {
            work.Add(offer);
            return true;
        }
        catch (InvalidOperationException) when (Volatile.Read(ref disposed) == 1) // completed for adding, or disposed
        {
            return false;
        }
    }

    // A stage that outlived the stop's wait has no completer thread any more: it completes its job itself.
    void Complete(Action complete)
    {
        try
        {
            completions.Add(complete);
        }
        catch (InvalidOperationException) when (Volatile.Read(ref disposed) == 1)
        {
            complete();
        }
    }

    static T RunIn<T>(ExecutionContext context, Func<T> stage)
    {
        var result = default(T)!;
        ExecutionContext.Run(context, _ => result = stage(), null);
        return result;
    }

    // The container disposes this once as StageThreads and once as IPartRunner: the second call does nothing.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        work.CompleteAdding();
        var deadline = DateTime.UtcNow + StopWait;
        var stopped = true;
        foreach (var thread in threads)
            stopped &= thread.Join(Max(deadline - DateTime.UtcNow));
        completions.CompleteAdding();
        stopped &= completer.Join(Max(deadline - DateTime.UtcNow));
        // A stage still running past the wait keeps its queues (it reads and completes through them); the GC takes them.
        if (!stopped) return;
        work.Dispose();
        completions.Dispose();
    }

    /// <summary>How long stopping waits for the stages already queued (a huge photo's decode takes seconds on a busy CPU).</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    static TimeSpan Max(TimeSpan left) => left > TimeSpan.Zero ? left : TimeSpan.Zero;
}
