namespace RenderFarm.Worker.Pipeline;

/// <summary>What painting one job produced: the style used and why, how the photo was framed, and stage timings (ms).</summary>
public sealed record PaintOutcome(StyleChoice Style, string Framing, IReadOnlyDictionary<string, double> TimingsMs);
