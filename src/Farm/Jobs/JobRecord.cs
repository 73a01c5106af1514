namespace RenderFarm.Farm.Jobs;

/// <summary>What Redis holds about one job (hash "job:{id}"). Never the file name, IP or token itself.</summary>
public sealed record JobRecord
{
    public required Guid Id { get; init; }
    public required string Status { get; init; }
    public string RequestedStyle { get; init; } = "auto";
    public bool Listed { get; init; }
    public string? Style { get; init; }
    public string? StyleReason { get; init; }
    public string? Framing { get; init; }
    /// <summary>How the sitter was separated from the photo's surroundings, or why the full frame was painted.</summary>
    public string? Figure { get; init; }
    public string? GalleryId { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? DeleteTokenHash { get; init; }
    /// <summary>Where the job's end is POSTed (the uploader's callback URL), or null. Never logged.</summary>
    public string? Webhook { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>Milliseconds per stage (queueWait, download, decode, frame, paint, encode, upload, total).</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();
}
