using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;

namespace RenderFarm.Farm.Uploads;

/// <summary>
/// The promise's backstop: any upload older than Jobs:UploadTtl is deleted and its job marked expired, whatever
/// became of the message or the worker. Runs at start-up and then every Sweeper:Interval, in the Gateway (which always
/// runs, also while workers are scaled to zero) and in every worker. Safe on many replicas: the status change is
/// check-and-set and deleting a deleted blob is a no-op. A job it expires while processing may have a painting stored
/// by a worker that died before succeeding: that painting goes too, since its job never succeeded.
/// </summary>
public sealed class UploadSweeper(
    UploadStore uploads,
    JobStore jobs,
    GalleryPaintings paintings,
    IOptions<JobOptions> jobOptions,
    IOptions<SweeperOptions> options,
    SourceAgeMetrics sourceAges,
    TimeProvider time,
    ILogger<UploadSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.SweepFailed(ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the uploads container; returns how many uploads it removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - jobOptions.Value.UploadTtl;
        var removed = 0;
        var kept = new OldestUpload();
        await foreach (var upload in uploads.StoredBeforeAsync(cutoff, cancellationToken, kept))
        {
            var expired = upload.JobId is { } jobId && (await jobs.ExpireAsync(jobId, time.GetUtcNow())).Applied;
            await uploads.DeleteAsync(upload, cancellationToken);
            removed++;
            if (expired)
            {
                JobMetrics.RecordEnded(JobStatus.Expired, ErrorCodes.UploadExpired);
                logger.JobExpired(upload.JobId!.Value, jobOptions.Value.UploadTtl);
                if ((await jobs.GetAsync(upload.JobId.Value))?.GalleryId is { } galleryId)
                    await paintings.DeleteAsync(galleryId, cancellationToken);
            }
        }
        if (removed > 0)
            logger.UploadsSwept(removed, jobOptions.Value.UploadTtl);
        // What is left (from the same listing): the oldest photo not yet due; a failed delete ends the pass before
        // this, so the last recorded age keeps growing past the TTL and the alert fires.
        sourceAges.Record(kept.StoredAt);
        return removed;
    }
}
