using RenderFarm.Farm.Uploads;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Deletes a job's source photo, in its own trace span. Idempotent: deleting what is already gone is fine.</summary>
public sealed class SourceJanitor(UploadStore uploads)
{
    public async Task DeleteAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var activity = FarmTelemetry.ActivitySource.StartActivity("paint-portrait delete-source");
        await uploads.DeleteAsync(jobId, cancellationToken);
    }
}
