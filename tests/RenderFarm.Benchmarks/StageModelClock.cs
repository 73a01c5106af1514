using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Listens to the worker's renderfarm.worker.stage_model.duration for one job at a time and sums each model's runs under
/// the stage that runs it, so that the stage profile can print what of a stage its model is.
/// </summary>
public sealed class StageModelClock : IDisposable
{
    static readonly Dictionary<string, string> StageOfModel = new()
    {
        ["face-detector"] = "detect",
        ["person-segmenter"] = "segment",
        ["guided-filter-graph"] = "segment",
        ["tone-graph"] = "tone",
    };

    readonly MeterListener listener = new();
    readonly Dictionary<string, double> msByStage = [];
    readonly Lock gate = new();

    public StageModelClock()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FarmTelemetry.MeterName && instrument.Name == "renderfarm.worker.stage_model.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "model", Value: string model })
                    lock (gate)
                    {
                        var stage = StageOfModel.GetValueOrDefault(model, model);
                        msByStage[stage] = msByStage.GetValueOrDefault(stage) + ms;
                    }
        });
        listener.Start();
    }

    public void Reset()
    {
        lock (gate) msByStage.Clear();
    }

    public IReadOnlyList<KeyValuePair<string, double>> MsByStage()
    {
        lock (gate) return [.. msByStage];
    }

    public void Dispose() => listener.Dispose();
}
