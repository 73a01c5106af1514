using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Defences;

/// <summary>
/// What the queue probe reads, for dashboards and alerts: the paint queue's depth and consumers, the estimated time to
/// drain it against the shedding limit, and the messages parked for an operator (MassTransit's error queue and the
/// broker's poison queue). Observed from the latest reading; nothing is reported before the first one.
/// </summary>
public sealed class QueueMetrics
{
    long errorMessages = -1;

    public QueueMetrics(LoadShedder shedder, IOptions<SheddingOptions> shedding)
    {
        var meter = FarmTelemetry.Meter;
        meter.CreateObservableGauge("renderfarm.queue.depth", () => Read(shedder, p => p.QueueDepth), "{message}",
            "Messages waiting in the paint queue");
        meter.CreateObservableGauge("renderfarm.queue.consumers", () => Read(shedder, p => p.Consumers), "{consumer}",
            "Worker consumers attached to the paint queue");
        meter.CreateObservableGauge("renderfarm.queue.drain_time", () => DrainSeconds(shedder), "s",
            "Time to drain the paint queue at the farm's recent pace");
        meter.CreateObservableGauge("renderfarm.shedding.max_queue_time", () => shedding.Value.MaxQueueTime.TotalSeconds, "s",
            "Shedding:MaxQueueTime: uploads are refused while the queue would take longer than this to drain");
        meter.CreateObservableGauge("renderfarm.queue.parked", ParkedMessages, "{message}",
            "Messages in the paint queue's error queue and the poison queue, waiting for an operator");
    }

    public void RecordParked(long messages) => Interlocked.Exchange(ref errorMessages, messages);

    static IEnumerable<Measurement<long>> Read(LoadShedder shedder, Func<FarmPace, long> value)
    {
        if (shedder.Pace.ReadAt != DateTimeOffset.MinValue) yield return new Measurement<long>(value(shedder.Pace));
    }

    static IEnumerable<Measurement<double>> DrainSeconds(LoadShedder shedder)
    {
        if (shedder.Pace is { DrainSeconds: { } seconds }) yield return new Measurement<double>(seconds);
    }

    IEnumerable<Measurement<long>> ParkedMessages()
    {
        if (Interlocked.Read(ref errorMessages) is var parked and >= 0) yield return new Measurement<long>(parked);
    }
}
