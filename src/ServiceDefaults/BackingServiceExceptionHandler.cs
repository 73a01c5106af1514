using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RenderFarm.Contracts;
using StackExchange.Redis;

namespace RenderFarm.ServiceDefaults;

/// <summary>
/// Turns an outage of Redis or the blob store into 503 + Retry-After with code service_unavailable, and anything
/// else unexpected into a 500 problem with code internal_error — never a bare error page, never a stack trace.
/// </summary>
public sealed class BackingServiceExceptionHandler(IProblemDetailsService problems, ILogger<BackingServiceExceptionHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = IsBackingServiceOutage(exception);
        if (unavailable)
            logger.BackingServiceUnavailable(exception);
        else
            logger.Unhandled(exception, exception.GetType().Name);

        httpContext.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (unavailable)
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = httpContext.Response.StatusCode,
                Title = unavailable ? "The farm's storage is unavailable right now; try again shortly." : "Something went wrong on our side.",
                Type = $"https://renderfarm.dev/errors/{(unavailable ? ErrorCodes.ServiceUnavailable : ErrorCodes.InternalError)}",
                Extensions = { ["code"] = unavailable ? ErrorCodes.ServiceUnavailable : ErrorCodes.InternalError },
            },
        });
    }

    public static bool IsBackingServiceOutage(Exception exception) => exception switch
    {
        RedisException or RedisTimeoutException => true,
        RequestFailedException { Status: 0 or >= 500 } => true,
        TimeoutException => true,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsBackingServiceOutage),
        _ => exception.InnerException is { } inner && IsBackingServiceOutage(inner),
    };
}
