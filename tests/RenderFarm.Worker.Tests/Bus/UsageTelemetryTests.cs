using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker.Tests.Bus;

/// <summary>The worker's bus sends MassTransit's vendor no usage telemetry (on by default since MassTransit 8.4).</summary>
public sealed class UsageTelemetryTests
{
    [Fact]
    public async Task The_workers_bus_reports_no_usage_telemetry()
    {
        var settings = FarmSettings.OnlyPainter("ink");
        try
        {
            await using var worker = new FarmHost<PaintPortraitConsumer>(settings);

            Assert.False(worker.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
        }
        finally
        {
            await TestQueues.DeleteAsync(settings);
        }
    }
}
