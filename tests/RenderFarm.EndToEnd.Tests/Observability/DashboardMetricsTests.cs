using System.Net;
using System.Text.RegularExpressions;
using RenderFarm.Contracts;
using RenderFarm.TestSupport;
using RenderFarm.Worker;

namespace RenderFarm.EndToEnd.Tests.Observability;

/// <summary>
/// The Grafana dashboard and the PrometheusRule alerts read only metrics a running farm exports, under the names the
/// Prometheus exporter gives them (units and _total suffixes included): a renamed instrument or a typo in a query
/// would otherwise leave a panel empty and an alert silent.
/// </summary>
[Collection(SharedFarmCollection.Name)]
public sealed partial class DashboardMetricsTests(SharedFarm shared)
{
    static readonly string Monitoring = Path.Combine(SharedData.RepoRoot, "deploy", "k8s", "monitoring");
    static readonly string[] QueryFiles = ["grafana-dashboard.json", "prometheusrule.yaml"];

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alerts_read_is_exported_by_the_farm()
    {
        var farm = shared.Farm;
        var painted = await farm.UploadAsync(SharedData.Face("hopper.jpg"));
        Assert.Equal(JobStatus.Succeeded, (await farm.WaitForEndAsync(painted.Id)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await farm.GatewayClient.PostAsync("/api/portraits", PhotoForm.Create([]))).StatusCode);
        // A counter shows only once counted; painter failures are counted when an inference fails, so count none.
        WorkerMetrics.PaintFailures.Add(0, new KeyValuePair<string, object?>("painter", "ink"), new KeyValuePair<string, object?>("device_fault", false));

        var referenced = QueryFiles
            .SelectMany(f => MetricName().Matches(File.ReadAllText(Path.Combine(Monitoring, f))).Select(m => (File: f, Metric: m.Value)))
            .Distinct().ToList();
        Assert.True(referenced.Count >= 15, $"only {referenced.Count} metric references found");

        // The queue gauges appear after the Gateway's first probe of the broker.
        var exported = await Eventually.WaitForAsync(async () => SeriesNames(await farm.GatewayClient.GetStringAsync("/metrics")),
            names => referenced.All(r => names.Contains(r.Metric)), TimeSpan.FromSeconds(30), "every referenced metric");

        Assert.All(referenced, r => Assert.Contains(r.Metric, exported));
    }

    static HashSet<string> SeriesNames(string scrape) =>
        [.. scrape.Split('\n').Where(l => l.StartsWith("renderfarm_", StringComparison.Ordinal)).Select(l => l.Split('{', ' ')[0])];

    [GeneratedRegex(@"\brenderfarm_[a-z_]+")]
    private static partial Regex MetricName();
}
