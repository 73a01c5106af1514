using System.Globalization;

namespace RenderFarm.Benchmarks;

public sealed record BenchOptions(string Painter, int Jobs, int WarmupJobs, int Batch, int LatencyJobs, int[] Scale, int MemoryJobs, string Provider, string? Out, bool SkipModel, int[] BareBatches, bool BareOnly, string Photo)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string flag, string fallback) => BenchArgs.Value(args, flag) ?? fallback;
        int Int(string flag, int fallback) => int.Parse(Get(flag, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new BenchOptions(
            Get("--painter", "rembrandt-two-circles"),
            Int("--jobs", 32),
            Int("--warmup", 100), // the tier-up JIT falls silent after ~80 jobs (perf, 2026-12-03)
            Int("--batch", 4),
            Int("--latency-jobs", 20),
            Get("--scale", "1,2,4,8,16").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            Int("--memory-jobs", 1000),
            Get("--provider", "auto"),
            args.Contains("--out") ? Get("--out", "") : null,
            args.Contains("--skip-model"),
            Get("--bare-batches", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
            args.Contains("--bare-only"),
            // What parts 2-4 upload: "face" (astronaut.png, 512×512) or "portrait-shot" (the same face as a phone's
            // 12-megapixel portrait shot, stored sideways with EXIF orientation 6, as most uploads are).
            Get("--photo", "face") switch
            {
                "face" => "face",
                "portrait-shot" => "portrait-shot",
                _ => throw new ArgumentException("--photo is face or portrait-shot"),
            });
    }
}
