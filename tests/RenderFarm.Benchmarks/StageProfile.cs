using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Benchmarks;

/// <summary>
/// `./farm bench stages` (flags: `./farm bench stages --help`): the studio's stages on the six test faces, in this process, one job at a time,
/// no services — the per-stage CPU a portrait costs outside the painter. Every stage but paint runs on one thread
/// (the stage models have one intra-op thread each), so on an idle machine its wall time is its CPU time. The stage
/// models' own runs (renderfarm.worker.stage_model.duration) are printed apart: on a GPU node they run on the device.
/// </summary>
public static class StageProfile
{
    static readonly string[] Faces = ["astronaut.png", "camera.png", "hopper.jpg", "kodim04.png", "kodim12.png", "kodim18.png"];

    // The stage whose time each stage model's (or graph's) runs are part of.
    static readonly Dictionary<string, string> StageOfModel = new()
    {
        ["face-detector"] = "detect",
        ["person-segmenter"] = "segment",
        ["guided-filter-graph"] = "segment",
        ["tone-graph"] = "tone",
    };

    public static Command Create()
    {
        var reps = new Option<int>("--reps") { Description = "Measured rounds over the six faces", DefaultValueFactory = _ => 8 };
        // A method runs unoptimized code (tier 0) for its first 30 calls: a long-lived worker's stages are tier 1.
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured rounds first (JIT tier-up, painters loaded)", DefaultValueFactory = _ => 8 };
        var save = new Option<string?>("--save") { Description = "Keep each face's painting in this folder, to look at or to compare two builds (stages-diff)" };
        // One stage thread by default: every part of a step then runs on the step's own thread, so a stage's wall time
        // is its CPU time. With more (--stage-threads 2), the wall time is what an idle worker's portrait waits.
        var stageThreads = new Option<int>("--stage-threads") { Description = "The worker's stage threads", DefaultValueFactory = _ => 1 };
        var graphs = new Option<string>("--stage-graphs")
        {
            Description = "host: the guided filter and the tone step in C#; device: as their graphs (on the CPU provider here), as a GPU node runs them",
            DefaultValueFactory = _ => "host",
        }.AcceptOnlyFromAmong("host", "device");
        var jpeg = new Option<string>("--jpeg") { Description = "The JPEG codec: skia to compare Skia's with the system's libjpeg-turbo", DefaultValueFactory = _ => "auto" }
            .AcceptOnlyFromAmong("auto", "libjpeg-turbo", "skia");
        var phone = new Option<bool>("--phone") { Description = "Each face as a 12-megapixel phone JPEG (4032×3024) instead of its own small file" };
        var portraitShots = new Option<bool>("--portrait-shots") { Description = "Each face as a phone's portrait shot (3024×4032 shown, stored sideways with EXIF orientation 6)" };
        var command = new Command("stages", "The studio's stages on the six test faces, in this process, one job at a time, no services")
        {
            reps, warmup, save, stageThreads, graphs, jpeg, phone, portraitShots,
        };
        command.SetAction(result => RunAsync(result.GetValue(reps), result.GetValue(warmup), result.GetValue(save), result.GetValue(stageThreads),
            result.GetValue(graphs)!, result.GetValue(jpeg)!, result.GetValue(phone), result.GetValue(portraitShots)));
        return command;
    }

