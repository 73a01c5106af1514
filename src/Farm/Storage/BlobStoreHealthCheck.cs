using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RenderFarm.Farm.Storage;

/// <summary>Ready only while the blob store answers for the containers this service holds (no package covers Azurite-compatible checks here).</summary>
public sealed class BlobStoreHealthCheck(FarmBlobContainers containers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await containers.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"blob store: {ex.GetType().Name}");
        }
    }
}
