namespace RenderFarm.Gallery.Feed;

/// <summary>One painting in the public feed. Deliberately nothing else: no job, no file name, no exact time.</summary>
public sealed record FeedItemView(string Id, string Style, DateTimeOffset CreatedAt, string ImageUrl, string ThumbnailUrl);
