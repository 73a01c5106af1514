using Azure;
using Azure.Storage.Blobs.Models;
using RenderFarm.Farm.Storage;

namespace RenderFarm.Farm.Uploads;

/// <summary>
/// The private, short-lived source photos, one blob per job named by the job id alone (no file name, nothing about
/// the uploader): the only place that name is made. Every delete is idempotent.
/// </summary>
public sealed class UploadStore(FarmBlobContainers containers)
{
    public static string BlobName(Guid jobId) => jobId.ToString("N");

    public async Task PutAsync(Guid jobId, byte[] photo, string contentType, CancellationToken cancellationToken) =>
        await containers.Uploads.GetBlobClient(BlobName(jobId)).UploadAsync(BinaryData.FromBytes(photo),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    /// <summary>The photo's bytes, or null when it is gone (canceled, expired, never stored).</summary>
    public async Task<byte[]?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await containers.Uploads.GetBlobClient(BlobName(jobId)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        (await containers.Uploads.GetBlobClient(BlobName(jobId)).ExistsAsync(cancellationToken)).Value;

    public async Task DeleteAsync(Guid jobId, CancellationToken cancellationToken) =>
        await containers.Uploads.GetBlobClient(BlobName(jobId)).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    /// <summary>
    /// Every upload stored before <paramref name="cutoff"/>, with its job id (null for a blob whose name is not a job
    /// id: it has no job to expire, but it must still go).
    /// </summary>
    /// <param name="cutoff">Uploads stored at or before it are stale.</param>
    /// <param name="cancellationToken">The listing's.</param>
    /// <param name="kept">When given, learns when the oldest upload that is not stale was stored, from the same listing.</param>
    public async IAsyncEnumerable<StaleUpload> StoredBeforeAsync(DateTimeOffset cutoff,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, OldestUpload? kept = null)
    {
        await foreach (var blob in containers.Uploads.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var stored = blob.Properties.CreatedOn ?? blob.Properties.LastModified;
            if (stored is { } at && at > cutoff) kept?.See(at);
            if (stored is null || stored > cutoff) continue;
            yield return new StaleUpload(blob.Name, Guid.TryParseExact(blob.Name, "N", out var jobId) ? jobId : null);
        }
    }

    /// <summary>Deletes an upload found by <see cref="StoredBeforeAsync"/>, by its blob name.</summary>
    public async Task DeleteAsync(StaleUpload upload, CancellationToken cancellationToken) =>
        await containers.Uploads.GetBlobClient(upload.BlobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
}
