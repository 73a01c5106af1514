using System.Net;
using RenderFarm.TestSupport;

namespace RenderFarm.Gateway.Tests.Operations;

/// <summary>
/// With Management:Port set (as in Kubernetes), /health/* and /metrics answer only on that port: the public port the
/// Ingress routes to answers 404 for them, while the API stays on the public port.
/// </summary>
public sealed class ManagementPortTests
{
    [Fact]
    public async Task Health_and_metrics_answer_on_the_management_port_only()
    {
        var (publicPort, managementPort) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
        var settings = FarmSettings.Create();
        settings["Urls"] = $"http://127.0.0.1:{publicPort};http://127.0.0.1:{managementPort}";
        settings["Management:Port"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await using var gateway = ServiceProcess.Start("Gateway", settings, publicPort);
            using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };
            using var site = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{publicPort}") };
            await Eventually.WaitForAsync(async () =>
            {
                try { return (await management.GetAsync("/health/ready")).StatusCode; }
                catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
            }, code => code == HttpStatusCode.OK, TimeSpan.FromMinutes(2), "the management port to answer ready");

            foreach (var path in new[] { "/health/ready", "/health/live", "/metrics" })
            {
                using var onManagement = await management.GetAsync(path);
                using var onPublic = await site.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
            }
            using var styles = await site.GetAsync("/api/styles");
            Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
