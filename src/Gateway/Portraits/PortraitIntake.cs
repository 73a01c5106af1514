using Azure.Storage.Blobs.Models;
using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Gateway.Uploads;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Accepts a checked upload: stores the private source blob, writes the job record, sends PaintPortrait and waits
/// for the broker's confirm. Only when all three succeeded is the job accepted; otherwise what was stored is removed.
/// </summary>
public sealed class PortraitIntake(
    FarmBlobContainers containers,
    JobStore jobs,
    ISendEndpointProvider sendEndpoints,
    PaintQueue queue,
    TimeProvider time,
    ILogger<PortraitIntake> logger)
{
    /// <summary>The longest a request waits for the broker's confirm before answering 503.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public async Task<(Guid JobId, string DeleteToken)> AcceptAsync(InspectedImage image, string style, bool listed, CancellationToken cancellationToken)
    {
        var jobId = Guid.NewGuid();
        var deleteToken = DeleteTokens.Create();
        var submittedAt = time.GetUtcNow();
        var blobName = jobId.ToString("N");
        var blob = containers.Uploads.GetBlobClient(blobName);
        var stage = "store";
        try
        {
            // No file name, no client data: the blob is known only by the job id.
            await blob.UploadAsync(BinaryData.FromBytes(image.Bytes),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = image.ContentType } }, cancellationToken);

            stage = "record";
            await jobs.CreateAsync(new JobRecord
            {
                Id = jobId,
                Status = JobStatus.Queued,
                RequestedStyle = style,
                Listed = listed,
                SubmittedAt = submittedAt,
                DeleteTokenHash = DeleteTokens.Hash(deleteToken),
            });

            stage = "publish";
            using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            publishTimeout.CancelAfter(PublishTimeout);
            var endpoint = await sendEndpoints.GetSendEndpoint(queue.Address);
            await endpoint.Send(new PaintPortrait(jobId, blobName, style, listed, submittedAt), publishTimeout.Token);
            return (jobId, deleteToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} not accepted: {Stage} failed with {ErrorType}: {Error}", jobId, stage, ex.GetType().Name, ex.Message);
            await ForgetAsync(jobId, blob);
            throw new FarmUnavailableException(stage, ex);
        }
        catch
        {
            await ForgetAsync(jobId, blob);
            throw;
        }
    }

    // The client never learns this job's id, so nothing may stay behind: neither the photo nor the record.
    async Task ForgetAsync(Guid jobId, Azure.Storage.Blobs.BlobClient blob)
    {
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The sweeper removes it once its TTL passes; say so loudly meanwhile.
            logger.LogError("Could not delete the source of unaccepted job {JobId} ({ErrorType}); the sweeper will", jobId, ex.GetType().Name);
        }
        try
        {
            await jobs.DeleteAsync(jobId);
        }
        catch (Exception ex)
        {
            logger.LogError("Could not delete the record of unaccepted job {JobId} ({ErrorType}); it expires by TTL", jobId, ex.GetType().Name);
        }
    }
}
