using System.Net.Sockets;
using Azure;
using MassTransit;
using RenderFarm.Worker.Scheduling;
using StackExchange.Redis;

namespace RenderFarm.Worker.Consumers;

/// <summary>
/// Which faults are the farm's weather rather than the job's: a backing service that is down, slow or restarting.
/// Those are retried for as long as the upload lives; anything else is a fault of this job (or a bug) and fails it.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PainterUnavailableException => true,           // the GPU failed under the painter, not because of the photo
        RedisException => true,                        // connection lost, timeout, LOADING/BUSY while it restarts
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true, // blob store unreachable, throttling or failing
        RequestFailedException => false,               // 4xx: the request itself is wrong, a retry asks it again
        TimeoutException or SocketException or IOException or HttpRequestException => true,
        MassTransitException => true,                  // the broker, while publishing the outcome
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };
}
