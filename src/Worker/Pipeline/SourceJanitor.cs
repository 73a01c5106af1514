using Azure.Storage.Blobs.Models;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Deletes a job's source photo. Idempotent: deleting what is already gone is fine.</summary>
public sealed class SourceJanitor(FarmBlobContainers containers)
{
    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity("paint-portrait delete-source");
        await containers.Uploads.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }
}
