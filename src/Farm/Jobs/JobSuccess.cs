namespace RenderFarm.Farm.Jobs;

/// <summary>What a worker writes to a job's record when its painting is in the gallery.</summary>
public sealed record JobSuccess(string Style, string StyleReason, string Framing, string Figure, DateTimeOffset CompletedAt,
    IReadOnlyDictionary<string, double> TimingsMs);
