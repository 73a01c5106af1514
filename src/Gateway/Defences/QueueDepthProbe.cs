using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using RenderFarm.Bus;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Gateway.Defences;

/// <summary>Reads the paint queue's depth from RabbitMQ and the farm's recent pace from Redis, every ProbeInterval.</summary>
public sealed class QueueDepthProbe(
    RabbitMqEndpoint broker,
    PaintQueue queue,
    JobStore jobs,
    LoadShedder shedder,
    QueueMetrics metrics,
    IOptions<SheddingOptions> options,
    ILogger<QueueDepthProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IConnection? connection = null;
        IChannel? channel = null;
        using var timer = new PeriodicTimer(options.Value.ProbeInterval);
        try
        {
            do
            {
                try
                {
                    if (channel is not { IsOpen: true })
                    {
                        if (connection is not null) await connection.DisposeAsync();
                        connection = await broker.CreateConnectionFactory().CreateConnectionAsync(stoppingToken);
                        channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                    }
                    var declared = await channel.QueueDeclarePassiveAsync(queue.Name, stoppingToken);
                    var pace = await jobs.ThroughputAsync(options.Value.PaceWindow);
                    shedder.Update(new FarmPace(declared.MessageCount, (int)declared.ConsumerCount, pace, DateTimeOffset.UtcNow));
                    metrics.RecordParked(await CountAsync(connection!, $"{queue.Name}_error", stoppingToken)
                                         + await CountAsync(connection!, PaintQueue.PoisonQueueName, stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the last reading: an unreachable broker is answered by the publish timeout, not by shedding.
                    logger.QueueProbeFailed(ex);
                    channel = null;
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (channel is not null) await channel.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Messages in a queue that may not exist yet (MassTransit creates "{queue}_error" when a worker first starts): 0
    /// then. A passive declare of a missing queue closes its channel, so each count has a channel of its own.
    /// </summary>
    static async Task<long> CountAsync(IConnection connection, string queueName, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queueName, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}
