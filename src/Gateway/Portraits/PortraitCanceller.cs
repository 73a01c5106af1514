using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Uploads;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Cancels a job for its uploader: the status becomes canceled (check-and-set, so a worker finishing at the same
/// moment cannot overwrite it) and the source photo is deleted at once. A worker that later gets the message skips it;
/// one painting it now fails to succeed and discards its painting; and a painting stored by a worker that died before
/// succeeding is taken down here, since its job will never succeed.
/// </summary>
public sealed class PortraitCanceller(JobStore jobs, UploadStore uploads, GalleryPaintings paintings, TimeProvider time, ILogger<PortraitCanceller> logger)
{
    public async Task<(CancelOutcome Outcome, JobRecord? Job)> CancelAsync(Guid jobId, string? deleteToken, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId);
        // Unknown job and wrong token answer alike, so the endpoint tells nobody which ids exist.
        if (job is null || !DeleteTokens.Matches(deleteToken, job.DeleteTokenHash))
            return (CancelOutcome.NotFound, null);

        var change = await jobs.CancelAsync(jobId, time.GetUtcNow());
        if (!change.Applied && change.PreviousStatus != JobStatus.Canceled)
            return (CancelOutcome.AlreadyEnded, job);

        if (change.Applied)
            JobMetrics.RecordEnded(JobStatus.Canceled, ErrorCodes.Canceled);
        await uploads.DeleteAsync(jobId, cancellationToken);
        var canceled = await jobs.GetAsync(jobId);
        // Read after the cancel: a worker may have claimed the job (and reserved its gallery id) since the first read.
        if (canceled?.GalleryId is { } galleryId)
            await paintings.DeleteAsync(galleryId, cancellationToken);
        logger.JobCanceled(jobId);
        return (CancelOutcome.Canceled, canceled);
    }
}
