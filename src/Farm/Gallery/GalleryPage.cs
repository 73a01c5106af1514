namespace RenderFarm.Farm.Gallery;

/// <summary>A page of the public feed, newest first; <paramref name="Next"/> is the cursor for the following page.</summary>
public sealed record GalleryPage(IReadOnlyList<GalleryItem> Items, long? Next);
