using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Farm.Painters;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// How the batcher answers a painter whose device fails (pure batching logic on a faked painter; the error is ONNX
/// Runtime's own exception type with the message its CUDA provider writes on out-of-memory).
/// </summary>
public class DeviceFaultTests
{
    /// <summary>ONNX Runtime's exception as its CUDA provider throws it (its constructor and error codes are internal).</summary>
    internal static OnnxRuntimeException CudaOutOfMemory()
    {
        var fail = Enum.ToObject(typeof(OnnxRuntimeException).Assembly.GetType("Microsoft.ML.OnnxRuntime.ErrorCode", throwOnError: true)!, 1);
        return (OnnxRuntimeException)Activator.CreateInstance(typeof(OnnxRuntimeException), BindingFlags.NonPublic | BindingFlags.Instance, null,
            [fail, "CUDA failure 2: out of memory ; GPU=0 ; expr=cudaMalloc((void**)&p, size)"], null)!;
    }

    /// <summary>Fails every inference larger than <paramref name="fitsAtMost"/> images, or every one while <paramref name="sick"/>.</summary>
    sealed class SmallDevicePainter(int fitsAtMost, Func<Exception>? sick = null) : IBatchPainter
    {
        public ConcurrentQueue<int> Inferences { get; } = new();
        public PainterDescriptor Descriptor { get; } = new() { Name = "small-device", Medium = "test", File = "", Sha256 = "" };

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
        {
            Inferences.Enqueue(images.Count);
            if (sick is not null) throw sick();
            if (images.Count > fitsAtMost) throw CudaOutOfMemory();
            return images;
        }

        public void Dispose() { }
    }

    static (BatchingPainter Batcher, PainterHealth Health) Batcher(IBatchPainter painter, int maxBatch = 4, PaintDemand? demand = null)
    {
        var options = new BatchingOptions { MaxBatch = maxBatch, MaxDelay = TimeSpan.FromSeconds(2), FailuresBeforeNotReady = 3 };
        var health = new PainterHealth(Options.Create(options), NullLogger<PainterHealth>.Instance);
        return (new BatchingPainter(painter, options, demand ?? new PaintDemand(), () => "test", health), health);
    }

    static async Task<HealthStatus> StatusAsync(PainterHealth health) =>
        (await health.CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task A_batch_the_device_cannot_hold_is_painted_one_by_one_and_every_job_gets_its_painting()
    {
        var painter = new SmallDevicePainter(fitsAtMost: 1);
        var demand = new PaintDemand();
        var expecting = demand.Expect(); // the batcher gathers all four into one batch
        var (batcher, health) = Batcher(painter, demand: demand);
        using var _ = batcher;

        var jobs = Enumerable.Range(0, 4).Select(_ => batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None)).ToList();
        expecting.Dispose();
        var paintings = await Task.WhenAll(jobs).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(4, paintings.Length);
        Assert.Contains(painter.Inferences, size => size > 1); // the batch was tried and failed
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(health));
        Assert.Equal(0, health.FailuresInARow);
    }

    [Fact]
    public async Task A_device_that_fails_even_one_image_makes_the_job_retryable_and_the_worker_not_ready()
    {
        var (batcher, health) = Batcher(new SmallDevicePainter(fitsAtMost: 0, sick: CudaOutOfMemory), maxBatch: 1);
        using var _ = batcher;

        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<PainterUnavailableException>(() => batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None));
            Assert.IsType<OnnxRuntimeException>(error.InnerException);
        }

        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync(health));
        Assert.True(RenderFarm.Worker.Consumers.TransientFaults.IsTransient(new PainterUnavailableException("x", CudaOutOfMemory())));
    }

    [Fact]
    public async Task A_painter_error_that_is_not_the_devices_fails_the_job_with_that_error()
    {
        var (batcher, health) = Batcher(new SmallDevicePainter(fitsAtMost: 8, sick: () => new InvalidOperationException("graph broke")), maxBatch: 1);
        using var _ = batcher;

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.PaintAsync(RgbaImage.Allocate(8, 10), CancellationToken.None));

        Assert.Equal(1, health.FailuresInARow);
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(health));
    }
}
