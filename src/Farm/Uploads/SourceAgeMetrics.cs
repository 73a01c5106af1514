using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Farm.Uploads;

/// <summary>
/// The privacy promise as numbers: how old the oldest stored source photo is (seconds, at scrape time, from the
/// sweeper's last look at the uploads container) and the TTL it must stay under. A sweeper that stops running, or
/// whose deletes fail, shows as an age that keeps growing past the TTL (alert RenderFarmSourcesOutliveTtl).
/// </summary>
public sealed class SourceAgeMetrics
{
    readonly Lock gate = new();
    DateTimeOffset? oldestStoredAt;
    bool observed;

    public SourceAgeMetrics(TimeProvider time, TimeSpan uploadTtl)
    {
        FarmTelemetry.Meter.CreateObservableGauge("renderfarm.uploads.oldest_age",
            () => Observed(time), "s", "Age of the oldest source photo in the store at the sweeper's last pass (0 when none)");
        FarmTelemetry.Meter.CreateObservableGauge("renderfarm.uploads.ttl",
            () => uploadTtl.TotalSeconds, "s", "Jobs:UploadTtl, the longest a source photo may live");
    }

    /// <summary>Records what the sweeper saw: the creation time of the oldest upload left, or null when none is left.</summary>
    public void Record(DateTimeOffset? oldest)
    {
        lock (gate)
        {
            oldestStoredAt = oldest;
            observed = true;
        }
    }

    IEnumerable<Measurement<double>> Observed(TimeProvider time)
    {
        DateTimeOffset? oldest;
        lock (gate)
        {
            if (!observed) return [];
            oldest = oldestStoredAt;
        }
        return [new Measurement<double>(oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0)];
    }
}
