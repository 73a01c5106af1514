using MassTransit;
using RenderFarm.Bus;
using RenderFarm.Gateway.Webhooks;

namespace RenderFarm.Gateway.Bus;

public static class GatewayBusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with publisher confirms (MassTransit's default) and the paint queue declared; it sends
    /// jobs, and when webhooks are on it also takes the job-end events that become callbacks (WebhookNotifier).
    /// </summary>
    public static WebApplicationBuilder AddGatewayBus(this WebApplicationBuilder builder)
    {
        var broker = RabbitMqEndpoint.FromConfiguration(builder.Configuration, builder.Environment);
        var webhooks = builder.Configuration.WebhooksEnabled();
        builder.Services.AddMassTransit(bus =>
        {
            bus.WithoutUsageTelemetry();
            if (webhooks)
                bus.AddConsumer<WebhookNotifier, WebhookNotifierDefinition>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                broker.Configure(rabbit);
                if (webhooks)
                    rabbit.ConfigureEndpoints(context);
            });
        });
        // Without this the first send on a fresh broker can race the bus start and be lost.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        builder.Services.AddSingleton(broker);
        builder.Services.AddHostedService<PaintQueueDeclarer>();
        return builder;
    }
}
