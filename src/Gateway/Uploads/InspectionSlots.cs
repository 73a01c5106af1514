using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Uploads;

/// <summary>
/// Bounds how many uploads this Gateway reads into memory and checks at once (Uploads:ConcurrentChecks, a few more
/// waiting): a check can cost up to a whole decoded image (an interlaced PNG, a progressive JPEG's coefficients), so
/// an unbounded number of them could take the process past its memory limit. Beyond that, uploads are refused with
/// 503 server_busy and Retry-After. ASP.NET Core's concurrency limiter.
/// </summary>
public sealed class InspectionSlots(IOptions<UploadOptions> options) : IDisposable
{
    readonly ConcurrencyLimiter slots = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.ConcurrentChecks,
        QueueLimit = options.Value.ConcurrentChecks * 2,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A slot (possibly after waiting for one), or a lease that is not acquired when too many wait already.</summary>
    public ValueTask<RateLimitLease> TakeAsync(CancellationToken cancellationToken) => slots.AcquireAsync(1, cancellationToken);

    public void Dispose() => slots.Dispose();
}
