using MassTransit;
using Microsoft.Extensions.Options;
using RenderFarm.Farm.Jobs;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// The paint queue's endpoint: named for the farm's queue, a durable quorum queue, as many jobs in hand (and
/// prefetched) as keep the painter fed, transient faults retried with back-off.
/// </summary>
public sealed class PaintPortraitConsumerDefinition : ConsumerDefinition<PaintPortraitConsumer>
{
    readonly int concurrentJobs;
    readonly TimeSpan[] retryIntervals;

    public PaintPortraitConsumerDefinition(PaintQueue queue, IOptions<BatchingOptions> batching, IOptions<PaintRetryOptions> retry)
    {
        retryIntervals = retry.Value.EffectiveIntervals;
        concurrentJobs = ConcurrentJobs(batching.Value);
        EndpointName = queue.Name;
        ConcurrentMessageLimit = concurrentJobs;
    }

    /// <summary>
    /// Jobs a worker holds at once, from the batch size: one batch on the painter while the next is fetched, decoded
    /// and framed (and the last encoded and uploaded). More would only sit in this worker while others are idle.
    /// </summary>
    public static int ConcurrentJobs(BatchingOptions batching) => Math.Max(2, 2 * batching.MaxBatch);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PaintPortraitConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = concurrentJobs;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SetQuorumQueue();
        // Permanent failures never reach the retry filter: the consumer turns them into a failed job and returns.
        if (retryIntervals.Length > 0)
            endpointConfigurator.UseMessageRetry(retry => retry.Intervals(retryIntervals).Handle<Exception>(TransientFaults.IsTransient));
    }
}
