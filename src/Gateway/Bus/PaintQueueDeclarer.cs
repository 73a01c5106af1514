using RenderFarm.ServiceDefaults;

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
                await queue.DeclareAsync(broker, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 30 && ex is not OperationCanceledException)
            {
                logger.LogWarning("Broker not ready to declare {Queue} (attempt {Attempt}): {Error}", queue.Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
