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
            // Streamed straight into one array of the blob's size: the SDK's DownloadContent grows a buffer and copies
            // it out again, ~1.5 ms more of a worker's CPU and of the job's wait for a 0.8 MB photo (PERFORMANCE 0r).
            using var download = (await containers.Uploads.GetBlobClient(BlobName(jobId)).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            // The Gateway stores only photos within its upload limit; a blob's size always comes with it.
            var length = download.Details.ContentLength;
            if (length < 0 || length > Array.MaxLength)
                throw new InvalidDataException($"The source photo's blob says it holds {length} bytes.");
            var photo = new byte[length];
            await download.Content.ReadExactlyAsync(photo, cancellationToken);
            return photo;
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
