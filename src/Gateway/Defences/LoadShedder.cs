using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Defences;

/// <summary>
/// Decides, from the latest <see cref="FarmPace"/>, whether a new upload could be painted within
/// Shedding:MaxQueueTime. If not, the Gateway answers 503 with a Retry-After instead of queueing work it cannot finish.
/// </summary>
public sealed class LoadShedder(IOptions<SheddingOptions> options)
{
    FarmPace pace = FarmPace.Unknown;

    public FarmPace Pace => Volatile.Read(ref pace);

    public void Update(FarmPace reading) => Volatile.Write(ref pace, reading);

    /// <summary>How long to tell the client to wait, or null to accept the upload.</summary>
    public TimeSpan? ShouldShed()
    {
        var settings = options.Value;
        var current = Pace;
        if (current.QueueDepth < settings.MinDepth)
            return null;
        if (current.DrainSeconds is not { } drain)
            return current.QueueDepth >= settings.MaxDepthWithoutProgress ? TimeSpan.FromSeconds(60) : null;
        var excess = drain - settings.MaxQueueTime.TotalSeconds;
        return excess > 0 ? TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(excess), 5, 600)) : null;
    }
}
