using System.Diagnostics.Metrics;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>Callbacks by event and outcome (delivered, dead_lettered).</summary>
public static class WebhookMetrics
{
    static readonly Counter<long> Deliveries = FarmTelemetry.Meter.CreateCounter<long>(
        "renderfarm.webhooks.ended", "{webhook}", "Webhook callbacks that were delivered or gave up, by event and outcome");

    public static void Delivered(string eventName, string outcome) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("outcome", outcome));
}
