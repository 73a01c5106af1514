using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RenderFarm.ServiceDefaults;

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
                logger.LogWarning("Blob store not ready (attempt {Attempt}): {Error}", attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
