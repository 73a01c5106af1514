using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gallery.Feed;

/// <summary>Page sizes of the public feed. Section "Feed".</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 24;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;
}
