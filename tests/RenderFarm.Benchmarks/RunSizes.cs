using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Benchmarks;

/// <summary>
/// Listens, in this process, to how many portraits each painter run carried (renderfarm.paint.batch_size) and how many
/// jobs each stage model run carried (renderfarm.worker.stage_model.batch_size), and how long the stage models' runs
/// took (renderfarm.worker.stage_model.duration): what the benches of the studio in this process (studio-load, stages) report.
/// </summary>
public sealed class RunSizes : IDisposable
{
    readonly MeterListener listener = new();
    readonly Dictionary<string, (long Runs, long Items)> sizes = [];
    readonly Dictionary<string, (long Runs, double Ms)> durations = [];
    readonly Lock gate = new();

    public RunSizes()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FarmTelemetry.MeterName && instrument.Name is "renderfarm.paint.batch_size"
                    or "renderfarm.worker.stage_model.batch_size" or "renderfarm.worker.stage_model.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((instrument, items, tags, _) =>
        {
            var key = instrument.Name == "renderfarm.paint.batch_size" ? "painter" : ModelOf(tags);
            lock (gate)
            {
                var (runs, total) = sizes.GetValueOrDefault(key);
                sizes[key] = (runs + 1, total + items);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            var key = ModelOf(tags);
            lock (gate)
            {
                var (runs, total) = durations.GetValueOrDefault(key);
                durations[key] = (runs + 1, total + ms);
            }
        });
        listener.Start();
    }

    static string ModelOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag is { Key: "model", Value: string model })
                return model;
        return "unnamed";
    }

    public void Reset()
    {
        lock (gate)
        {
            sizes.Clear();
            durations.Clear();
        }
    }

    /// <summary>Runs and the items (portraits or jobs) they carried, by "painter" or stage model.</summary>
    public IReadOnlyDictionary<string, (long Runs, long Items)> Sizes()
    {
        lock (gate) return new Dictionary<string, (long, long)>(sizes);
    }

    /// <summary>Runs and their summed wall milliseconds, by stage model or graph.</summary>
    public IReadOnlyDictionary<string, (long Runs, double Ms)> Durations()
    {
        lock (gate) return new Dictionary<string, (long, double)>(durations);
    }

    public void Dispose() => listener.Dispose();
}
