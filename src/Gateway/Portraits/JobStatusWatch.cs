namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// One status stream's wait for its job's next announced change (<see cref="JobStatusChanges"/>). A change announced
/// while nobody waits is kept until the next wait, so a stream that registers its watch before it reads the record
/// misses nothing.
/// </summary>
public sealed class JobStatusWatch : IDisposable
{
    readonly Action<JobStatusWatch> forget;
    // Completed by an announcement; replaced once a wait has seen it. Continuations run off Redis's reader thread.
    TaskCompletionSource next = NewSignal();

    internal JobStatusWatch(Guid jobId, Action<JobStatusWatch> forget)
    {
        JobId = jobId;
        this.forget = forget;
    }

    public Guid JobId { get; }

    internal void Signal() => Volatile.Read(ref next).TrySetResult();

    /// <summary>
    /// Waits until a change of the job is announced (true), or <paramref name="timeout"/> passes or the stream is
    /// canceled (false). Read the record after it returns: a change announced from here on wakes the next wait.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref next);
        if (!signal.Task.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, stop.Token);
            var first = await Task.WhenAny(signal.Task, delay);
            await stop.CancelAsync();
            if (first != signal.Task) return false;
        }
        Interlocked.CompareExchange(ref next, NewSignal(), signal);
        return true;
    }

    public void Dispose() => forget(this);

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
