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
    /// <summary>
    /// Back-off between attempts after a transient fault (store, Redis or broker hiccup): about 40 s in all, enough
    /// to ride out a restart of a backing service. After the last one the job fails and the message goes to the
    /// error queue ("{queue}_error") for an operator.
    /// </summary>
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)];

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
                ("figure", outcome.Figure),
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
            JobMetrics.RecordEnded(JobStatus.Succeeded);
            JobMetrics.RecordTimings(timings);
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
        catch (Exception ex) when (ex is not OperationCanceledException && context.GetRetryAttempt() >= RetryIntervals.Length)
        {
            // Out of retries: fail the job and delete its photo, then let the message go to the error queue.
            await FailAsync(context, ErrorCodes.InternalError, "The farm hit repeated errors painting this photo.", ex);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Job {JobId} attempt {Attempt} hit {ErrorType}: {Error}; retrying", job.JobId,
                context.GetRetryAttempt() + 1, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    async Task FailAsync(ConsumeContext<PaintPortrait> context, string code, string message, Exception ex)
    {
        var job = context.Message;
        logger.LogWarning("Job {JobId} failed with {ErrorCode}: {ErrorType}", job.JobId, code, ex.GetType().Name);
        var failedAt = time.GetUtcNow();
        var change = await jobs.TransitionAsync(job.JobId, [JobStatus.Queued, JobStatus.Processing], JobStatus.Failed,
            ("errorCode", code), ("errorMessage", message), ("completedAt", JobStore.Format(failedAt)));
        if (change.Applied)
            JobMetrics.RecordEnded(JobStatus.Failed, code);
        await janitor.DeleteAsync(job.SourceBlobName, context.CancellationToken);
        await context.Publish(new PortraitFailed(job.JobId, code, message, failedAt), context.CancellationToken);
    }
}
