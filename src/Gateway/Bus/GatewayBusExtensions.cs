using MassTransit;
using RenderFarm.Bus;

namespace RenderFarm.Gateway.Bus;

public static class GatewayBusExtensions
{
    /// <summary>MassTransit on RabbitMQ, send-only, with publisher confirms (MassTransit's default) and the paint queue declared.</summary>
    public static WebApplicationBuilder AddGatewayBus(this WebApplicationBuilder builder)
    {
        var broker = RabbitMqEndpoint.FromConfiguration(builder.Configuration, builder.Environment);
        builder.Services.AddMassTransit(bus => bus.WithoutUsageTelemetry().UsingRabbitMq((_, rabbit) => broker.Configure(rabbit)));
        // Without this the first send on a fresh broker can race the bus start and be lost.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddSingleton(broker);
        builder.Services.AddHostedService<PaintQueueDeclarer>();
        return builder;
    }
}
