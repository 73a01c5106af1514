using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RenderFarm.Benchmarks;

/// <summary>`./farm bench`'s flags for the whole-farm run (parts 1–6 of docs/PERFORMANCE.md), typed and with their defaults.</summary>
public sealed record BenchOptions(string Painter, int Jobs, int WarmupJobs, int Batch, int LatencyJobs, int[] Scale, int MemoryJobs, string Provider, string? Out, bool SkipModel, int[] BareBatches, bool BareOnly, string Photo, IReadOnlyDictionary<string, string> WorkerSettings)
{
    static readonly Option<string> PainterOption = new("--painter") { Description = "The painter of parts 1–4", DefaultValueFactory = _ => "rembrandt-two-circles" };
    static readonly Option<int> JobsOption = new("--jobs") { Description = "Queued jobs measured in parts 2–3", DefaultValueFactory = _ => 32 };
    // The tier-up JIT falls silent after ~80 jobs (perf, 2026-12-03).
    static readonly Option<int> WarmupOption = new("--warmup") { Description = "Unmeasured jobs before parts 2–3 (the worker's JIT tier-up)", DefaultValueFactory = _ => 100 };
    static readonly Option<int> BatchOption = new("--batch") { Description = "The worker's MaxBatch, and the bare model's batch", DefaultValueFactory = _ => 4 };
    static readonly Option<int> LatencyJobsOption = new("--latency-jobs") { Description = "Jobs, one at a time, in part 4", DefaultValueFactory = _ => 20 };
    static readonly Option<int[]> ScaleOption = new("--scale")
    {
        Description = "Worker counts of part 5, comma-separated",
        DefaultValueFactory = _ => [1, 2, 4, 8, 16],
        CustomParser = Integers,
        Arity = ArgumentArity.ExactlyOne,
    };
    static readonly Option<int> MemoryJobsOption = new("--memory-jobs") { Description = "Jobs of part 6 (0 skips it)", DefaultValueFactory = _ => 1000 };
    static readonly Option<string> ProviderOption = new Option<string>("--provider") { Description = "The execution provider", DefaultValueFactory = _ => "auto" }
        .AcceptOnlyFromAmong("auto", "cpu", "cuda");
    static readonly Option<string?> OutOption = new("--out") { Description = "Also write the report to this file" };
    static readonly Option<bool> SkipModelOption = new("--skip-model") { Description = "Parts 5–6 only (no real painter)" };
    static readonly Option<int[]> BareBatchesOption = new("--bare-batches")
    {
        Description = "More batch sizes for part 1, comma-separated",
        DefaultValueFactory = _ => [],
        CustomParser = Integers,
        Arity = ArgumentArity.ExactlyOne,
    };
    static readonly Option<bool> BareOnlyOption = new("--bare-only") { Description = "Part 1 only (the bare model), no services used" };
    // "face" is astronaut.png (512×512); "portrait-shot" the same face as a phone's 12-megapixel portrait shot, stored
    // sideways with EXIF orientation 6, as most uploads are.
    static readonly Option<string> PhotoOption = new Option<string>("--photo") { Description = "What parts 2–4 upload", DefaultValueFactory = _ => "face" }
        .AcceptOnlyFromAmong("face", "portrait-shot");

    // Any worker setting for parts 2–4, e.g. --set Execution:StageModelBatches=on; repeated for more than one.
    static readonly Option<string[]> SetOption = new("--set")
    {
        Description = "A worker setting for parts 2–4, KEY=VALUE (e.g. Execution:StageModelBatches=on); repeat for more",
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = false,
        Validators =
        {
            result =>
            {
                foreach (var token in result.Tokens)
                    if (token.Value.IndexOf('=', StringComparison.Ordinal) <= 0)
                        result.AddError($"--set takes KEY=VALUE, not \"{token.Value}\".");
            },
        },
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in (Option[])[PainterOption, JobsOption, WarmupOption, BatchOption, LatencyJobsOption, ScaleOption, MemoryJobsOption,
                                           ProviderOption, OutOption, SkipModelOption, BareBatchesOption, BareOnlyOption, PhotoOption, SetOption])
            command.Options.Add(option);
    }

    /// <summary>The flags' values in a parse of a command they were added to.</summary>
    public static BenchOptions From(ParseResult result) => new(
        result.GetValue(PainterOption)!, result.GetValue(JobsOption), result.GetValue(WarmupOption), result.GetValue(BatchOption),
        result.GetValue(LatencyJobsOption), result.GetValue(ScaleOption)!, result.GetValue(MemoryJobsOption), result.GetValue(ProviderOption)!,
        result.GetValue(OutOption), result.GetValue(SkipModelOption), result.GetValue(BareBatchesOption)!, result.GetValue(BareOnlyOption),
        result.GetValue(PhotoOption)!,
        result.GetValue(SetOption)!.Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]));

    /// <summary>"1,2,4" as numbers; anything else is a parse error that names the flag.</summary>
    internal static int[]? Integers(ArgumentResult result)
    {
        var words = result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var numbers = new int[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (int.TryParse(words[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) && numbers[i] > 0) continue;
            result.AddError($"{(result.Parent as OptionResult)?.Option.Name} takes positive whole numbers separated by commas, not \"{result.Tokens[0].Value}\".");
            return null;
        }
        return numbers;
    }
}
