namespace RenderFarm.Gallery.Feed;

/// <summary>Page sizes of the public feed. Section "Feed".</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    public int DefaultPageSize { get; set; } = 24;
    public int MaxPageSize { get; set; } = 100;
}
