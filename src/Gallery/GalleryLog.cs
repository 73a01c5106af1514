namespace RenderFarm.Gallery;

/// <summary>Log messages of the Gallery, source-generated, with stable event ids (3000s). Never a gallery id or token.</summary>
public static partial class GalleryLog
{
    [LoggerMessage(3001, LogLevel.Information, "A painting was taken down by its uploader")]
    public static partial void TakenDown(this ILogger logger);

    [LoggerMessage(3002, LogLevel.Warning, "Audit: a painting was taken down by an operator (reason: {Reason})")]
    public static partial void TakenDownByOperator(this ILogger logger, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Audit: an operator takedown was refused: no or wrong admin key")]
    public static partial void OperatorRefused(this ILogger logger);

    [LoggerMessage(3004, LogLevel.Information, "Audit: retention removed {Count} paintings older than {Days} days")]
    public static partial void RetentionRemoved(this ILogger logger, int count, int days);

    [LoggerMessage(3005, LogLevel.Error, "Retention sweep failed; the next one tries again")]
    public static partial void RetentionFailed(this ILogger logger, Exception exception);
}
