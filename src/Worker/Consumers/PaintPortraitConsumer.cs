using MassTransit;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Scheduling;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Paints one job: claim (and fetch, at once) → paint (studio) → store the images → succeed and list (one script) →
/// delete source. The job record is the lock: only a queued (or, on redelivery, processing) job is claimed; its gallery
/// id is reserved once, so a redelivered job rewrites the same gallery item. What to paint comes from the record, never
/// from the message. Whatever the outcome, the source photo is deleted before the message is acknowledged.
/// </summary>
public sealed class PaintPortraitConsumer(
    JobStore jobs,
    SourceFetcher fetcher,
    PortraitStudio studio,
    GalleryWriter gallery,
    GalleryPaintings paintings,
    SourceJanitor janitor,
    IOptions<PaintRetryOptions> retry,
    TimeProvider time,
    ILogger<PaintPortraitConsumer> logger) : IConsumer<PaintPortrait>
{
    public async Task Consume(ConsumeContext<PaintPortrait> context)
    {
        var (jobId, cancellationToken) = (context.Message.JobId, context.CancellationToken);
        var startedAt = time.GetUtcNow();
        var stages = new StageTimer();
        // The photo's download and the claim are two round trips to two stores: at once, the job waits for the longer
        // one only. Nearly every delivery is claimed; one that is not drops the bytes it fetched, unread.
        var download = stages.RunAsync("download", () => fetcher.FetchAsync(jobId, cancellationToken));
        JobClaim claim;
        try
        {
            claim = await jobs.ClaimAsync(jobId, startedAt);
        }
        catch
        {
            await DropAsync(jobId, download);
            throw;
        }
        if (claim.Job is not { GalleryId: { } galleryId } job)
        {
            await DropAsync(jobId, download);
            logger.JobSkipped(jobId, claim.RecordMissing ? "gone" : claim.PreviousStatus);
            await janitor.DeleteAsync(jobId, cancellationToken);
            return;
        }

        try
        {
            var photo = await download;
            var portrait = await studio.PaintAsync(photo, job.RequestedStyle, stages, cancellationToken);
            var stored = await stages.RunAsync("upload", () => gallery.StoreAsync(galleryId, portrait.Style.Style, job.Listed, job.DeleteTokenHash ?? "", portrait.Painting, cancellationToken));
            var success = Success(job, startedAt, portrait, stages);
            var finished = await jobs.SucceedAsync(jobId, success, stored);
            await janitor.DeleteAsync(jobId, cancellationToken);
            if (!finished.Applied)
            {
                await DiscardUnlessPublishedAsync(jobId, galleryId, finished, cancellationToken);
                return;
            }
            JobMetrics.RecordEnded(JobStatus.Succeeded);
            JobMetrics.RecordTimings(success.TimingsMs);
            logger.JobPainted(jobId, success.Style, success.TimingsMs["total"]);
            await context.Publish(new PortraitPainted(jobId, galleryId, success.Style, job.Listed, success.CompletedAt), cancellationToken);
        }
        catch (PortraitJobException ex)
        {
            await FailAsync(context, galleryId, ex.Code, ex.Message, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException
                                   && (!TransientFaults.IsTransient(ex) || context.GetRetryAttempt() >= retry.Value.EffectiveIntervals.Length))
        {
            // A bug, or a transient fault that outlasted every retry: fail the job and delete its photo, then let the
            // message go to the error queue for an operator.
            var (code, message) = ex is PainterUnavailableException
                ? (ErrorCodes.PainterFailed, "The painter's device kept failing; the photo was not at fault.")
                : (ErrorCodes.InternalError, "The farm hit an error painting this photo.");
            await FailAsync(context, galleryId, code, message, ex);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.JobRetrying(ex, jobId, context.GetRetryAttempt() + 1);
            throw;
        }
    }

    // A download for a job this delivery does not paint: its bytes are dropped, and how it ended (a photo already
    // deleted with its ended job, say) matters only to a diagnosis.
    async Task DropAsync(Guid jobId, Task<byte[]> download)
    {
        try
        {
            await download;
        }
        catch (Exception ex)
        {
            logger.UnclaimedDownloadFailed(ex, jobId);
        }
    }

    JobSuccess Success(JobRecord job, DateTimeOffset startedAt, StudioResult portrait, StageTimer stages)
    {
        var completedAt = time.GetUtcNow();
        var timings = new Dictionary<string, double>(stages.TimingsMs)
        {
            ["queueWait"] = Math.Round((startedAt - job.SubmittedAt).TotalMilliseconds, 1),
            ["total"] = Math.Round((completedAt - job.SubmittedAt).TotalMilliseconds, 1),
        };
        return new JobSuccess(portrait.Style.Style, portrait.Style.Reason, portrait.Framing, portrait.Figure, completedAt, timings);
    }

    /// <summary>
    /// The job ended another way while this delivery painted it. Canceled or expired: the uploader's wish wins, the
    /// painting never became a gallery item, and its images go too. Succeeded: another delivery of the same message
    /// finished first under the same gallery id, so the painting this one rewrote is the published one and stays.
    /// </summary>
    async Task DiscardUnlessPublishedAsync(Guid jobId, string galleryId, TransitionResult finished, CancellationToken cancellationToken)
    {
        if (finished.PreviousStatus == JobStatus.Succeeded)
        {
            logger.DuplicateDeliveryFinished(jobId);
            return;
        }
        await paintings.DeleteAsync(galleryId, cancellationToken);
        logger.PaintingDiscarded(jobId, finished.RecordMissing ? "gone" : finished.PreviousStatus);
    }

    async Task FailAsync(ConsumeContext<PaintPortrait> context, string galleryId, string code, string message, Exception ex)
    {
        var jobId = context.Message.JobId;
        logger.JobFailed(ex, jobId, code);
        var failedAt = time.GetUtcNow();
        if ((await jobs.FailAsync(jobId, code, message, failedAt)).Applied)
        {
            JobMetrics.RecordEnded(JobStatus.Failed, code);
            // An earlier attempt may have stored the painting before a later step failed: a failed job shows none.
            await paintings.DeleteAsync(galleryId, context.CancellationToken);
        }
        await janitor.DeleteAsync(jobId, context.CancellationToken);
        await context.Publish(new PortraitFailed(jobId, code, message, failedAt), context.CancellationToken);
    }
}
