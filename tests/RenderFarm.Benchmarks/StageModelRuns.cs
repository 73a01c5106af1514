using System.Globalization;
using System.Text.RegularExpressions;

namespace RenderFarm.Benchmarks;

/// <summary>
/// How many runs each stage model made and for how many jobs, read from a worker's /metrics (the histogram
/// renderfarm.worker.stage_model.batch_size: its count is runs, its sum jobs), so a bench can say how many jobs shared a run.
/// </summary>
public sealed partial class StageModelRuns(IReadOnlyDictionary<string, (double Runs, double Jobs)> byModel)
{
    public IReadOnlyDictionary<string, (double Runs, double Jobs)> ByModel { get; } = byModel;

    public static async Task<StageModelRuns> ReadAsync(string workerBaseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(workerBaseUrl + "/metrics");
        var byModel = new Dictionary<string, (double Runs, double Jobs)>();
        foreach (Match line in Sample().Matches(text))
        {
            var model = line.Groups["model"].Value;
            var value = double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            var (runs, jobs) = byModel.GetValueOrDefault(model);
            byModel[model] = line.Groups["part"].Value == "count" ? (value, jobs) : (runs, value);
        }
        return new StageModelRuns(byModel);
    }

    public StageModelRuns Minus(StageModelRuns before) => new(ByModel.ToDictionary(pair => pair.Key, pair =>
    {
        var (runs, jobs) = before.ByModel.GetValueOrDefault(pair.Key);
        return (pair.Value.Runs - runs, pair.Value.Jobs - jobs);
    }));

    public override string ToString() => ByModel.Count == 0 ? "none recorded" : string.Join("; ", ByModel.OrderBy(pair => pair.Key).Select(pair =>
        string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value.Runs:F0} runs for {pair.Value.Jobs:F0} jobs ({pair.Value.Jobs / Math.Max(1, pair.Value.Runs):F2} a run)")));

    [GeneratedRegex("""^renderfarm_worker_stage_model_batch_size_(?<part>sum|count)\{[^}]*model="(?<model>[^"]+)"[^}]*\} (?<value>[0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
