using System.Diagnostics;
using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Farm.Jobs;

/// <summary>The farm's job instruments (OpenTelemetry → Prometheus /metrics and OTLP). Tags never carry ids or people.</summary>
public static class JobMetrics
{
    static readonly Counter<long> Accepted = FarmTelemetry.Meter.CreateCounter<long>(
        "renderfarm.jobs.accepted", "{job}", "Uploads accepted (202) by the Gateway");

    static readonly Counter<long> Refused = FarmTelemetry.Meter.CreateCounter<long>(
        "renderfarm.jobs.refused", "{upload}", "Uploads refused by the Gateway, by error code");

    static readonly Counter<long> Ended = FarmTelemetry.Meter.CreateCounter<long>(
        "renderfarm.jobs.ended", "{job}", "Jobs that reached a terminal state, by status and error code");

    static readonly Histogram<double> QueueWait = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.job.queue_wait", "ms", "From upload accepted to a worker starting the job");

    static readonly Histogram<double> StageDuration = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.job.stage.duration", "ms", "Duration of one pipeline stage of one job");

    static readonly Histogram<double> EndToEnd = FarmTelemetry.Meter.CreateHistogram<double>(
        "renderfarm.job.duration", "ms", "From upload accepted to painting stored");

    public static void RecordAccepted() => Accepted.Add(1);

    public static void RecordRefused(string code) => Refused.Add(1, new KeyValuePair<string, object?>("code", code));

    public static void RecordEnded(string status, string? code = null) =>
        Ended.Add(1, new TagList { { "status", status }, { "code", code ?? "" } });

    public static void RecordTimings(IReadOnlyDictionary<string, double> timingsMs)
    {
        foreach (var (stage, ms) in timingsMs)
        {
            switch (stage)
            {
                case "queueWait": QueueWait.Record(ms); break;
                case "total": EndToEnd.Record(ms); break;
                default: StageDuration.Record(ms, new KeyValuePair<string, object?>("stage", stage)); break;
            }
        }
    }
}
