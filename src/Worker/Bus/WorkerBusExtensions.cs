using MassTransit;
using RenderFarm.Bus;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Consumers;

namespace RenderFarm.Worker.Bus;

public static class WorkerBusExtensions
{
    /// <summary>MassTransit on RabbitMQ with the paint-portrait consumer.</summary>
    public static WebApplicationBuilder AddWorkerBus(this WebApplicationBuilder builder)
    {
        var broker = RabbitMqEndpoint.FromConfiguration(builder.Configuration, builder.Environment);
        var drain = builder.Configuration.GetSection(DrainOptions.Section).Get<DrainOptions>() ?? new DrainOptions();
        builder.Services.AddValidatedOptions<PaintRetryOptions>(PaintRetryOptions.Section);
        builder.Services.AddMassTransit(bus =>
        {
            bus.WithoutUsageTelemetry();
            bus.AddConsumer<PaintPortraitConsumer, PaintPortraitConsumerDefinition>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                broker.Configure(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            // On SIGTERM the bus stops taking messages and waits this long for jobs in hand; what is still running
            // then is canceled, never acknowledged, and RabbitMQ hands it to another worker.
            o.StopTimeout = drain.Timeout;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain.Timeout + TimeSpan.FromSeconds(10));
        return builder;
    }
}
