namespace RenderFarm.Farm.Gallery;

/// <summary>One painting in the gallery: only what the feed needs, nothing that points back to the job or person.</summary>
public sealed record GalleryItem(
    string Id,
    string Style,
    DateTimeOffset CreatedAt,
    bool Listed,
    string DeleteTokenHash,
    long Bytes)
{
    /// <summary>Creation time rounded down to the minute, so it cannot be matched to an upload.</summary>
    public static DateTimeOffset RoundToMinute(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
