namespace RenderFarm.Contracts;

/// <summary>Machine-readable error codes shared by the API (problem+json "code") and job records.</summary>
public static class ErrorCodes
{
    // Upload validation (Gateway, 4xx).
    public const string MissingFile = "missing_file";
    public const string EmptyFile = "empty_file";
    public const string FileTooLarge = "file_too_large";
    public const string UnsupportedFormat = "unsupported_format";
    public const string CorruptImage = "corrupt_image";
    public const string TruncatedImage = "truncated_image";
    public const string TooManyPixels = "too_many_pixels";
    public const string ImageTooSmall = "image_too_small";
    public const string UnknownStyle = "unknown_style";
    public const string InvalidField = "invalid_field";
    /// <summary>The webhook field is not an https URL the farm may call (private and loopback addresses are refused).</summary>
    public const string InvalidWebhook = "invalid_webhook";
    /// <summary>An upload named a webhook but this farm sends none (no Webhooks:SigningSecret).</summary>
    public const string WebhooksDisabled = "webhooks_disabled";
    /// <summary>The multipart body is broken: cut before its closing boundary, an over-long part header or boundary, junk before the first part.</summary>
    public const string MalformedForm = "malformed_form";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyInProgress = "idempotency_in_progress";

    // Availability and defences (Gateway, 429/503).
    public const string ServiceUnavailable = "service_unavailable";
    public const string QueueFull = "queue_full";
    /// <summary>This Gateway is checking as many images as its memory allows; try again in a moment.</summary>
    public const string ServerBusy = "server_busy";
    public const string RateLimited = "rate_limited";
    public const string TooManyStreams = "too_many_streams";
    public const string RequestTimeout = "request_timeout";

    /// <summary>An operator endpoint was called without the right admin key.</summary>
    public const string Unauthorized = "unauthorized";

    // Lookups and lifecycle.
    public const string NotFound = "not_found";
    public const string NotCancelable = "not_cancelable";

    /// <summary>The upload outlived Jobs:UploadTtl before a worker finished it; the sweeper removed it.</summary>
    public const string UploadExpired = "upload_expired";

    /// <summary>The uploader canceled the job.</summary>
    public const string Canceled = "canceled";

    // Worker outcomes (job record).
    public const string SourceMissing = "source_missing";
    public const string DecodeFailed = "decode_failed";
    public const string StyleUnavailable = "style_unavailable";
    public const string PainterFailed = "painter_failed";
    public const string EncodeFailed = "encode_failed";
    public const string InternalError = "internal_error";
}
