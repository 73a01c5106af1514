using RabbitMQ.Client;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Bus;

/// <summary>
/// Declares the paint queue as MassTransit's receive endpoint would: a durable quorum queue bound to a fanout
/// exchange of the same name. The Gateway declares it before it accepts anything, so a job confirmed by the broker
/// before any worker ever started sits in a queue instead of being dropped by an exchange with nothing bound.
/// </summary>
public static class PaintQueueTopology
{
    public static async Task DeclareAsync(RabbitMqEndpoint endpoint, PaintQueue queue, CancellationToken cancellationToken)
    {
        await using var connection = await endpoint.CreateConnectionFactory().CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(queue.Name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, PaintQueue.QueueArguments, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.Name, queue.Name, routingKey: "", cancellationToken: cancellationToken);
        // Dead-lettered poison messages land here (the broker's paint-poison policy); without it they would be dropped.
        await channel.QueueDeclareAsync(PaintQueue.PoisonQueueName, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
    }
}
