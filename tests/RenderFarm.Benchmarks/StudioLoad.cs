using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Consumers;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm bench studio-load` (flags: `--help`): the worker's studio kept busy in this process, with as many jobs in
/// flight as a worker's consumer takes (2 × MaxBatch), no services — the worker's CPU outside the model per portrait
/// and the portraits per second on whatever provider paints. It needs no RabbitMQ, Redis or blob store, so it runs on
/// a GPU machine that has none of them (scripts/gpu-check.sh worker): the farm bench's part 2-3 measures the same
/// threads with the services' share beside them.
/// </summary>
public static class StudioLoad
{
    static readonly string[] Faces = ["astronaut.png", "camera.png", "hopper.jpg", "kodim04.png", "kodim12.png", "kodim18.png"];

    public static Command Create()
    {
        var provider = new Option<string>("--provider") { Description = "The painters' execution provider", DefaultValueFactory = _ => "auto" }
            .AcceptOnlyFromAmong("auto", "cuda", "cpu");
        var jobs = new Option<int>("--jobs") { Description = "Measured portraits", DefaultValueFactory = _ => 256 };
        // Tier-up (30 calls per method), every painter batch size's first run (CUDA picks its kernels per shape).
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured portraits first, in flight the same way", DefaultValueFactory = _ => 96 };
        var inFlight = new Option<int>("--in-flight") { Description = "Jobs in flight; 0: as a worker's consumer takes (2 × MaxBatch)", DefaultValueFactory = _ => 0 };
        var set = new Option<string[]>("--set") { Description = "A worker setting, KEY=VALUE (Batching:MaxBatch=8, Execution:StageModels=host); repeatable" };
        // One face (the farm bench's upload): every job the same artwork, so the painter's batches fill as a queue of one
        // style's jobs fills them. Six faces: as many styles as the six choose, each painter batching its own.
        var faces = new Option<string>("--faces") { Description = "one: astronaut.png each time, as the farm bench uploads; six: the six test faces in turn", DefaultValueFactory = _ => "one" }
            .AcceptOnlyFromAmong("one", "six");
        var phone = new Option<bool>("--phone") { Description = "Each face as a 12-megapixel phone JPEG (4032×3024) instead of its own small file" };
        var command = new Command("studio-load", "The worker's studio kept busy in this process, no services: CPU outside the model per portrait, portraits/s")
        {
            provider, jobs, warmup, inFlight, set, faces, phone,
        };
        command.SetAction(result => RunAsync(result.GetValue(provider)!, result.GetValue(jobs), result.GetValue(warmup), result.GetValue(inFlight),
            result.GetValue(set) ?? [], result.GetValue(faces) == "six" ? Faces : Faces[..1], result.GetValue(phone)));
        return command;
    }

    static async Task<int> RunAsync(string provider, int jobs, int warmup, int inFlight, string[] set, string[] faces, bool phone)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var pair in set)
        {
            var split = pair.IndexOf('=');
            if (split <= 0) throw new ArgumentException($"--set takes KEY=VALUE, not '{pair}'");
            overrides[pair[..split]] = pair[(split + 1)..];
        }
        using var host = StudioHost.Build(SharedData.RepoManifest, [SharedData.RepoModels, SharedData.Models, SharedData.Styles], provider, overrides);
        var started = Stopwatch.GetTimestamp();
        // The hosted services (the warm-up, the stage threads' stopper) without the host's console lifetime: a SIGTERM
        // (a timeout) then ends the bench at once, instead of stopping the stage threads under its jobs.
        var services = host.Services.GetServices<IHostedService>().ToList();
        foreach (var service in services)
            await service.StartAsync(CancellationToken.None);
        var warm = host.Services.GetRequiredService<StudioWarmup>();
        while ((await warm.CheckHealthAsync(new())).Description is "painters are warming up")
            await Task.Delay(50);
        var ready = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var batching = host.Services.GetRequiredService<IOptions<BatchingOptions>>().Value;
        var execution = host.Services.GetRequiredService<IOptions<ExecutionOptions>>().Value;
        var painters = host.Services.GetRequiredService<PainterRegistry>();
        var batchedStages = host.Services.GetRequiredService<FaceDetector>().Batches is not null;
        if (inFlight <= 0) inFlight = PaintPortraitConsumerDefinition.ConcurrentJobs(batching);
        var photos = faces.Select(f => phone ? TestPhotos.CameraSizedJpeg(f, 4032, 3024) : File.ReadAllBytes(SharedData.Face(f))).ToList();

        using var runs = new RunSizes();
        await RunJobsAsync(studio, photos, warmup, inFlight, null);
        runs.Reset();
        var timings = new Dictionary<string, List<double>>();
        var threadsBefore = ThreadCpu.Take();
        var cpuBefore = CpuAccount.Take([Environment.ProcessId]);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await RunJobsAsync(studio, photos, jobs, inFlight, timings);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuAccount.Take([Environment.ProcessId]).Minus(cpuBefore).Seconds;
        var threads = ThreadCpu.Take().Minus(threadsBefore);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        for (var i = services.Count - 1; i >= 0; i--)
            await services[i].StopAsync(CancellationToken.None);

        string F(double v, int digits = 1) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
        double PerPortrait(string part) => cpu[part] * 1000 / jobs;
        var outside = PerPortrait("worker: stage threads") + PerPortrait("worker: rest");
        var stageModels = execution.StageModelsOnHost(Environment.ProcessorCount) ? "on the host's cores" : $"on {painters.Provider}";
        Console.WriteLine($"## The studio kept busy in one process, no services: {jobs} portraits after {warmup} unmeasured, {inFlight} in flight, " +
            $"MaxBatch {batching.MaxBatch}, painters on {painters.Provider}, stage models {stageModels}{(batchedStages ? ", batched" : ", a job at a time")}, " +
            $"{Environment.ProcessorCount} cores, {string.Join(", ", faces)}{(phone ? " as 12-megapixel phone JPEGs" : "")}; ready in {F(ready)} s");
        Console.WriteLine();
        Console.WriteLine("| portraits/s | worker CPU outside the model, core-ms per portrait | stage threads | rest | painter thread(s) | JIT tier-up | 16 cores could feed, portraits/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {F(jobs / seconds)} | **{F(outside)}** | {F(PerPortrait("worker: stage threads"))} | {F(PerPortrait("worker: rest"))} | " +
            $"{F(PerPortrait("worker: painter"))} | {F(PerPortrait("worker: JIT tier-up"))} | {F(16000 / outside, 0)} |");
        Console.WriteLine();
        Console.WriteLine("- runs: " + string.Join("; ", runs.Sizes().OrderBy(p => p.Key).Select(p =>
            $"{p.Key} {p.Value.Runs} for {p.Value.Items} ({F(p.Value.Items / (double)Math.Max(1, p.Value.Runs), 2)} a run)")));
        Console.WriteLine("- stage model runs, wall ms each (mean): " + string.Join("; ", runs.Durations().OrderBy(p => p.Key).Select(p =>
            $"{p.Key} {F(p.Value.Ms / Math.Max(1, p.Value.Runs), 2)}")));
        Console.WriteLine("- stages, ms per portrait p50 / mean (wall, waits included): " + string.Join("; ", timings.Select(t =>
            $"{t.Key} {F(Stats.Median(t.Value))} / {F(t.Value.Average())}")));
        Console.WriteLine("- threads by name, core-ms per portrait: " + string.Join("; ", threads.Where(t => t.Value * 1000 / jobs >= 0.05)
            .OrderByDescending(t => t.Value).Select(t => $"{t.Key} {F(t.Value * 1000 / jobs, 2)}")));
        Console.WriteLine($"- allocated {F(allocated / 1048576.0 / jobs, 2)} MiB per portrait");
        return 0;
    }

    // Jobs taken by inFlight loops from one counter, as a consumer with that many messages in flight takes them.
    static async Task RunJobsAsync(PortraitStudio studio, IReadOnlyList<byte[]> photos, int count, int inFlight, Dictionary<string, List<double>>? timings)
    {
        var next = -1;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var stages = new StageTimer();
                await studio.PaintAsync(photos[index % photos.Count], "auto", stages, CancellationToken.None);
                if (timings is null) continue;
                lock (gate)
                    foreach (var (stage, ms) in stages.TimingsMs)
                        (timings.TryGetValue(stage, out var list) ? list : timings[stage] = []).Add(ms);
            }
        })));
    }
}
