using Microsoft.Extensions.Configuration;
using RenderFarm.Bus;

namespace RenderFarm.EndToEnd.Tests;

/// <summary>Reads a queue's ready-message count straight from RabbitMQ.</summary>
public static class BrokerQueue
{
    public static async Task<uint> CountAsync(string queue)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var endpoint = RabbitMqEndpoint.FromConfiguration(configuration);
        await using var connection = await endpoint.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
