using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Tests.Bus;

/// <summary>The Gateway's bus sends MassTransit's vendor no usage telemetry (on by default since MassTransit 8.4).</summary>
public sealed class UsageTelemetryTests(GatewayFixture<DefaultGatewaySettings> gateway) : GatewayHost(gateway)
{
    [Fact]
    public void The_gateways_bus_reports_no_usage_telemetry()
    {
        Assert.False(Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
