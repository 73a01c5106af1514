using System.Text;
using RabbitMQ.Client;
using RenderFarm.Bus;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Gateway.Tests.Bus;

/// <summary>
/// A message that no worker survives (each delivery returns it unacknowledged, as a worker that dies does) leaves the
/// paint queue for the poison queue after the broker's delivery limit, on the real RabbitMQ that ./farm configures.
/// </summary>
public sealed class PoisonMessageTests
{
    [Fact]
    public async Task A_message_returned_past_the_delivery_limit_moves_to_the_poison_queue()
    {
        var endpoint = RabbitMqEndpoint.FromConnectionString(
            Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq") ?? "amqp://guest:guest@127.0.0.1:5672/");
        var queue = new PaintQueue($"paint-portrait-test-{Guid.NewGuid():N}");
        await PaintQueueTopology.DeclareAsync(endpoint, queue, CancellationToken.None);
        await using var connection = await endpoint.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var marker = Guid.NewGuid().ToString();
        try
        {
            await channel.BasicPublishAsync(queue.Name, "", mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(marker));

            var deliveries = 0;
            while (await NextAsync(channel, queue.Name) is { } delivery)
            {
                deliveries++;
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true);
                Assert.True(deliveries <= 20, "the message was redelivered without end: no delivery limit in force");
            }

            Assert.InRange(deliveries, PaintQueue.DeliveryLimit, PaintQueue.DeliveryLimit + 1);
            Assert.True(await FindInPoisonQueueAsync(channel, marker), "the message was dropped instead of dead-lettered");
        }
        finally
        {
            await channel.QueueDeleteAsync(queue.Name);
            await channel.ExchangeDeleteAsync(queue.Name);
        }
    }

    /// <summary>The queue's next message, waiting up to 2 s for a returned one to come back.</summary>
    static async Task<BasicGetResult?> NextAsync(IChannel channel, string queue)
    {
        for (var wait = 0; wait < 20; wait++)
        {
            if (await channel.BasicGetAsync(queue, autoAck: false) is { } result)
                return result;
            await Task.Delay(100);
        }
        return null;
    }

    static async Task<bool> FindInPoisonQueueAsync(IChannel channel, string marker)
    {
        // Other tests' poison may sit here too: take ours; theirs stay unacknowledged until the search ends, then go back.
        var others = new List<ulong>();
        try
        {
            while (await NextAsync(channel, PaintQueue.PoisonQueueName) is { } result)
            {
                if (Encoding.UTF8.GetString(result.Body.Span) == marker)
                {
                    await channel.BasicAckAsync(result.DeliveryTag, multiple: false);
                    return true;
                }
                others.Add(result.DeliveryTag);
            }
            return false;
        }
        finally
        {
            foreach (var tag in others)
                await channel.BasicNackAsync(tag, multiple: false, requeue: true);
        }
    }
}
