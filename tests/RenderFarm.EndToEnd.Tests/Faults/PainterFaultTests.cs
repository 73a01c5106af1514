using System.Net;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using RenderFarm.Contracts;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.EndToEnd.Tests.Faults;

/// <summary>
/// A GPU that fails under the painter (out of memory, a CUDA error) is the device's fault, not the photo's: the job
/// is retried, not failed as painter_failed at once, and a worker whose painter keeps failing reports not-ready. The
/// farm is real (broker, Redis, blob store, Gateway, Worker); only the painter is a stand-in whose device can be made
/// to fail with ONNX Runtime's own exception, as its CUDA provider throws it.
/// </summary>
[Collection(FarmCollection.Name)]
public sealed class PainterFaultTests
{
    const string Painter = "sickgpu";

    /// <summary>Paints (returns the photo) unless told to fail its next inferences with a CUDA out-of-memory error.</summary>
    sealed class SickDevice : IBatchPainterSource, IBatchPainter
    {
        int failuresLeft;

        public void FailNext(int inferences) => Volatile.Write(ref failuresLeft, inferences);

        public PainterDescriptor Descriptor { get; } = new() { Name = Painter, Kind = "external", Medium = "oil", File = "", Sha256 = "" };

        public IBatchPainter? TryLoad(PainterDescriptor descriptor) => descriptor.Name == Painter ? this : null;

        public IReadOnlyList<RgbaImage> PaintBatch(IReadOnlyList<RgbaImage> images)
        {
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
                throw CudaOutOfMemory();
            return images;
        }

        public void Dispose() { }

        static OnnxRuntimeException CudaOutOfMemory()
        {
            var fail = Enum.ToObject(typeof(OnnxRuntimeException).Assembly.GetType("Microsoft.ML.OnnxRuntime.ErrorCode", throwOnError: true)!, 1);
            return (OnnxRuntimeException)Activator.CreateInstance(typeof(OnnxRuntimeException), BindingFlags.NonPublic | BindingFlags.Instance, null,
                [fail, "CUDA failure 2: out of memory ; GPU=0 ; expr=cudaMalloc((void**)&p, size)"], null)!;
        }
    }

    static Dictionary<string, string?> Settings()
    {
        var manifest = Path.Combine(ScratchDirectories.New("renderfarm-manifest-"), "manifest.json");
        File.WriteAllText(manifest, $$"""{ "painters": [ { "name": "{{Painter}}", "kind": "external", "medium": "oil", "file": "", "sha256": "" } ] }""");
        var settings = FarmSettings.Create(manifest);
        for (var i = 0; i < 3; i++)
            settings[$"PaintRetry:Intervals:{i}"] = "00:00:01";
        return settings;
    }

    static async Task<HttpClient> StartWorkerAsync(TestFarm farm, SickDevice device, List<IAsyncDisposable> owned)
    {
        var worker = new FarmHost<PaintPortraitConsumer>(farm.Settings, configureServices: s => s.AddSingleton<IBatchPainterSource>(device));
        owned.Add(worker);
        var client = worker.CreateClient();
        await Eventually.WaitForAsync(async () => (await client.GetAsync("/health/ready")).StatusCode, code => code == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the worker to be ready");
        return client;
    }

    [Fact]
    public async Task A_job_whose_gpu_runs_out_of_memory_twice_is_retried_and_succeeds()
    {
        var device = new SickDevice();
        var settings = Settings();
        await using var farm = TestFarm.Start(settings, withWorker: false);
        var owned = new List<IAsyncDisposable>();
        try
        {
            await StartWorkerAsync(farm, device, owned);
            device.FailNext(2);

            var job = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: Painter);
            var status = await farm.WaitForEndAsync(job.Id, TimeSpan.FromSeconds(60));

            Assert.Equal(JobStatus.Succeeded, status.GetProperty("status").GetString());
        }
        finally
        {
            foreach (var host in owned) await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_worker_whose_gpu_keeps_failing_reports_not_ready_without_failing_the_job_at_once_and_recovers()
    {
        var device = new SickDevice();
        await using var farm = TestFarm.Start(Settings(), withWorker: false);
        var owned = new List<IAsyncDisposable>();
        try
        {
            var worker = await StartWorkerAsync(farm, device, owned);
            device.FailNext(int.MaxValue);

            var doomed = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: Painter);
            await Eventually.WaitForAsync(async () => (await worker.GetAsync("/health/ready")).StatusCode,
                code => code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "the worker to report not-ready");
            Assert.Equal(JobStatus.Processing, (await farm.GetStatusAsync(doomed.Id)).GetProperty("status").GetString());

            var ended = await farm.WaitForEndAsync(doomed.Id, TimeSpan.FromSeconds(60));
            Assert.Equal(JobStatus.Failed, ended.GetProperty("status").GetString());
            Assert.Equal(ErrorCodes.PainterFailed, ended.GetProperty("error").GetProperty("code").GetString());
            Assert.True(await farm.SourceGoneSoonAsync(doomed.Id), "the failed job's photo stayed");

            // The device heals: the next job paints and the worker is ready again.
            device.FailNext(0);
            var next = await farm.UploadAsync(SharedData.Face("hopper.jpg"), style: Painter);
            Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(next.Id, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            foreach (var host in owned) await host.DisposeAsync();
        }
    }
}
