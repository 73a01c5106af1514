using Microsoft.Extensions.Configuration;

namespace RenderFarm.Farm.Jobs;

/// <summary>
/// The one work queue, a durable quorum queue fed by an exchange of the same name (MassTransit's receive
/// endpoint shape). The Gateway declares it too, so a job accepted before any worker ever started is kept
/// rather than dropped by an exchange with no queue bound. Its name is "Bus:PaintQueue" (default paint-portrait);
/// tests give each farm its own.
/// </summary>
public sealed record PaintQueue(string Name)
{
    public const string DefaultName = "paint-portrait";
    public const string ConfigurationKey = "Bus:PaintQueue";

    public static PaintQueue FromConfiguration(IConfiguration configuration) =>
        new(configuration[ConfigurationKey] is { Length: > 0 } name ? name : DefaultName);

    /// <summary>
    /// Where the broker's paint-poison policy (delivery-limit 5 on ^paint-portrait quorum queues) dead-letters a
    /// message that no worker survived. Shared by every paint queue; the Gateway declares it.
    /// </summary>
    public const string PoisonQueueName = "paint-portrait-poison";

    /// <summary>The deliveries the broker policy allows a message before it goes to <see cref="PoisonQueueName"/>.</summary>
    public const int DeliveryLimit = 5;

    /// <summary>Send address: the queue's own exchange.</summary>
    public Uri Address => new($"exchange:{Name}");

    public static readonly IDictionary<string, object?> QueueArguments = new Dictionary<string, object?>
    {
        ["x-queue-type"] = "quorum",
    };
}
