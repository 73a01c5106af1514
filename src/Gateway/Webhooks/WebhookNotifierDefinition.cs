using MassTransit;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Webhooks;

/// <summary>
/// The webhook endpoint: its own durable quorum queue (Webhooks:Queue) bound to the PortraitPainted and PortraitFailed
/// events; an undelivered callback is retried after each of Webhooks:RetryIntervals (the message waits in this
/// Gateway; if it stops, the broker hands the message to another).
/// </summary>
public sealed class WebhookNotifierDefinition : ConsumerDefinition<WebhookNotifier>
{
    readonly TimeSpan[] retryIntervals;

    public WebhookNotifierDefinition(IOptions<WebhookOptions> options)
    {
        retryIntervals = options.Value.EffectiveRetryIntervals;
        EndpointName = options.Value.Queue;
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<WebhookNotifier> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
        if (retryIntervals.Length > 0)
            endpointConfigurator.UseMessageRetry(retry => retry.Intervals(retryIntervals).Handle<WebhookDeliveryException>());
    }
}
