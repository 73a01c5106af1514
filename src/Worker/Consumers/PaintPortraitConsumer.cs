using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Paints one job. The job record is the lock: only a queued (or, on redelivery, processing) job is painted; its
/// gallery id is reserved once, so a redelivered job rewrites the same gallery item. Whatever the outcome, the
/// source photo is deleted before the message is acknowledged.
/// </summary>
public sealed class PaintPortraitConsumer(
    JobStore jobs,
    PortraitPipeline pipeline,
    GalleryPaintings paintings,
    SourceJanitor janitor,
    TimeProvider time,
    ILogger<PaintPortraitConsumer> logger) : IConsumer<PaintPortrait>
{
    /// <summary>Retries of a transient fault (store or Redis hiccup) before the job is failed.</summary>
    public const int TransientRetries = 3;

    public async Task Consume(ConsumeContext<PaintPortrait> context)
    {
        var job = context.Message;
        var cancellationToken = context.CancellationToken;
        var startedAt = time.GetUtcNow();

        var claim = await jobs.TransitionAsync(job.JobId, [JobStatus.Queued, JobStatus.Processing], JobStatus.Processing,
            ("startedAt", JobStore.Format(startedAt)));
        if (!claim.Applied)
        {
            logger.LogInformation("Job {JobId} not painted: it is {Status}", job.JobId, claim.RecordMissing ? "gone" : claim.PreviousStatus);
            await janitor.DeleteAsync(job.SourceBlobName, cancellationToken);
            return;
        }

        try
        {
            var record = await jobs.GetAsync(job.JobId) ?? throw new JobRecordMissingException(job.JobId);
            var galleryId = await jobs.ReserveGalleryIdAsync(job.JobId);
            var outcome = await pipeline.PaintAsync(job, galleryId, record.DeleteTokenHash ?? "", cancellationToken);

            var completedAt = time.GetUtcNow();
            var timings = new Dictionary<string, double>(outcome.TimingsMs)
            {
                ["queueWait"] = Math.Round((startedAt - job.SubmittedAt).TotalMilliseconds, 1),
                ["total"] = Math.Round((completedAt - job.SubmittedAt).TotalMilliseconds, 1),
            };
            var finished = await jobs.TransitionAsync(job.JobId, [JobStatus.Processing], JobStatus.Succeeded,
                ("style", outcome.Style.Style),
                ("styleReason", outcome.Style.Reason),
                ("framing", outcome.Framing),
                ("completedAt", JobStore.Format(completedAt)),
                ("timings", JobStore.FormatTimings(timings)));
            await janitor.DeleteAsync(job.SourceBlobName, cancellationToken);
            if (!finished.Applied)
            {
                // Canceled or expired while it was being painted: the uploader's wish wins, the painting goes too.
                await paintings.DeleteAsync(galleryId, cancellationToken);
                logger.LogInformation("Job {JobId} became {Status} while painting; its painting was discarded", job.JobId,
                    finished.RecordMissing ? "gone" : finished.PreviousStatus);
                return;
            }
            logger.LogInformation("Job {JobId} painted as {Style} in {TotalMs} ms", job.JobId, outcome.Style.Style, timings["total"]);
            await context.Publish(new PortraitPainted(job.JobId, galleryId, outcome.Style.Style, job.Listed, completedAt), cancellationToken);
        }
        catch (PortraitJobException ex)
        {
            await FailAsync(context, ex.Code, ex.Message, ex);
        }
        catch (JobRecordMissingException ex)
        {
            await FailAsync(context, ErrorCodes.InternalError, "The job record expired while painting.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && context.GetRetryAttempt() >= TransientRetries)
        {
            await FailAsync(context, ErrorCodes.InternalError, "The farm hit repeated errors painting this photo.", ex);
        }
    }

    async Task FailAsync(ConsumeContext<PaintPortrait> context, string code, string message, Exception ex)
    {
        var job = context.Message;
        logger.LogWarning("Job {JobId} failed with {ErrorCode}: {ErrorType}", job.JobId, code, ex.GetType().Name);
        var failedAt = time.GetUtcNow();
        await jobs.TransitionAsync(job.JobId, [JobStatus.Queued, JobStatus.Processing], JobStatus.Failed,
            ("errorCode", code), ("errorMessage", message), ("completedAt", JobStore.Format(failedAt)));
        await janitor.DeleteAsync(job.SourceBlobName, context.CancellationToken);
        await context.Publish(new PortraitFailed(job.JobId, code, message, failedAt), context.CancellationToken);
    }
}
