using Azure;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Pipeline;

/// <summary>Downloads a job's private source photo.</summary>
public sealed class SourceFetcher(FarmBlobContainers containers)
{
    public async Task<byte[]> FetchAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await containers.Uploads.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new PortraitJobException(ErrorCodes.SourceMissing, "The source photo is gone (canceled, expired or never stored).", ex);
        }
    }
}
