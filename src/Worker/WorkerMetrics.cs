using System.Diagnostics;
using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker;

/// <summary>The worker's instruments on the farm's Meter.</summary>
public static class WorkerMetrics
{
    public static readonly Histogram<int> BatchSize = FarmTelemetry.Meter.CreateHistogram<int>(
        "renderfarm.paint.batch_size", "{portrait}", "Portraits painted together in one inference");

    /// <summary>1, tagged with the execution provider the painters run on (cuda, cpu, an external painter source or none yet).</summary>
    public static void ObserveProvider(Func<string> provider) =>
        FarmTelemetry.Meter.CreateObservableGauge("renderfarm.worker.execution_provider",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("provider", provider())), "{provider}",
            "Execution provider painting on this worker");

    public static readonly Histogram<double> PaintDuration = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.paint.duration", "ms", "Time of one batch on the execution provider");

    public static readonly Counter<long> PaintFailures = FarmTelemetry.Meter.CreateCounter<long>(
        "renderfarm.paint.failures", "{inference}", "Failed inferences, tagged with the painter and whether the device failed");

    /// <summary>
    /// One run of a job's stage model on its execution provider, tagged model = face-detector, person-segmenter,
    /// guided-filter-graph or tone-graph: on a GPU node the device's share of those stages, which its cores do not carry.
    /// </summary>
    public static readonly Histogram<double> StageModelDuration = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.worker.stage_model.duration", "ms", "One run of a job's stage model (face detector, person segmenter, guided filter graph, tone graph)");

    public static void RecordStageModel(string model, long startedTimestamp) =>
        StageModelDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, new KeyValuePair<string, object?>("model", model));

    /// <summary>Jobs in one run of a stage model that gathers them (Execution:StageModelBatches), tagged model: 1 where each runs alone.</summary>
    public static readonly Histogram<int> StageModelBatchSize = FarmTelemetry.Meter.CreateHistogram<int>(
        "renderfarm.worker.stage_model.batch_size", "{job}", "Jobs in one run of a stage model (face detector, person segmenter)");
}
