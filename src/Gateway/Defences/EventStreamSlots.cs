using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Defences;

/// <summary>
/// Caps the status streams (GET /api/portraits/{id}/events) this Gateway replica holds open, per client and in total:
/// each open stream holds a connection for up to 15 minutes and reads Redis twice a second while its job is queued.
/// ASP.NET Core's concurrency limiters, chained; the lease is held for the whole response and given back when it ends,
/// however it ends.
/// </summary>
public sealed class EventStreamSlots : IDisposable
{
    readonly PartitionedRateLimiter<HttpContext> slots;

    public EventStreamSlots(IOptions<RateLimitOptions> options, ClientKeys clients)
    {
        var limits = options.Value;
        var perClient = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetConcurrencyLimiter(
            clients.For(context), _ => new ConcurrencyLimiterOptions { PermitLimit = limits.StreamsPerClient, QueueLimit = 0 }));
        var total = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetConcurrencyLimiter(
            "all", _ => new ConcurrencyLimiterOptions { PermitLimit = limits.StreamsPerReplica, QueueLimit = 0 }));
        slots = PartitionedRateLimiter.CreateChained(perClient, total);
    }

    /// <summary>A slot for this request's stream, or a lease that is not acquired when the client or the replica is full.</summary>
    public RateLimitLease TryTake(HttpContext context) => slots.AttemptAcquire(context);

    public void Dispose() => slots.Dispose();
}
