using RenderFarm.Contracts;
using RenderFarm.Farm.Uploads;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Downloads a job's private source photo; a photo that is gone fails the job as source_missing.</summary>
public sealed class SourceFetcher(UploadStore uploads)
{
    public async Task<byte[]> FetchAsync(Guid jobId, CancellationToken cancellationToken) =>
        await uploads.GetAsync(jobId, cancellationToken)
        ?? throw new PortraitJobException(ErrorCodes.SourceMissing, "The source photo is gone (canceled, expired or never stored).");
}
