using System.Net;
using System.Text.Json;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Operations;

public sealed class HealthAndMetricsTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{


    [Fact]
    public async Task Readiness_checks_redis_the_blob_store_and_the_broker()
    {
        var response = await Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("blobs").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Liveness_answers_without_touching_dependencies()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Prometheus_endpoint_counts_accepted_and_refused_uploads()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/portraits", PhotoForm.FromFile(SharedData.Face("hopper.jpg")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("/api/portraits", PhotoForm.Create([]))).StatusCode);

        var metrics = await Eventually.WaitForAsync(() => Client.GetStringAsync("/metrics"),
            text => text.Contains("renderfarm_jobs_accepted") && text.Contains("renderfarm_jobs_refused"), TimeSpan.FromSeconds(30), "job counters");

        Assert.Contains("code=\"empty_file\"", metrics);
    }
}
