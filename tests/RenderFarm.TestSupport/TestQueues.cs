using RenderFarm.Bus;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.TestSupport;

/// <summary>
/// Deletes a test farm's private paint queue and what MassTransit made around it (error and skipped queues, their
/// exchanges) when the farm is done, so a long test run does not leave hundreds of queues on the broker.
/// </summary>
public static class TestQueues
{
    public static async Task DeleteAsync(IReadOnlyDictionary<string, string?> settings)
    {
        if (settings.GetValueOrDefault(PaintQueue.ConfigurationKey) is not { Length: > 0 } name) return;
        // A farm with webhooks on has its own job-end event queue too.
        string[] names = settings.GetValueOrDefault("Webhooks:Queue") is { Length: > 0 } webhooks ? [name, webhooks] : [name];
        var broker = RabbitMqEndpoint.FromConnectionString(
            Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq") ?? "amqp://guest:guest@127.0.0.1:5672/");
        try
        {
            await using var connection = await broker.CreateConnectionFactory().CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in names.SelectMany(n => new[] { n, $"{n}_error", $"{n}_skipped" }))
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
                await channel.ExchangeDeleteAsync(queue, ifUnused: false);
            }
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // A fault test may have left the broker stopped or the channel closed; the next broker start is empty anyway.
        }
    }
}
