using Azure.Storage.Blobs.Models;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Cancels a job for its uploader: the status becomes canceled (check-and-set, so a worker finishing at the same
/// moment cannot overwrite it) and the source photo is deleted at once. A worker that later gets the message skips it.
/// </summary>
public sealed class PortraitCanceller(JobStore jobs, FarmBlobContainers containers, TimeProvider time, ILogger<PortraitCanceller> logger)
{
    public async Task<(CancelOutcome Outcome, JobRecord? Job)> CancelAsync(Guid jobId, string? deleteToken, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId);
        // Unknown job and wrong token answer alike, so the endpoint tells nobody which ids exist.
        if (job is null || !DeleteTokens.Matches(deleteToken, job.DeleteTokenHash))
            return (CancelOutcome.NotFound, null);

        var change = await jobs.TransitionAsync(jobId, [JobStatus.Queued, JobStatus.Processing], JobStatus.Canceled,
            ("errorCode", ErrorCodes.Canceled),
            ("errorMessage", "Canceled by the uploader."),
            ("completedAt", JobStore.Format(time.GetUtcNow())));
        if (!change.Applied && change.PreviousStatus != JobStatus.Canceled)
            return (CancelOutcome.AlreadyEnded, job);

        if (change.Applied)
            JobMetrics.RecordEnded(JobStatus.Canceled, ErrorCodes.Canceled);
        await containers.Uploads.GetBlobClient(jobId.ToString("N"))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        logger.LogInformation("Job {JobId} canceled by its uploader; source deleted", jobId);
        return (CancelOutcome.Canceled, await jobs.GetAsync(jobId));
    }
}
