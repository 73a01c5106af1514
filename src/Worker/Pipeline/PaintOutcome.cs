namespace RenderFarm.Worker.Pipeline;

/// <summary>What painting one job produced: the style used and why, how the photo was framed and the sitter cut out, and stage timings (ms).</summary>
public sealed record PaintOutcome(StyleChoice Style, string Framing, string Figure, IReadOnlyDictionary<string, double> TimingsMs);
