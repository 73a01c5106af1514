using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Painting;

/// <summary>The worker's instruments on the farm's Meter.</summary>
public static class WorkerMetrics
{
    public static readonly Histogram<int> BatchSize = FarmTelemetry.Meter.CreateHistogram<int>(
        "renderfarm.paint.batch_size", "{portrait}", "Portraits painted together in one inference");

    public static readonly Histogram<double> PaintDuration = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.paint.duration", "ms", "Time of one batch on the execution provider");
}
