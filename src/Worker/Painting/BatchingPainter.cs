using System.Diagnostics;
using System.Threading.Channels;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// The dynamic batcher in front of one painter (Triton-style): requests queue in a bounded channel; one loop takes
/// the first, gathers more of the same size until MaxBatch or MaxDelay (waiting only while more jobs are on their
/// way), paints them as one batch on the execution provider, and hands each job its own result.
/// </summary>
public sealed class BatchingPainter : IDisposable
{
    readonly IBatchPainter painter;
    readonly BatchingOptions options;
    readonly PaintDemand demand;
    readonly Func<string> provider;
    readonly Channel<PaintRequest> requests;
    readonly CancellationTokenSource stopping = new();
    readonly Task loop;
    PaintRequest? carried;

    public BatchingPainter(IBatchPainter painter, BatchingOptions options, PaintDemand demand, Func<string> provider)
    {
        this.painter = painter;
        this.options = options;
        this.demand = demand;
        this.provider = provider;
        requests = Channel.CreateBounded<PaintRequest>(new BoundedChannelOptions(Math.Max(1, options.MaxBatch) * 4)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        loop = Task.Factory.StartNew(RunAsync, TaskCreationOptions.LongRunning).Unwrap();
    }

    public PainterDescriptor Descriptor => painter.Descriptor;

    public async Task<RgbaImage> PaintAsync(RgbaImage image, CancellationToken cancellationToken)
    {
        var request = new PaintRequest(image, cancellationToken);
        await requests.Writer.WriteAsync(request, cancellationToken);
        return await request.Result.Task.WaitAsync(cancellationToken);
    }

    async Task RunAsync()
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
                    batch.Add(await reader.ReadAsync(stopping.Token));
                }
                await GatherAsync(reader, batch);
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

    async Task GatherAsync(ChannelReader<PaintRequest> reader, List<PaintRequest> batch)
    {
        var (width, height) = (batch[0].Image.Width, batch[0].Image.Height);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDelay.TotalSeconds * Stopwatch.Frequency);
        while (batch.Count < options.MaxBatch)
        {
            if (reader.TryRead(out var next))
            {
                if (next.Image.Width == width && next.Image.Height == height)
                {
                    batch.Add(next);
                    continue;
                }
                carried = next; // another size starts the next batch
                return;
            }
            var wait = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (demand.Upstream == 0 || wait <= TimeSpan.Zero)
                return;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(wait);
            try
            {
                await reader.WaitToReadAsync(timeout.Token);
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
        if (live.Count == 0) return;

        var tags = new TagList { { "painter", Descriptor.Name }, { "provider", provider() } };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var painted = painter.PaintBatch(live.Select(r => r.Image).ToList());
            for (var i = 0; i < live.Count; i++)
                live[i].Result.TrySetResult(painted[i]);
        }
        catch (Exception ex)
        {
            foreach (var request in live)
                request.Result.TrySetException(ex);
        }
        finally
        {
            WorkerMetrics.BatchSize.Record(live.Count, tags);
            WorkerMetrics.PaintDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    public void Dispose()
    {
        requests.Writer.TryComplete();
        stopping.Cancel();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }
        stopping.Dispose();
        painter.Dispose();
    }

    sealed record PaintRequest(RgbaImage Image, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<RgbaImage> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
