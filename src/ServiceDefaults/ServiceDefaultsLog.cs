using Microsoft.Extensions.Logging;

namespace RenderFarm.ServiceDefaults;

/// <summary>Log messages of the shared hosting plumbing, source-generated, with stable event ids (5000s).</summary>
public static partial class ServiceDefaultsLog
{
    [LoggerMessage(5001, LogLevel.Warning, "A backing service is unavailable")]
    public static partial void BackingServiceUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(5002, LogLevel.Error, "Unhandled {ErrorType}")]
    public static partial void Unhandled(this ILogger logger, Exception exception, string errorType);
}
