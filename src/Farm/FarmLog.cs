using Microsoft.Extensions.Logging;

namespace RenderFarm.Farm;

/// <summary>Log messages of the farm's shared state, source-generated, with stable event ids (4000s).</summary>
public static partial class FarmLog
{
    [LoggerMessage(4001, LogLevel.Warning, "Blob store not ready (attempt {Attempt})")]
    public static partial void BlobStoreNotReady(this ILogger logger, Exception exception, int attempt);

    [LoggerMessage(4101, LogLevel.Information, "Artwork painters unavailable: the stylizer files {Encoder} and {Stylizer} are not both in the model directories")]
    public static partial void StylizerMissing(this ILogger logger, string encoder, string stylizer);

    [LoggerMessage(4102, LogLevel.Information, "Painter {Painter} unavailable: {File} or its stylizer is in none of the model directories")]
    public static partial void PainterMissing(this ILogger logger, string painter, string file);

    [LoggerMessage(4201, LogLevel.Warning, "Job {JobId} expired after {Ttl}: its upload outlived the TTL")]
    public static partial void JobExpired(this ILogger logger, Guid jobId, TimeSpan ttl);

    [LoggerMessage(4202, LogLevel.Information, "Upload sweep removed {Count} uploads older than {Ttl}")]
    public static partial void UploadsSwept(this ILogger logger, int count, TimeSpan ttl);

    [LoggerMessage(4203, LogLevel.Error, "Upload sweep failed; retrying next interval")]
    public static partial void SweepFailed(this ILogger logger, Exception exception);
}
