using System.Collections.Concurrent;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Painting;

public class BatchingPainterTests
{
    /// <summary>Records the batches it is given (pure batching logic; real painting is tested with real models).</summary>
    sealed class RecordingPainter : IBatchPainter
    {
        public ConcurrentQueue<int> Batches { get; } = new();
        public PainterDescriptor Descriptor { get; } = new() { Name = "recording", Medium = "test", File = "", Sha256 = "" };

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
        {
            Batches.Enqueue(images.Count);
            Thread.Sleep(20);
            return images.Select(i => i with { Pixels = (byte[])i.Pixels.Clone() }).ToList();
        }

        public void Dispose() { }
    }

    [Fact]
    public async Task Requests_arriving_together_are_painted_in_batches_no_larger_than_max()
    {
        var recorder = new RecordingPainter();
        var demand = new PaintDemand();
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromMilliseconds(200) }, demand, () => "test");
        var arrivals = Enumerable.Range(0, 8).Select(_ => demand.Expect()).ToList();

        var jobs = Enumerable.Range(0, 8).Select(i =>
        {
            arrivals[i].Dispose();
            return batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        }).ToList();
        await Task.WhenAll(jobs).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(8, recorder.Batches.Sum());
        Assert.All(recorder.Batches, size => Assert.InRange(size, 1, 4));
        Assert.True(recorder.Batches.Count < 8, $"batches {string.Join(",", recorder.Batches)}: nothing was batched");
    }

    [Fact]
    public async Task The_painter_keeps_its_own_priority_when_requests_come_from_lowered_stage_threads()
    {
        var painterNice = new ConcurrentQueue<(string? Thread, int Nice)>();
        var recorder = new ObservingPainter(() => painterNice.Enqueue((Thread.CurrentThread.Name, ThreadNice.Current())));
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 1 }, new PaintDemand(), () => "test");
        using var stageThreads = new StageThreads(Microsoft.Extensions.Options.Options.Create(new StageThreadOptions { StageThreads = 1, StageNice = 10 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StageThreads>.Instance);
        var expected = ThreadNice.Current();

        var painting = await stageThreads.RunAsync(() => batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None)).Unwrap();

        Assert.Equal(8, painting.Width);
        var (thread, nice) = Assert.Single(painterNice);
        Assert.Equal("painter observing", thread);
        Assert.Equal(expected, nice);
    }

    [Fact]
    public void A_painter_that_fails_to_load_fails_the_batcher_with_its_own_error()
    {
        var error = Assert.Throws<PainterContractException>(() => new BatchingPainter("broken",
            () => throw new PainterContractException("broken", "input 'x' is not float32"), new BatchingOptions(), new PaintDemand(), () => "test"));

        Assert.Contains("not float32", error.Message);
    }

    sealed class ObservingPainter(Action observe) : IBatchPainter
    {
        public PainterDescriptor Descriptor { get; } = new() { Name = "observing", Medium = "test", File = "", Sha256 = "" };

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
        {
            observe();
            return images;
        }

        public void Dispose() { }
    }

    [Fact]
    public async Task A_lone_request_on_an_idle_worker_does_not_wait_for_company()
    {
        var recorder = new RecordingPainter();
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 8, MaxDelay = TimeSpan.FromMinutes(5) },
            new PaintDemand(), () => "test");

        await batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([1], recorder.Batches);
    }

    /// <summary>Paints nothing until the test opens its gate, and notes which jobs had started when each batch came in.</summary>
    sealed class GatedPainter(Func<string> started) : IBatchPainter
    {
        public SemaphoreSlim Gate { get; } = new(0);
        public ConcurrentQueue<string> StartedAtEachBatch { get; } = new();
        public ConcurrentQueue<int> Sizes { get; } = new();
        public PainterDescriptor Descriptor { get; } = new() { Name = "gated", Medium = "test", File = "", Sha256 = "" };

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
        {
            StartedAtEachBatch.Enqueue(started());
            Sizes.Enqueue(images.Count);
            Gate.Wait();
            return images;
        }

        public void Dispose() => Gate.Dispose();
    }

    [Fact]
    public async Task A_job_s_started_call_comes_as_its_batch_starts_not_while_it_waits_for_the_painter()
    {
        var started = new ConcurrentQueue<string>();
        var painter = new GatedPainter(() => string.Concat(started));
        using var batcher = new BatchingPainter(painter, new BatchingOptions { MaxBatch = 1 }, new PaintDemand(), () => "test");

        var first = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None, _ => started.Enqueue("A"));
        while (painter.StartedAtEachBatch.IsEmpty) await Task.Delay(5);
        var second = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None, _ => started.Enqueue("B"));
        await Task.Delay(100);

        Assert.Equal("A", string.Concat(started)); // the second job waits for the painter: not started
        painter.Gate.Release(2);
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["A", "AB"], painter.StartedAtEachBatch);
    }

    [Fact]
    public async Task A_full_batch_warm_up_paints_max_batch_copies_as_one_inference_that_no_job_joins()
    {
        var painter = new GatedPainter(() => "");
        var demand = new PaintDemand();
        using var batcher = new BatchingPainter(painter, new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromSeconds(5) }, demand, () => "test");

        var first = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        while (painter.Sizes.IsEmpty) await Task.Delay(5);
        var expected = demand.Expect(); // more jobs on their way: the next batch would wait to fill
        var before = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        var warmup = batcher.PaintFullBatchAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        var after = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        expected.Dispose();
        painter.Gate.Release(4);
        var painted = await warmup.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.WhenAll(first, before, after).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([1, 1, 4, 1], painter.Sizes);
        Assert.Equal((8, 10), (painted.Width, painted.Height));
    }

    [Fact]
    public async Task A_warm_up_at_a_smaller_size_is_painted_alone_at_that_size_even_among_waiting_jobs()
    {
        var painter = new GatedPainter(() => "");
        using var batcher = new BatchingPainter(painter, new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromSeconds(5) }, new PaintDemand(), () => "test");

        var first = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        while (painter.Sizes.IsEmpty) await Task.Delay(5);
        var before = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        var two = batcher.PaintCopiesAsync(RgbaImage.Allocate(8, 10), 2, CancellationToken.None);
        var one = batcher.PaintCopiesAsync(RgbaImage.Allocate(8, 10), 1, CancellationToken.None);
        var after = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None);
        var tooMany = batcher.PaintCopiesAsync(RgbaImage.Allocate(8, 10), 9, CancellationToken.None);
        painter.Gate.Release(6);
        await Task.WhenAll(first, before, two, one, after, tooMany).WaitAsync(TimeSpan.FromSeconds(20));

        // The jobs never join a warm-up's batch, nor one warm-up another's; more copies than MaxBatch are a full batch.
        Assert.Equal([1, 1, 2, 1, 1, 4], painter.Sizes);
    }

    [Fact]
    public async Task Each_job_s_started_call_is_told_the_size_of_the_batch_it_is_painted_in()
    {
        var recorder = new RecordingPainter();
        var demand = new PaintDemand();
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromMilliseconds(200) }, demand, () => "test");
        var arrivals = Enumerable.Range(0, 6).Select(_ => demand.Expect()).ToList();
        var told = new ConcurrentQueue<int>();

        var jobs = Enumerable.Range(0, 6).Select(i =>
        {
            arrivals[i].Dispose();
            return batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None, told.Enqueue);
        }).ToList();
        await Task.WhenAll(jobs).WaitAsync(TimeSpan.FromSeconds(10));

        // A batch of k jobs tells each of its k jobs "k".
        Assert.Equal(recorder.Batches.SelectMany(size => Enumerable.Repeat(size, size)).Order(), told.Order());
    }

    [Fact]
    public async Task A_started_call_that_throws_fails_its_own_job_and_the_others_are_painted()
    {
        var recorder = new RecordingPainter();
        var demand = new PaintDemand();
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 4, MaxDelay = TimeSpan.FromMilliseconds(200) }, demand, () => "test");
        var arrivals = Enumerable.Range(0, 2).Select(_ => demand.Expect()).ToList();

        arrivals[0].Dispose();
        var failing = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None, _ => throw new InvalidOperationException("stage threads stopped"));
        arrivals[1].Dispose();
        var painted = batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None, _ => { });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("stage threads stopped", error.Message);
        Assert.Equal(8, (await painted.WaitAsync(TimeSpan.FromSeconds(20))).Width);
        Assert.Equal(1, recorder.Batches.Sum());
    }

    [Fact]
    public async Task Images_of_different_sizes_are_never_in_one_batch()
    {
        var recorder = new RecordingPainter();
        var demand = new PaintDemand();
        using var expecting = demand.Expect(); // keeps the batcher gathering until MaxDelay
        using var batcher = new BatchingPainter(recorder, new BatchingOptions { MaxBatch = 8, MaxDelay = TimeSpan.FromMilliseconds(300) }, demand, () => "test");

        var small = Enumerable.Range(0, 3).Select(_ => batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None));
        var large = Enumerable.Range(0, 3).Select(_ => batcher.PaintAsync(RgbaImage.Allocate(16, 20), CancellationToken.None));
        var results = await Task.WhenAll(small.Concat(large)).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(6, recorder.Batches.Sum());
        Assert.True(recorder.Batches.Count >= 2);
        Assert.Equal(3, results.Count(r => r.Width == 8));
    }

    [Fact]
    public async Task Batch_of_two_real_portraits_equals_two_single_paintings()
    {
        using var single = Painters.CreateRegistry(new BatchingOptions { MaxBatch = 1 }, SharedData.NeuralManifest);
        using var batched = Painters.CreateRegistry(new BatchingOptions { MaxBatch = 2, MaxDelay = TimeSpan.FromSeconds(5) }, SharedData.NeuralManifest);
        var decoder = new SourceDecoder();
        var framer = new PortraitFramer(Microsoft.Extensions.Options.Options.Create(new CanvasOptions { Width = 128, Height = 160 }));
        var a = framer.Frame(decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg")))).Image;
        var b = framer.Frame(decoder.Decode(await File.ReadAllBytesAsync(SharedData.Face("astronaut.png")))).Image;
        single.TryGet("udnie", out var one);
        batched.TryGet("udnie", out var two);

        var alone = new[] { await one.PaintAsync(a, CancellationToken.None), await one.PaintAsync(b, CancellationToken.None) };
        var together = await Task.WhenAll(two.PaintAsync(a, CancellationToken.None), two.PaintAsync(b, CancellationToken.None));

        for (var i = 0; i < 2; i++)
        {
            var worst = alone[i].Pixels.Zip(together[i].Pixels, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1, $"image {i}: batched result differs by {worst}");
        }
    }
}
