using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Worker.Lifecycle;

/// <summary>
/// The promise's backstop: any upload older than Jobs:UploadTtl is deleted and its job marked expired, whatever
/// became of the message or the worker. Runs at start-up and then every Sweeper:Interval. Safe on many replicas:
/// the status change is check-and-set and deleting a deleted blob is a no-op.
/// </summary>
public sealed class UploadSweeper(
    FarmBlobContainers containers,
    JobStore jobs,
    IOptions<JobOptions> jobOptions,
    IOptions<SweeperOptions> options,
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
                logger.LogError("Upload sweep failed ({ErrorType}: {Error}); retrying next interval", ex.GetType().Name, ex.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the uploads container; returns how many uploads it removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - jobOptions.Value.UploadTtl;
        var removed = 0;
        await foreach (var blob in containers.Uploads.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var stored = blob.Properties.CreatedOn ?? blob.Properties.LastModified;
            if (stored is null || stored > cutoff) continue;

            if (Guid.TryParseExact(blob.Name, "N", out var jobId))
            {
                var change = await jobs.TransitionAsync(jobId, [JobStatus.Queued, JobStatus.Processing], JobStatus.Expired,
                    ("errorCode", ErrorCodes.UploadExpired),
                    ("errorMessage", "The photo waited longer than the farm keeps photos; it was deleted unpainted."),
                    ("completedAt", JobStore.Format(time.GetUtcNow())));
                if (change.Applied)
                    JobMetrics.RecordEnded(JobStatus.Expired, ErrorCodes.UploadExpired);
                if (change.Applied)
                    logger.LogWarning("Job {JobId} expired after {Ttl}: its upload outlived the TTL", jobId, jobOptions.Value.UploadTtl);
            }
            await containers.Uploads.GetBlobClient(blob.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            removed++;
        }
        if (removed > 0)
            logger.LogInformation("Upload sweep removed {Count} uploads older than {Ttl}", removed, jobOptions.Value.UploadTtl);
        return removed;
    }
}
