using MassTransit;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker.Bus;

public static class WorkerBusExtensions
{
    /// <summary>MassTransit on RabbitMQ with the paint-portrait consumer.</summary>
    public static WebApplicationBuilder AddWorkerBus(this WebApplicationBuilder builder)
    {
        var broker = RabbitMqEndpoint.FromConfiguration(builder.Configuration);
        var queue = PaintQueue.FromConfiguration(builder.Configuration);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PaintPortraitConsumer, PaintPortraitConsumerDefinition>()
                .Endpoint(endpoint => endpoint.Name = queue.Name);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                broker.Configure(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        return builder;
    }
}
