using System.ComponentModel.DataAnnotations;

namespace RenderFarm.Gallery.Feed;

/// <summary>The public feed's page sizes, the address its links use and how long caches may keep a painting. Section "Feed".</summary>
public sealed class FeedOptions
{
    public const string Section = "Feed";

    /// <summary>
    /// The Gallery's public address (the Ingress host), which feed links start with. From configuration, never from
    /// the request's Host header, which a client or a misrouted proxy chooses.
    /// </summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>
    /// Cache-Control of paintings and thumbnails. A takedown must reach every cache: browsers and CDNs keep a painting
    /// at most this long (5 minutes by default) and then revalidate it by its ETag (a cheap 304); a takedown that must
    /// be instant is also purged at the CDN (docs/DEPLOY.md).
    /// </summary>
    [Required]
    public string ImageCacheControl { get; set; } = "public, max-age=300, must-revalidate";

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 24;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;
}
