using System.Text.Json.Nodes;

namespace RenderFarm.Deploy.Tests;

/// <summary>The prod render carries the farm's alerts and a ServiceMonitor that reaches every farm pod's metrics.</summary>
public sealed class MonitoringTests
{
    [Fact]
    public async Task Prod_has_the_farm_alerts_and_a_service_monitor_on_the_management_ports()
    {
        var objects = await ManifestValidator.RenderProdAsync();

        var alerts = objects.Find("PrometheusRule", "renderfarm")["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).ToList();
        Assert.Subset(alerts.ToHashSet(), new HashSet<string?>
        {
            "RenderFarmJobErrorRate", "RenderFarmQueueWaitOverSheddingLimit", "RenderFarmNoWorkerReady",
            "RenderFarmParkedMessages", "RenderFarmSourcesOutliveTtl",
        });

        var monitor = objects.Find("ServiceMonitor", "renderfarm");
        var selector = monitor["spec"]!["selector"]!["matchLabels"]!.AsObject();
        var service = objects.OfType<JsonObject>().Single(o => (string?)o["kind"] == "Service"
            && selector.All(l => (string?)o["metadata"]!["labels"]?[l.Key] == l.Value!.GetValue<string>()));
        var endpointPort = (string?)monitor["spec"]!["endpoints"]![0]!["port"];
        var port = service["spec"]!["ports"]!.AsArray().Single(p => (string?)p!["name"] == endpointPort)!;
        Assert.Equal("management", (string?)port["targetPort"]);
        // The Service selects every farm Deployment's pods, each of which names a management port.
        foreach (var name in new[] { "gateway", "gallery", "worker" })
        {
            var template = objects.Find("Deployment", name)["spec"]!["template"]!;
            var labels = template["metadata"]!["labels"]!.AsObject();
            Assert.All(service["spec"]!["selector"]!.AsObject(), l => Assert.Equal(l.Value!.GetValue<string>(), (string?)labels[l.Key]));
            Assert.Contains(template["spec"]!["containers"]![0]!["ports"]!.AsArray(), p => (string?)p!["name"] == "management");
        }
    }
}
