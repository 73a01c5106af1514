namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// Gathers the jobs on their way to one stage model (the face detector, the person segmenter) into one run of it. On
/// a GPU each of a model's ~230 nodes is a kernel the host launches, and run a job at a time the two stage models took
/// the GPU twice the painter's time per portrait (docs/PERFORMANCE.md 0l); a batch launches each node once.
/// A job says it is coming (<see cref="Expect"/>) when its preparation starts. The first to arrive waits while others
/// are still coming, until the batch is full or <see cref="MaxWait"/> has passed; a job alone on an idle worker runs at
/// once. A job that leaves before it arrives (its photo failed to decode) stops being waited for.
/// </summary>
/// <typeparam name="TItem">What one job brings (its image).</typeparam>
/// <typeparam name="TResult">What one job gets back.</typeparam>
/// <param name="run">One run of the model over the gathered items, a result per item in their order.</param>
/// <param name="maxBatch">The most items in one run.</param>
/// <param name="stageThreads">Where a run goes: writing the inputs and reading the outputs are the host's work.</param>
/// <param name="time">The clock of <see cref="MaxWait"/>.</param>
public sealed class StageModelBatches<TItem, TResult>(Func<IReadOnlyList<TItem>, IReadOnlyList<TResult>> run, int maxBatch,
    StageThreads stageThreads, TimeProvider time)
{
    /// <summary>How long the first job of a gathering waits for jobs that are still coming.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(5);

    readonly Lock gate = new();
    int coming;
    Gathering? open;

    /// <summary>Jobs said to be coming that have neither arrived nor left.</summary>
    public int Coming
    {
        get
        {
            lock (gate) return coming;
        }
    }

    /// <summary>Says a job is on its way; disposing the ticket before <see cref="RunAsync"/> says it left.</summary>
    public Ticket Expect()
    {
        lock (gate) coming++;
        return new Ticket(this);
    }

    /// <summary>The job's result from a run it shares with the jobs gathered with it.</summary>
    public Task<TResult> RunAsync(TItem item, Ticket ticket)
    {
        var waiting = new GatheredJob<TItem, TResult>(item);
        Gathering? ready, timed = null;
        lock (gate)
        {
            if (ticket.TryArrive()) coming--;
            var first = open is null;
            open ??= new Gathering();
            open.Items.Add(waiting);
            ready = TakeIfReady();
            // A gathering that waits for jobs still coming runs when the wait is over, at the latest.
            if (first && ready is null) timed = open;
        }
        if (timed is not null)
            _ = RunWhenTimeIsUpAsync(timed);
        if (ready is not null)
            _ = RunGatheringAsync(ready);
        return waiting.Result.Task;
    }

    void Leave(Ticket ticket)
    {
        Gathering? ready;
        lock (gate)
        {
            if (!ticket.TryArrive()) return;
            coming--;
            ready = TakeIfReady();
        }
        if (ready is not null)
            _ = RunGatheringAsync(ready);
    }

    // Under the gate: the open gathering, closed, when it is full or nobody else is coming.
    Gathering? TakeIfReady()
    {
        if (open is null || (open.Items.Count < maxBatch && coming > 0)) return null;
        var ready = open;
        open = null;
        return ready;
    }

    async Task RunWhenTimeIsUpAsync(Gathering gathering)
    {
        await Task.Delay(MaxWait, time);
        lock (gate)
        {
            // Full or complete before its time: already running.
            if (open != gathering) return;
            open = null;
        }
        await RunGatheringAsync(gathering);
    }

    Task RunGatheringAsync(Gathering gathering) => GatheredRun.RunAsync(gathering.Items, run, stageThreads);

    /// <summary>One job's word that it is coming; disposed, that it will not come (any more).</summary>
    public sealed class Ticket(StageModelBatches<TItem, TResult> batches) : IDisposable
    {
        int arrived;

        internal bool TryArrive() => Interlocked.Exchange(ref arrived, 1) == 0;

        public void Dispose() => batches.Leave(this);
    }

    sealed class Gathering
    {
        public List<GatheredJob<TItem, TResult>> Items { get; } = [];
    }
}
