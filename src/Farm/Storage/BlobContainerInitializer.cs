using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RenderFarm.Farm.Storage;

/// <summary>Creates the containers at start-up, retrying while the blob store is not up yet.</summary>
public sealed class BlobContainerInitializer(FarmBlobContainers containers, ILogger<BlobContainerInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await containers.EnsureCreatedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 30 && ex is not OperationCanceledException)
            {
                logger.BlobStoreNotReady(ex, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
