using RenderFarm.Bus;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Gateway.Bus;

/// <summary>Declares the paint queue at start-up so accepted jobs are kept even before the first worker ran.</summary>
public sealed class PaintQueueDeclarer(RabbitMqEndpoint broker, PaintQueue queue, ILogger<PaintQueueDeclarer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PaintQueueTopology.DeclareAsync(broker, queue, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 30 && ex is not OperationCanceledException)
            {
                logger.BrokerNotReady(ex, queue.Name, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
