namespace RenderFarm.Gallery.Feed;

/// <summary>A page of the feed; pass <paramref name="Next"/> as "before" to get the following page (null at the end).</summary>
public sealed record FeedPageView(IReadOnlyList<FeedItemView> Items, string? Next);
