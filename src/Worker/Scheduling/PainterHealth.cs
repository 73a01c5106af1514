using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// Counts the painters' failed inferences in a row (any success resets it). After
/// <see cref="BatchingOptions.FailuresBeforeNotReady"/> the worker reports not-ready: its device is sick, and an
/// operator (or an alert on readiness) should move the work elsewhere instead of it failing job after job.
/// </summary>
public sealed class PainterHealth(IOptions<BatchingOptions> options, ILogger<PainterHealth> logger) : IHealthCheck
{
    int failuresInARow;
    volatile string? lastFailure;

    public int FailuresInARow => Volatile.Read(ref failuresInARow);

    public void Painted() => Interlocked.Exchange(ref failuresInARow, 0);

    public void Failed(string painter, int batchSize, Exception exception)
    {
        var inARow = Interlocked.Increment(ref failuresInARow);
        var transient = ExecutionProviderFaults.IsTransient(exception);
        lastFailure = $"{painter}: {exception.GetType().Name}{(transient ? " (device fault)" : "")}";
        logger.PaintFailed(exception, painter, batchSize, transient, inARow);
        WorkerMetrics.PaintFailures.Add(1, new KeyValuePair<string, object?>("painter", painter),
            new KeyValuePair<string, object?>("device_fault", transient));
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var inARow = FailuresInARow;
        return Task.FromResult(inARow >= options.Value.FailuresBeforeNotReady
            ? HealthCheckResult.Unhealthy($"the painter failed {inARow} times in a row (last: {lastFailure})")
            : HealthCheckResult.Healthy(inARow == 0 ? "the painter's last inference succeeded" : $"{inARow} failed inferences in a row"));
    }
}
