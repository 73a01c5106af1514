using MassTransit;
using RenderFarm.Contracts;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Uploads;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Accepts a checked upload: stores the private source blob and writes the job record (at once), then sends PaintPortrait
/// and waits for the broker's confirm. Only when all three succeeded is the job accepted; otherwise what was stored is removed.
/// It owns Idempotency-Key too: a retried upload with the same key and content gets the same job, not a second one.
/// </summary>
public sealed class PortraitIntake(
    UploadStore uploads,
    JobStore jobs,
    IdempotencyStore idempotency,
    ISendEndpointProvider sendEndpoints,
    PaintQueue queue,
    TimeProvider time,
    ILogger<PortraitIntake> logger)
{
    /// <summary>The longest a request waits for the broker's confirm before answering 503.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <param name="request">The checked photo and options.</param>
    /// <param name="idempotencyKey">The client's Idempotency-Key header, or "".</param>
    /// <param name="client">The client's rate-limit partition: a key replays only for the client that used it, so the
    /// same key and photo from someone else never return another person's job id and delete token.</param>
    /// <param name="cancellationToken">The request's.</param>
    public async Task<IntakeOutcome> AcceptAsync(PortraitRequest request, string idempotencyKey, string client, CancellationToken cancellationToken)
    {
        if (idempotencyKey.Length > 255)
            return new IntakeOutcome(IntakeOutcomeKind.KeyTooLong);
        if (idempotencyKey.Length > 0)
            idempotencyKey = $"{client}|{idempotencyKey}";
        var requestHash = "";
        if (idempotencyKey.Length > 0)
        {
            requestHash = IdempotencyStore.HashRequest(request.Image.Bytes, request.Style, request.Listed, request.Webhook);
            var claim = await idempotency.ClaimAsync(idempotencyKey, requestHash);
            switch (claim.Kind)
            {
                case IdempotencyClaimKind.Replay: return IntakeOutcome.Accepted(claim.JobId, claim.DeleteToken!);
                case IdempotencyClaimKind.InProgress: return new IntakeOutcome(IntakeOutcomeKind.KeyInProgress);
                case IdempotencyClaimKind.Mismatch: return new IntakeOutcome(IntakeOutcomeKind.KeyReused);
            }
        }
        try
        {
            var (jobId, deleteToken) = await AcceptNewAsync(request, cancellationToken);
            if (idempotencyKey.Length > 0)
                await RememberAsync(idempotencyKey, requestHash, jobId, deleteToken);
            return IntakeOutcome.Accepted(jobId, deleteToken);
        }
        catch (FarmUnavailableException)
        {
            if (idempotencyKey.Length > 0)
                await idempotency.ReleaseAsync(idempotencyKey);
            return new IntakeOutcome(IntakeOutcomeKind.FarmUnavailable);
        }
    }

    async Task RememberAsync(string key, string requestHash, Guid jobId, string deleteToken)
    {
        try
        {
            await idempotency.CompleteAsync(key, requestHash, jobId, deleteToken);
        }
        catch (Exception ex)
        {
            // The broker holds the job now: answering 503 would leave a queued job whose uploader has no token.
            // The key stays "in progress" until its pending lifetime ends; a retry meanwhile gets 409.
            logger.IdempotencyNotRemembered(ex, jobId);
        }
    }

    async Task<(Guid JobId, string DeleteToken)> AcceptNewAsync(PortraitRequest request, CancellationToken cancellationToken)
    {
        var (image, style, listed) = (request.Image, request.Style, request.Listed);
        var jobId = Guid.NewGuid();
        var deleteToken = DeleteTokens.Create();
        var submittedAt = time.GetUtcNow();
        var stage = "store";
        try
        {
            // The photo and its record go to two stores at once: no worker reads either before the message below,
            // which is sent only when both are there. No file name, no client data: the photo is known only by the job id.
            var store = uploads.PutAsync(jobId, image.Bytes, image.ContentType, cancellationToken);
            var record = jobs.CreateAsync(new JobRecord
            {
                Id = jobId,
                Status = JobStatus.Queued,
                RequestedStyle = style,
                Listed = listed,
                SubmittedAt = submittedAt,
                DeleteTokenHash = DeleteTokens.Hash(deleteToken),
                Webhook = request.Webhook?.AbsoluteUri,
            });
            try
            {
                // Both ended, either way, before anything is forgotten: a write still under way cannot come back after.
                await Task.WhenAll(store, record);
            }
            catch
            {
                stage = store.IsCompletedSuccessfully ? "record" : "store";
                throw;
            }

            stage = "publish";
            using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            publishTimeout.CancelAfter(PublishTimeout);
            var endpoint = await sendEndpoints.GetSendEndpoint(queue.Address);
            await endpoint.Send(new PaintPortrait(jobId, submittedAt), publishTimeout.Token);
            return (jobId, deleteToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.JobNotAccepted(ex, jobId, stage);
            await ForgetAsync(jobId);
            throw new FarmUnavailableException(stage, ex);
        }
        catch
        {
            await ForgetAsync(jobId);
            throw;
        }
    }

    // The client never learns this job's id, so nothing may stay behind: neither the photo nor the record.
    async Task ForgetAsync(Guid jobId)
    {
        try
        {
            await uploads.DeleteAsync(jobId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The sweeper removes it once its TTL passes; say so loudly meanwhile.
            logger.UnacceptedSourceLeft(ex, jobId);
        }
        try
        {
            await jobs.DeleteAsync(jobId);
        }
        catch (Exception ex)
        {
            logger.UnacceptedRecordLeft(ex, jobId);
        }
    }
}
