namespace RenderFarm.Gateway.Defences;

/// <summary>The latest reading of how deep the paint queue is and how fast the farm paints.</summary>
public sealed record FarmPace(long QueueDepth, int Consumers, double PaintingsPerSecond, DateTimeOffset ReadAt)
{
    public static readonly FarmPace Unknown = new(0, 0, 0, DateTimeOffset.MinValue);

    /// <summary>Seconds until the queue is drained at this pace, or null when the farm shows no pace.</summary>
    public double? DrainSeconds => PaintingsPerSecond > 0 ? QueueDepth / PaintingsPerSecond : null;
}
