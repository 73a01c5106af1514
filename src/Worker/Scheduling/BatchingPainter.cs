using System.Diagnostics;
using System.Threading.Channels;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// The dynamic batcher in front of one painter (Triton-style): requests queue in a bounded channel; one loop takes
/// the first, gathers more of the same size until MaxBatch or MaxDelay (waiting only while more jobs are on their
/// way), paints them as one batch on the execution provider, and hands each job its own result.
/// </summary>
public sealed class BatchingPainter : IDisposable
{
    IBatchPainter painter = null!;
    readonly BatchingOptions options;
    readonly PaintDemand demand;
    readonly Func<string> provider;
    readonly PainterHealth? health;
    readonly Channel<PaintRequest> requests;
    readonly CancellationTokenSource stopping = new();
    readonly Thread loop;
    PaintRequest? carried;

    public BatchingPainter(IBatchPainter painter, BatchingOptions options, PaintDemand demand, Func<string> provider, PainterHealth? health = null)
        : this(painter.Descriptor.Name, () => painter, options, demand, provider, health)
    {
    }

    /// <summary>
    /// Loads the painter on the batcher's own thread, so the threads ONNX Runtime starts for it carry that thread's
    /// name ("painter NAME") and scheduling priority; a load failure is thrown here.
    /// </summary>
    public BatchingPainter(string name, Func<IBatchPainter> load, BatchingOptions options, PaintDemand demand, Func<string> provider,
        PainterHealth? health = null)
    {
        this.health = health;
        this.options = options;
        this.demand = demand;
        this.provider = provider;
        requests = Channel.CreateBounded<PaintRequest>(new BoundedChannelOptions(Math.Max(1, options.MaxBatch) * 4)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        // The job stages run on lower-priority stage threads; this thread (and ONNX Runtime's, started from it) keeps
        // the priority of the thread that created the batcher, so on a CPU-bound box the model wins the cores.
        // Inferences block, so the loop may block too.
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop = new Thread(() =>
        {
            try
            {
                painter = load();
            }
            catch (Exception ex)
            {
                loaded.SetException(ex);
                return;
            }
            loaded.SetResult();
            Run();
        })
        { IsBackground = true, Name = $"painter {name}" };
        loop.Start();
        try
        {
            loaded.Task.GetAwaiter().GetResult(); // the load's own exception, if it failed
        }
        catch
        {
            stopping.Dispose();
            throw;
        }
    }

    public PainterDescriptor Descriptor => painter.Descriptor;

    /// <param name="image">What to paint.</param>
    /// <param name="cancellationToken">Gives up the request (a batch already painting finishes without it).</param>
    /// <param name="started">Called once, on the painter's thread, as the batch with this image starts, with the
    /// batch's size: work that can run beside the painter starts then, and not while the job still waits for it. It
    /// must only hand work elsewhere; if it throws, its own request fails with that error and the batch paints without it.</param>
    public async Task<RgbaImage> PaintAsync(RgbaImage image, CancellationToken cancellationToken, Action<int>? started = null)
    {
        var request = new PaintRequest(image, started, cancellationToken);
        await requests.Writer.WriteAsync(request, cancellationToken);
        return await request.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Paints MaxBatch copies of the image as one inference (no other request joins it) and answers with the first: the
    /// start-up warm-up, so that what the execution provider allocates for its largest batch (ONNX Runtime's arena
    /// keeps it; on CUDA also the kernels chosen for that shape) is taken before the worker reports ready, not by the
    /// first busy moment's jobs. Triton's model warm-up names a batch size for the same reason.
    /// </summary>
    public Task<RgbaImage> PaintFullBatchAsync(RgbaImage image, CancellationToken cancellationToken) =>
        PaintCopiesAsync(image, options.MaxBatch, cancellationToken);

    /// <summary>
    /// Paints <paramref name="copies"/> copies of the image (at most MaxBatch) as one inference that no other request
    /// joins, and answers with the first: a warm-up at one batch size (on CUDA each new input shape's first run
    /// searches for its convolutions' kernels).
    /// </summary>
    public async Task<RgbaImage> PaintCopiesAsync(RgbaImage image, int copies, CancellationToken cancellationToken)
    {
        var request = new PaintRequest(image, null, cancellationToken) { Copies = Math.Clamp(copies, 1, Math.Max(1, options.MaxBatch)), Alone = true };
        await requests.Writer.WriteAsync(request, cancellationToken);
        return await request.Result.Task.WaitAsync(cancellationToken);
    }

    void Run()
    {
        var reader = requests.Reader;
        var batch = new List<PaintRequest>(options.MaxBatch);
        try
        {
            while (true)
            {
                batch.Clear();
                if (carried is { } held)
                {
                    batch.Add(held);
                    carried = null;
                }
                else
                {
                    batch.Add(reader.ReadAsync(stopping.Token).AsTask().GetAwaiter().GetResult());
                }
                Gather(reader, batch);
                Paint(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    void Gather(ChannelReader<PaintRequest> reader, List<PaintRequest> batch)
    {
        if (batch[0].Alone) return; // a warm-up's batch on its own
        var (width, height) = (batch[0].Image.Width, batch[0].Image.Height);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDelay.TotalSeconds * Stopwatch.Frequency);
        while (batch.Count < options.MaxBatch)
        {
            if (reader.TryRead(out var next))
            {
                if (!next.Alone && next.Image.Width == width && next.Image.Height == height)
                {
                    batch.Add(next);
                    continue;
                }
                carried = next; // another size (or a warm-up's copies) starts the next batch
                return;
            }
            var wait = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (demand.Upstream == 0 || wait <= TimeSpan.Zero)
                return;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(wait);
            try
            {
                reader.WaitToReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    void Paint(List<PaintRequest> batch)
    {
        var live = batch.Where(r => !r.CancellationToken.IsCancellationRequested).ToList();
        foreach (var canceled in batch.Except(live))
            canceled.Result.TrySetCanceled(canceled.CancellationToken);
        var starting = live.Count;
        live.RemoveAll(request => !TryStart(request, starting));
        if (live.Count == 0) return;

        var tags = new TagList { { "painter", Descriptor.Name }, { "provider", provider() } };
        var started = Stopwatch.GetTimestamp();
        try
        {
            // A device fault (often out of memory) on a batch: each job alone may still fit, and a job whose device
            // fails even alone is retried later rather than failed for a batch-mate's sake.
            if (!TryPaint(live, lastTry: live.Count == 1))
            {
                foreach (var request in live)
                    TryPaint([request], lastTry: true);
            }
        }
        finally
        {
            WorkerMetrics.BatchSize.Record(live.Sum(r => r.Copies), tags);
            WorkerMetrics.PaintDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    // The request's own "started" call; one that throws answers its request with the error, not the painter's loop.
    static bool TryStart(PaintRequest request, int batchSize)
    {
        try
        {
            request.Started?.Invoke(batchSize);
            return true;
        }
        catch (Exception ex)
        {
            request.Result.TrySetException(ex);
            return false;
        }
    }

    /// <summary>
    /// Paints the requests as one inference and answers each. A painter error is every request's answer; a device
    /// fault is answered with <see cref="PainterUnavailableException"/> (retried by the job's back-off) on the last
    /// try, and left unanswered (false) otherwise, for the caller to try again.
    /// </summary>
    bool TryPaint(List<PaintRequest> requests, bool lastTry)
    {
        try
        {
            // A full batch of copies is always alone in its batch; its answer is the first painting.
            var painted = painter.PaintBatch(requests.SelectMany(r => Enumerable.Repeat(r.Image, r.Copies)).ToList());
            health?.Painted();
            for (var i = 0; i < requests.Count; i++)
                requests[i].Result.TrySetResult(painted[i]);
            return true;
        }
        catch (Exception ex)
        {
            health?.Failed(Descriptor.Name, requests.Count, ex);
            var deviceFault = ExecutionProviderFaults.IsTransient(ex);
            if (deviceFault && !lastTry)
                return false;
            Exception answer = deviceFault ? new PainterUnavailableException(Descriptor.Name, ex) : ex;
            foreach (var request in requests)
                request.Result.TrySetException(answer);
            return true;
        }
    }

    /// <summary>
    /// Whether the loop has ended and the painter is released. False after <see cref="Dispose"/> only where an
    /// inference outlasted <see cref="StopWait"/>: its painter (and a model it shares) is then left alive, because
    /// releasing a session while it runs crashes the process.
    /// </summary>
    public bool Stopped { get; private set; }

    /// <summary>How long disposal waits for the inference in progress (a full batch on a busy CPU takes seconds).</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromMinutes(2);

    public void Dispose()
    {
        if (Stopped) return;
        requests.Writer.TryComplete();
        stopping.Cancel();
        if (!loop.Join(StopWait)) return;
        // Requests the loop never took: their callers hear that the painter is gone instead of waiting forever.
        var gone = new ObjectDisposedException(nameof(BatchingPainter), $"The painter {Descriptor.Name} stopped before this request was painted.");
        carried?.Result.TrySetException(gone);
        while (requests.Reader.TryRead(out var request))
            request.Result.TrySetException(gone);
        stopping.Dispose();
        painter?.Dispose();
        Stopped = true;
    }

    sealed record PaintRequest(RgbaImage Image, Action<int>? Started, CancellationToken CancellationToken)
    {
        /// <summary>How many times the image is painted in the request's batch: 1, or a warm-up's batch size.</summary>
        public int Copies { get; init; } = 1;

        /// <summary>A warm-up's request: painted in a batch of its own.</summary>
        public bool Alone { get; init; }

        public TaskCompletionSource<RgbaImage> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