    static async Task<int> RunAsync(int reps, int warmupRounds, string? save, int stageThreads, string graphs, string jpeg, bool phone, bool portraitShots)
    {
        if (save is not null) Directory.CreateDirectory(save);
        using var host = StudioHost.Build(SharedData.RepoManifest, [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu",
            new Dictionary<string, string?> { ["Execution:StageThreads"] = stageThreads.ToString(CultureInfo.InvariantCulture), ["Execution:StageGraphs"] = graphs, ["Jpeg:Codec"] = jpeg });
        using var models = new RunSizes();
        var studio = host.Services.GetRequiredService<PortraitStudio>();
        var photos = Faces.Select(f => portraitShots ? TestPhotos.PortraitShotJpeg(f, 3024, 4032)
            : phone ? TestPhotos.CameraSizedJpeg(f, 4032, 3024) : File.ReadAllBytes(SharedData.Face(f))).ToList();
        var timings = new Dictionary<string, List<double>>();
        var modelTimings = new Dictionary<string, List<double>>();
        var kib = new List<double>();
        long allocatedFrom = 0;
        var collectionsFrom = new int[3];
        var thumbKib = new List<double>();
        // The warm-up rounds compile the pipeline and load each painter: not measured.
        for (var rep = -warmupRounds + 1; rep <= reps; rep++)
        {
            if (rep == 1)
            {
                allocatedFrom = GC.GetTotalAllocatedBytes(precise: true);
                for (var g = 0; g < 3; g++) collectionsFrom[g] = GC.CollectionCount(g);
            }
            for (var index = 0; index < photos.Count; index++)
            {
                var stages = new StageTimer();
                models.Reset();
                var result = await studio.PaintAsync(photos[index], "auto", stages, CancellationToken.None);
                if (rep <= 0)
                {
                    if (save is not null)
                        await File.WriteAllBytesAsync(Path.Combine(save, $"{index}.jpg"), result.Painting.Image);
                    continue;
                }
                foreach (var (stage, ms) in stages.TimingsMs)
                    (timings.TryGetValue(stage, out var list) ? list : timings[stage] = []).Add(ms);
                foreach (var (model, (_, ms)) in models.Durations())
                {
                    var stage = StageOfModel.GetValueOrDefault(model, model);
                    (modelTimings.TryGetValue(stage, out var list) ? list : modelTimings[stage] = []).Add(ms);
                }
                kib.Add(result.Painting.Image.Length / 1024.0);
                thumbKib.Add(result.Painting.Thumbnail.Length / 1024.0);
            }
        }
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine($"## Stage costs, {Faces.Length} faces × {reps} after {warmupRounds} unmeasured rounds, style auto, one job at a time on the CPU, {stageThreads} stage thread(s), stage graphs on the {graphs}, JPEG by {host.Services.GetRequiredService<IJpegEncoder>().Name}, {(portraitShots ? "12-megapixel phone portrait shots (EXIF orientation 6)" : phone ? "12-megapixel phone JPEGs" : "the faces' own files")}");
        Console.WriteLine();
        Console.WriteLine("| stage | p50 ms | mean ms | its model's runs, mean ms | the rest, mean ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        double ModelMs(string stage) => modelTimings.TryGetValue(stage, out var list) ? list.Sum() / reps / Faces.Length : 0;
        foreach (var (stage, list) in timings)
        {
            var model = stage == "paint" ? "" : F(ModelMs(stage));
            var rest = stage == "paint" ? "" : F(list.Average() - ModelMs(stage));
            Console.WriteLine($"| {stage} | {F(Stats.Median(list))} | {F(list.Average())} | {model} | {rest} |");
        }
        var outside = timings.Where(t => t.Key != "paint").Sum(t => t.Value.Average());
        var inModels = timings.Keys.Where(k => k != "paint").Sum(ModelMs);
        Console.WriteLine($"| all but paint | | {F(outside)} | {F(inModels)} | {F(outside - inModels)} |");
        Console.WriteLine();
        Console.WriteLine($"- left on the host's cores where the stage models run on a device (all but paint − their runs): {F(outside - inModels)} ms per portrait");
        Console.WriteLine($"- painting {F(kib.Average())} KiB, thumbnail {F(thumbKib.Average())} KiB per portrait (mean)");
        var portraits = kib.Count;
        Console.WriteLine($"- allocated {F((GC.GetTotalAllocatedBytes(precise: true) - allocatedFrom) / 1048576.0 / portraits)} MiB per portrait; " +
            $"collections per portrait: gen0 {F((GC.CollectionCount(0) - collectionsFrom[0]) / (double)portraits)}, " +
            $"gen1 {F((GC.CollectionCount(1) - collectionsFrom[1]) / (double)portraits)}, gen2 {F((GC.CollectionCount(2) - collectionsFrom[2]) / (double)portraits)}");
        return 0;
    }

    /// <summary>`./farm bench stages-diff A B`: how far two builds' saved paintings differ, per face (decoded pixels, 0..255).</summary>
    public static Command CreateDiff()
    {
        var before = new Argument<DirectoryInfo>("before") { Description = "A folder of `stages --save`" }.AcceptExistingOnly();
        var after = new Argument<DirectoryInfo>("after") { Description = "Another build's, of the same faces" }.AcceptExistingOnly();
        var command = new Command("stages-diff", "How far two builds' saved paintings differ, per face") { before, after };
        command.SetAction(result => Diff(result.GetValue(before)!.FullName, result.GetValue(after)!.FullName));
        return command;
    }

    static int Diff(string before, string after)
    {
        foreach (var file in Directory.GetFiles(before).Order())
        {
            using var a = SkiaSharp.SKBitmap.Decode(file);
            using var b = SkiaSharp.SKBitmap.Decode(Path.Combine(after, Path.GetFileName(file)));
            var (pa, pb) = (a.Bytes, b.Bytes);
            long sum = 0;
            var max = 0;
            for (var i = 0; i < pa.Length; i++)
            {
                if (i % 4 == 3) continue;
                var d = Math.Abs(pa[i] - pb[i]);
                sum += d;
                max = Math.Max(max, d);
            }
            Console.WriteLine($"{Path.GetFileName(file)}: mean |difference| {(sum / (pa.Length * 0.75)).ToString("F3", CultureInfo.InvariantCulture)}, max {max}");
        }
        return 0;
    }
}
