using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RenderFarm.ServiceDefaults;

/// <summary>The farm's own ActivitySource and Meter (stage spans, job counters).</summary>
public static class FarmTelemetry
{
    public const string ActivitySourceName = "RenderFarm";
    public const string MeterName = "RenderFarm";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
