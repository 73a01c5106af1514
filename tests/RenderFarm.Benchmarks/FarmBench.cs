using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm bench`: one run, one machine — the bare model (part 1), the worker through the real bus and blob store
/// (parts 2–3), single-job latency (4), scale-out with a simulated GPU (5), memory over many jobs (6); printed as the
/// markdown of docs/PERFORMANCE.md.
/// </summary>
public static class FarmBench
{
    /// <param name="options">The run's flags.</param>
    /// <param name="commandLine">The flags as typed, for the report's header.</param>
    public static async Task<int> RunAsync(BenchOptions options, string commandLine)
    {
        string[] Stages = ["download", "decode", "detect", "frame", "segment", "style", "ground", "paint", "tone", "encode", "upload"];
        var report = new StringBuilder();
        void Say(string line = "")
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }
        string F(double value, int digits = 1) => value.ToString($"F{digits}", CultureInfo.InvariantCulture);

        Say($"# RenderFarm benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Say();
        Say($"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}");
        Say($"- runtime: .NET {Environment.Version}, ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}, execution provider: {options.Provider}");
        Say($"- command: ./farm bench {commandLine}");
        Say();

        var astronaut = await File.ReadAllBytesAsync(SharedData.Face("astronaut.png"));
        var hopper = await File.ReadAllBytesAsync(SharedData.Face("hopper.jpg"));
        // What the worker paints in parts 2-4 (--photo); part 1's bare model always paints the astronaut's canvas.
        var upload = options.Photo == "portrait-shot" ? TestPhotos.PortraitShotJpeg("astronaut.png", 3024, 4032) : astronaut;
        var uploadName = options.Photo == "portrait-shot" ? $"a {upload.Length / 1024} KiB phone portrait shot, 3024x4032 stored sideways" : "astronaut.png";

        if (!options.SkipModel)
        {
            // 1. Bare ONNX Runtime on a canvas-sized portrait.
            var canvas = new CanvasOptions();
            var framed = new PortraitFramer(Options.Create(canvas)).Frame(new SourceDecoder().Decode(astronaut)).Image;
            var catalog = new PainterCatalog(Options.Create(new PainterOptions
            {
                // The painter alone, from either repo manifest: the default (udnie) is a network, not a shipped style.
                Manifest = TestManifests.Only(options.Painter),
                ModelDirectories = [SharedData.RepoModels, SharedData.Models, SharedData.Styles],
            }), NullLogger<PainterCatalog>.Instance);
            if (!catalog.TryGet(options.Painter, out var descriptor, out var modelPath))
                throw new ArgumentException($"painter {options.Painter} is not available");
            var sessions = new SessionFactory(Options.Create(new ExecutionOptions { Provider = options.Provider }), NullLogger<SessionFactory>.Instance);
            double bare1, bareN, bareCpuPerImage;
            // An artwork painter is the shared stylizer with the artwork's style code, as the worker loads it.
            using var stylizer = descriptor.IsArtwork ? new Stylizer(catalog.Stylizer!, sessions) : null;
            float[]? styleCode = stylizer?.Encode(ArtworkImage.Load(modelPath, stylizer.Files.StyleShortSide));
            IBatchPainter BarePainter() => stylizer is not null ? new ArtworkPainter(descriptor, stylizer, styleCode!) : new OnnxPainter(descriptor, sessions.Create(modelPath));
            using (var bare = BarePainter())
            {
                bare1 = ImagesPerSecond(bare, framed, 1, runs: 10, out bareCpuPerImage);
                bareN = ImagesPerSecond(bare, framed, options.Batch, runs: Math.Max(3, 24 / options.Batch), out _);
            }
            Say($"## 1. Bare ONNX Runtime: {options.Painter} at {canvas.Width}x{canvas.Height} on {sessions.ProviderInUse}");
            Say();
            Say("| batch | images/s | ms per image |");
            Say("|---:|---:|---:|");
            Say($"| 1 | {F(bare1, 2)} | {F(1000 / bare1)} |");
            if (options.Batch > 1)
                Say($"| {options.Batch} | {F(bareN, 2)} | {F(1000 / bareN)} |");
            if (options.BareBatches.Length > 0)
            {
                using var sweep = BarePainter();
                foreach (var batch in options.BareBatches)
                {
                    var rate = ImagesPerSecond(sweep, framed, batch, runs: Math.Max(3, 16 / batch), out _);
                    Say($"| {batch} | {F(rate, 2)} | {F(1000 / rate)} |");
                }
            }
            Say();
            // 1b. Decoding a phone photo: the worker decodes JPEGs no larger than framing needs (SourceDecoder.MinShortSide).
            {
                var phone = TestPhotos.CameraSizedJpeg("astronaut.png", 4032, 3024);
                double DecodeMs(SourceDecoder decoder)
                {
                    decoder.Decode(phone);
                    var times = new List<double>();
                    for (var i = 0; i < 7; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        var image = decoder.Decode(phone);
                        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    return Stats.Median(times);
                }
                var full = DecodeMs(new SourceDecoder { MinShortSide = 0 });
                var worker = new SourceDecoder();
                var scaled = DecodeMs(worker);
                var decodedWidth = worker.Decode(phone).Width;
                var turbo = TurboJpegLibrary.TryLoad(TurboJpegLibrary.DefaultName, out var library, out var reason)
                    ? $"{F(DecodeMs(new SourceDecoder { TurboJpeg = library }))} ms with libjpeg-turbo" : $"no libjpeg-turbo ({reason})";
                Say($"Decoding a 4032x3024 JPEG ({phone.Length / 1024} KiB, a 12-megapixel phone photo) with Skia: full size {F(full)} ms; as the worker decodes it ({decodedWidth} pixels wide) {F(scaled)} ms, {turbo}.");
                Say();
            }

            if (options.BareOnly)
                return 0;

            // 2-4. The worker, a real process, fed through the Gateway, RabbitMQ and Azurite.
            var workerSettings = Settings(TestManifests.Only(options.Painter), options.Batch, canvas.Width, canvas.Height, faces: true);
            foreach (var (key, value) in options.WorkerSettings)
                workerSettings[key] = value;
            await using (var farm = new BenchFarm(workerSettings))
            {
                await using var worker = ServiceProcess.Start("Worker", workerSettings);
                await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
                // A long-lived worker has compiled its pipeline long ago; its first jobs here pay for that (JIT), so they are
                // run before the measurement, like the bare model's two unmeasured runs.
                if (options.WarmupJobs > 0)
                    await farm.WaitAllAsync(await farm.UploadManyAsync(upload, options.Painter, options.WarmupJobs), TimeSpan.FromMinutes(10));

                var runsFrom = await StageModelRuns.ReadAsync(worker.BaseUrl);
                var ids = await farm.UploadManyAsync(upload, options.Painter, options.Jobs);
                var cpuFrom = CpuAccount.Take(worker.Id);
                var cpuFromAt = DateTimeOffset.UtcNow;
                var jobs = await farm.WaitAllAsync(ids, TimeSpan.FromMinutes(20));
                var cpu = CpuAccount.Take(worker.Id).Minus(cpuFrom);
                var runs = (await StageModelRuns.ReadAsync(worker.BaseUrl)).Minus(runsFrom);
                var cpuSeconds = (DateTimeOffset.UtcNow - cpuFromAt).TotalSeconds;
                var jobsInCpuWindow = jobs.Count(j => j.CompletedAt > cpuFromAt);

                var window = (jobs.Max(j => j.CompletedAt!.Value) - jobs.Min(j => j.StartedAt!.Value)).TotalSeconds;
                var throughput = jobs.Count / window;
                // Steady state: from the end of the first batch (which starts while the uploads are still arriving) to the last.
                var finishes = jobs.Select(j => j.CompletedAt!.Value).Order().ToList();
                var skip = Math.Min(options.Batch, finishes.Count - 1);
                var steady = (finishes.Count - skip) / (finishes[^1] - finishes[skip - 1]).TotalSeconds;
                // The bare model again, now that the worker is idle: on a shared machine its pace drifts by a few per cent over a
                // minute, so the worker is compared with the mean of before and after, and with the best bare figure seen.
                double bareAfter;
                using (var again = BarePainter())
                    bareAfter = ImagesPerSecond(again, framed, options.Batch, runs: Math.Max(3, 24 / options.Batch), out _);
                var bareSame = ((options.Batch > 1 ? bareN : bare1) + bareAfter) / 2;
                var bareBest = new[] { bare1, bareN, bareAfter }.Max();
                Say($"## 2-3. Worker throughput: {jobs.Count} queued jobs ({uploadName}), MaxBatch {options.Batch}, after {options.WarmupJobs} warm-up jobs");
                Say();
                Say($"- worker, steady state (after its first batch): **{F(steady, 2)} portraits/s**");
                Say($"- worker, first start to last finish: {F(throughput, 2)} portraits/s ({F(window)} s)");
                Say($"- bare ONNX Runtime at batch {options.Batch}: {F(options.Batch > 1 ? bareN : bare1, 2)} images/s before the worker ran, {F(bareAfter, 2)} after → mean {F(bareSame, 2)}");
                Say($"- **ratio {F(steady / bareSame, 3)}** (steady worker ÷ mean bare); against the best bare figure ({F(bareBest, 2)}): {F(steady / bareBest, 3)}; first start to last finish ÷ mean bare: {F(throughput / bareSame, 3)}");
                Say();
                Say("Mean per job, by stage (ms; stages of different jobs overlap, so they add up to more than the wall time per job;");
                Say("paint includes the wait for the painter, which is where a queued job spends its time):");
                Say();
                Say("| stage | mean ms |");
                Say("|---|---:|");
                foreach (var stage in Stages)
                    Say($"| {stage} | {F(jobs.Average(j => j.TimingsMs.GetValueOrDefault(stage)))} |");
                Say();
                Say($"Where the CPU went ({jobsInCpuWindow} jobs finished in the {F(cpuSeconds)} s after the uploads; the bare model used {F(bareCpuPerImage * 1000, 0)} core-ms per image):");
                Say();
                Say("| part | core-ms per job |");
                Say("|---|---:|");
                foreach (var part in CpuAccount.Parts)
                    Say($"| {part} | {F(cpu.Seconds[part] * 1000 / Math.Max(1, jobsInCpuWindow), 0)} |");
                Say($"| all | {F(cpu.Seconds.Values.Sum() * 1000 / Math.Max(1, jobsInCpuWindow), 0)} |");
                Say();
                // Issue 15's yardstick: what one portrait costs the worker beside the model, and what a GPU node's cores
                // (16 on the H200 machine) could feed at that cost.
                double PerJobMs(params string[] parts) => parts.Sum(p => cpu.Seconds[p]) * 1000 / Math.Max(1, jobsInCpuWindow);
                // The tier-up compiler (.NET's background JIT) is counted apart: it recompiles hot methods for the first hundred
                // or so jobs of a worker's life and then falls silent, so it is not a per-portrait cost of a long-lived worker.
                var outsideModel = PerJobMs("worker: stage threads", "worker: rest");
                Say($"- worker CPU outside the model: **{F(outsideModel, 0)} core-ms per portrait** (stage threads {F(PerJobMs("worker: stage threads"), 0)}, rest {F(PerJobMs("worker: rest"), 0)}); " +
                    $"the tier-up JIT beside it {F(PerJobMs("worker: JIT tier-up"), 0)} core-ms (a young worker's cost, not a portrait's); " +
                    $"RabbitMQ + Redis + blob store beside it: {F(PerJobMs("RabbitMQ", "Redis", "Azurite"), 0)} core-ms");
                Say($"- portraits/s that 16 cores could feed at that cost: {F(16_000 / Math.Max(1, outsideModel), 0)}");
                // A stage model run a job at a time launches its every node per portrait on a GPU; gathered (Execution:StageModelBatches), per run.
                Say($"- stage model runs (the worker's renderfarm.worker.stage_model.batch_size): {runs}");
                Say();

                // 4. Latency on the idle farm: one job at a time.
                var totals = new List<double>();
                var overheads = new List<double>();
                var models = new List<double>();
                var idleJobs = new List<JobRecord>();
                var streamLags = new List<double>();
                for (var i = 0; i < options.LatencyJobs; i++)
                {
                    var id = await farm.UploadAsync(upload, options.Painter);
                    using var streamTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                    var streamed = farm.TerminalEventAsync(id, streamTimeout.Token);
                    var job = (await farm.WaitAllAsync([id], TimeSpan.FromMinutes(2)))[0];
                    streamLags.Add((await streamed - job.CompletedAt!.Value).TotalMilliseconds);
                    idleJobs.Add(job);
                    totals.Add(job.TimingsMs["total"]);
                    models.Add(job.TimingsMs["paint"]);
                    overheads.Add(job.TimingsMs["total"] - job.TimingsMs["paint"]);
                }
                Say($"## 4. Single-job latency on an idle farm ({options.LatencyJobs} jobs of {uploadName}, upload accepted → succeeded)");
                Say();
                Say("| | p50 ms | p95 ms |");
                Say("|---|---:|---:|");
                Say($"| end to end | {F(Stats.Median(totals))} | {F(Stats.Percentile(totals, 95))} |");
                Say($"| model (paint stage) | {F(Stats.Median(models))} | {F(Stats.Percentile(models, 95))} |");
                Say($"| overhead (end to end − model) | {F(Stats.Median(overheads))} | {F(Stats.Percentile(overheads, 95))} |");
                Say($"| the status stream's \"succeeded\" after the record's (what the upload page waits on top) | {F(Stats.Median(streamLags))} | {F(Stats.Percentile(streamLags, 95))} |");
                Say();
                Say("The overhead by stage (p50 ms; \"other\" is the job's Redis claim and bookkeeping between stages):");
                Say();
                Say("| " + string.Join(" | ", ["queueWait", .. Stages.Where(s => s != "paint"), "other"]) + " |");
                Say("|" + string.Concat(Enumerable.Repeat("---:|", Stages.Length + 1)));
                var known = idleJobs.Select(j => j.TimingsMs.GetValueOrDefault("queueWait") + Stages.Sum(s => j.TimingsMs.GetValueOrDefault(s))).ToList();
                var other = idleJobs.Select((j, i) => j.TimingsMs["total"] - known[i]).ToList();
                Say("| " + string.Join(" | ", ((string[])["queueWait", .. Stages.Where(s => s != "paint")])
                    .Select(s => F(Stats.Median(idleJobs.Select(j => j.TimingsMs.GetValueOrDefault(s)).ToList())))
                    .Append(F(Stats.Median(other)))) + " |");
                Say();
            }

        }

        // 5. Scale-out against a simulated GPU: 50 ms per batch whatever its size, tiny portraits, no face detection.
        const int SimulatedBatchMs = 50;
        var simulated = SimulatedManifest();
        Say("## 5. Scale-out with a simulated GPU (benchmark-only painter: 50 ms per batch, MaxBatch 1, 64x80 canvas)");
        Say();
        Say("| workers | jobs | portraits/s | vs n × one worker | core-ms per job, all processes | what the cores allow | uploads refused and retried |");
        Say("|---:|---:|---:|---:|---:|---:|---|");
        double? single = null;
        foreach (var count in options.Scale)
        {
            var settings = Settings(simulated, maxBatch: 1, 64, 80, faces: false);
            await using var farm = new BenchFarm(settings);
            var jobCount = Math.Max(60, 40 * count);
            // All workers up and warm first, so their start-up (CPU-heavy on 2 cores) is not part of the measurement.
            var workers = Enumerable.Range(0, count).Select(_ => BenchWorker.Start(settings, SimulatedBatchMs)).ToList();
            try
            {
                foreach (var worker in workers) await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
                // And their job path compiled: a round of unmeasured jobs, a few for each worker.
                await farm.WaitAllAsync(await farm.UploadManyAsync(hopper, "simgpu", 8 * count, parallel: 16), TimeSpan.FromMinutes(10));
                var pids = workers.Select(w => w.Id).ToList();
                var cpuFrom = CpuAccount.Take(pids);
                var ids = await farm.UploadManyAsync(hopper, "simgpu", jobCount, parallel: 16);
                var jobs = await farm.WaitAllAsync(ids, TimeSpan.FromMinutes(10));
                // Every job's CPU on this machine (workers, Gateway uploads, RabbitMQ, Redis, Azurite): the cores divided by
                // it is the most portraits per second this box could give, however many workers consume the queue.
                var coreMsPerJob = CpuAccount.Take(pids).Minus(cpuFrom).Total * 1000 / jobs.Count;
                var window = (jobs.Max(j => j.CompletedAt!.Value) - jobs.Min(j => j.StartedAt!.Value)).TotalSeconds;
                var rate = jobs.Count / window;
                single ??= rate;
                Say($"| {count} | {jobs.Count} | {F(rate, 1)} | {F(rate / (count * single.Value), 2)} | {F(coreMsPerJob, 0)} | {F(Environment.ProcessorCount * 1000 / coreMsPerJob, 1)} /s | {farm.RefusalSummary} |");
            }
            finally
            {
                foreach (var worker in workers) await worker.DisposeAsync();
            }
        }
        Say();

        // 6. Worker memory over many jobs.
        if (options.MemoryJobs > 0)
        {
            var settings = Settings(simulated, maxBatch: 4, 64, 80, faces: false);
            await using var farm = new BenchFarm(settings);
            await using var worker = BenchWorker.Start(settings, SimulatedBatchMs);
            await worker.WaitUntilHealthyAsync(TimeSpan.FromMinutes(3));
            // The first jobs grow the heap and compile the pipeline: a tenth of the run, not measured.
            var warmup = Math.Max(10, options.MemoryJobs / 10);
            await farm.WaitAllAsync(await farm.UploadManyAsync(hopper, "simgpu", warmup), TimeSpan.FromMinutes(5));
            var ids = await farm.UploadManyAsync(hopper, "simgpu", options.MemoryJobs);
            var samples = new List<long>();
            var wait = farm.WaitAllAsync(ids, TimeSpan.FromMinutes(15));
            while (!wait.IsCompleted && !worker.HasExited)
            {
                await Task.Delay(500);
                samples.Add(Process.GetProcessById(worker.Id).WorkingSet64);
            }
            await wait;
            Say($"## 6. Worker memory over {options.MemoryJobs} jobs after {warmup} warm-up jobs (working set, sampled every 0.5 s)");
            Say();
            var mib = samples.Select(b => b / 1048576.0).ToList();
            Say("| quarter of the run | mean MiB | max MiB |");
            Say("|---:|---:|---:|");
            for (var quarter = 0; quarter < 4; quarter++)
            {
                var slice = mib.Skip(mib.Count * quarter / 4).Take(Math.Max(1, mib.Count / 4)).ToList();
                Say($"| {quarter + 1} | {F(slice.Average())} | {F(slice.Max())} |");
            }
            Say();
            Say($"- {mib.Count} samples; last quarter − first quarter: {F(mib.Skip(mib.Count * 3 / 4).Average() - mib.Take(Math.Max(1, mib.Count / 4)).Average())} MiB");
            Say();
        }

        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, report.ToString());
            Console.WriteLine($"wrote {path}");
        }
        return 0;

        static double ImagesPerSecond(IBatchPainter painter, RgbaImage framed, int batch, int runs, out double cpuSecondsPerImage)
        {
            var images = Enumerable.Repeat(framed, batch).ToList();
            painter.PaintBatch(images);
            painter.PaintBatch(images);
            var times = new List<double>();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                painter.PaintBatch(images);
                times.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            cpuSecondsPerImage = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / (runs * batch);
            return batch / Stats.Median(times);
        }

        Dictionary<string, string?> Settings(string manifest, int maxBatch, int width, int height, bool faces)
        {
            var settings = FarmSettings.Create(manifest, SharedData.RepoModels, SharedData.Models, SharedData.Styles);
            settings["Batching:MaxBatch"] = maxBatch.ToString(CultureInfo.InvariantCulture);
            settings["Canvas:Width"] = width.ToString(CultureInfo.InvariantCulture);
            settings["Canvas:Height"] = height.ToString(CultureInfo.InvariantCulture);
            settings["Execution:Provider"] = options.Provider;
            settings["Logging:LogLevel:Default"] = "Warning";
            // The benchmark queues work on purpose; the Gateway must not shed it.
            settings["Shedding:MinDepth"] = "100000000";
            if (!faces) settings["FaceDetection:File"] = "";
            return settings;
        }

        // One external painter: the benchmark's workers paint it on the simulated GPU (SimulatedGpuSource).
        static string SimulatedManifest()
        {
            var path = Path.Combine(ScratchDirectories.New("renderfarm-bench-"), "manifest.json");
            File.WriteAllText(path, """{ "painters": [ { "name": "simgpu", "kind": "external", "medium": "oil", "file": "", "sha256": "" } ] }""");
            return path;
        }

        static string CpuModel() =>
            File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
                : "unknown CPU";
    }
}
