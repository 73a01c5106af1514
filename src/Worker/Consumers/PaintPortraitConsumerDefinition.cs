using MassTransit;

namespace RenderFarm.Worker.Consumers;

/// <summary>The paint queue: durable quorum queue, transient faults retried with back-off, a small prefetch.</summary>
public sealed class PaintPortraitConsumerDefinition : ConsumerDefinition<PaintPortraitConsumer>
{
    /// <summary>Jobs held at once: one painting while the next is fetched and decoded.</summary>
    public const int ConcurrentJobs = 2;

    public PaintPortraitConsumerDefinition()
    {
        ConcurrentMessageLimit = ConcurrentJobs;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<PaintPortraitConsumer> consumer, IRegistrationContext context)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
            rabbit.PrefetchCount = ConcurrentJobs;
        }
        // Permanent failures never reach the retry filter: the consumer turns them into a failed job and returns.
        endpoint.UseMessageRetry(retry => retry.Intervals(PaintPortraitConsumer.RetryIntervals));
    }
}
