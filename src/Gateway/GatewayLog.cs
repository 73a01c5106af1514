namespace RenderFarm.Gateway;

/// <summary>
/// Every log message the Gateway writes, source-generated, with stable event ids (2000s). Job ids and codes only:
/// never a file name, a client address or a token.
/// </summary>
public static partial class GatewayLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Job {JobId} not accepted: {Stage} failed")]
    public static partial void JobNotAccepted(this ILogger logger, Exception exception, Guid jobId, string stage);

    [LoggerMessage(2002, LogLevel.Error, "Could not delete the source of unaccepted job {JobId}; the sweeper will")]
    public static partial void UnacceptedSourceLeft(this ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(2003, LogLevel.Error, "Could not delete the record of unaccepted job {JobId}; it expires by TTL")]
    public static partial void UnacceptedRecordLeft(this ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(2004, LogLevel.Information, "Job {JobId} canceled by its uploader; source deleted")]
    public static partial void JobCanceled(this ILogger logger, Guid jobId);

    [LoggerMessage(2005, LogLevel.Warning, "Job {JobId} accepted, but its Idempotency-Key could not be remembered; a retry with the key gets 409 until the claim lapses")]
    public static partial void IdempotencyNotRemembered(this ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(2006, LogLevel.Warning, "The job status channel cannot be subscribed to; status streams read their jobs on a timer until it can")]
    public static partial void StatusChannelUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(2101, LogLevel.Warning, "Queue depth probe failed")]
    public static partial void QueueProbeFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2102, LogLevel.Warning, "Broker not ready to declare {Queue} (attempt {Attempt})")]
    public static partial void BrokerNotReady(this ILogger logger, Exception exception, string queue, int attempt);

    [LoggerMessage(2201, LogLevel.Warning, "Artwork {Painter}: its image {File} cannot be read; no thumbnail")]
    public static partial void ArtworkUnreadable(this ILogger logger, Exception exception, string painter, string file);

    [LoggerMessage(2202, LogLevel.Warning, "Artwork {Painter}: its image {File} does not match the manifest's SHA-256; no thumbnail")]
    public static partial void ArtworkMismatch(this ILogger logger, string painter, string file);

    [LoggerMessage(2203, LogLevel.Warning, "Artwork {Painter}: its image {File} cannot be decoded; no thumbnail")]
    public static partial void ArtworkUndecodable(this ILogger logger, string painter, string file);

    // Webhooks: the job id and the outcome, never the URL (it may carry the receiver's own token).
    [LoggerMessage(2301, LogLevel.Information, "Webhook {Event} for job {JobId} delivered: HTTP {Status} (attempt {Attempt})")]
    public static partial void WebhookDelivered(this ILogger logger, Guid jobId, string @event, int status, int attempt);

    [LoggerMessage(2302, LogLevel.Warning, "Webhook {Event} for job {JobId} not accepted: {Outcome} (attempt {Attempt}); retrying")]
    public static partial void WebhookRetrying(this ILogger logger, Guid jobId, string @event, string outcome, int attempt);

    [LoggerMessage(2303, LogLevel.Error, "Webhook {Event} for job {JobId} given up after {Attempts} attempts: {Outcome}; dead-letter record kept")]
    public static partial void WebhookGaveUp(this ILogger logger, Guid jobId, string @event, string outcome, int attempts);
}
