using RenderFarm.Bus;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>Reads a queue's ready-message count straight from RabbitMQ.</summary>
public static class BrokerQueue
{
    public static async Task<uint> CountAsync(string queue)
    {
        var endpoint = RabbitMqEndpoint.FromConnectionString(
            Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq") ?? "amqp://guest:guest@127.0.0.1:5672/");
        await using var connection = await endpoint.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>The count, or 0 where the queue was never declared (MassTransit declares an error queue at its first fault).</summary>
    public static async Task<uint> CountIfDeclaredAsync(string queue)
    {
        try
        {
            return await CountAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}
